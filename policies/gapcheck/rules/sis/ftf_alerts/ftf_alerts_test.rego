package gapcheck.rules.sis.ftf_alerts_test

import data.gapcheck.rules.sis.ftf_alerts

_paths := ["sis.ftf_alerts", "participation.instruments.sis_ii_police"]

# _paths_with_connection are the paths when the connection is not_connected.
_paths_with_connection := ["sis.ftf_alerts", "sis.connection", "participation.instruments.sis_ii_police"]

_profile(police, connection, alerts) := {
	"participation": {"instruments": {"sis_ii_police": {"status": police}}},
	"sis": {"connection": connection, "ftf_alerts": alerts},
}

_full := {"status": "full", "sources": ["I1"]}

_not_connected := {"status": "not_connected", "sources": ["I4"]}

test_met_when_systematic if {
	ftf_alerts.result == {
		"status": "met",
		"message": "SIS II alerts on foreign terrorist fighters: systematic",
		"paths": _paths,
	} with input as _profile("bound", _full, {"status": "systematic", "sources": ["I7"]})
}

test_met_when_systematic_though_connection_says_not_connected if {
	ftf_alerts.result == {
		"status": "met",
		"message": "SIS II alerts on foreign terrorist fighters: systematic; but sis.connection says the state is not connected to SIS II: the sources conflict",
		"paths": _paths_with_connection,
	} with input as _profile("bound", _not_connected, {"status": "systematic", "sources": ["I7"]})
}

test_partial_when_some if {
	ftf_alerts.result == {
		"status": "partial",
		"message": "SIS II alerts on foreign terrorist fighters: some since 2015-04-13",
		"paths": _paths,
	} with input as _profile("opted_in", {"status": "police_only", "sources": ["I1"]}, {"status": "some", "date": "2015-04-13", "sources": ["I7"]})
}

test_gap_when_none_and_bound if {
	ftf_alerts.result == {
		"status": "gap",
		"message": "SIS II alerts on foreign terrorist fighters: none",
		"paths": _paths,
	} with input as _profile("bound", _full, {"status": "none", "sources": ["I7"]})
}

test_gap_when_none_and_not_connected if {
	ftf_alerts.result == {
		"status": "gap",
		"message": "SIS II alerts on foreign terrorist fighters: none (inferred); the state is not connected to SIS II",
		"paths": _paths_with_connection,
	} with input as _profile("bound", _not_connected, {"status": "none", "inferred": true, "sources": ["I4"]})
}

test_gap_when_alerts_unknown_and_not_connected_and_bound if {
	ftf_alerts.result == {
		"status": "gap",
		"message": "SIS II alerts on foreign terrorist fighters: no source gives them, but the state is not connected to SIS II, so it cannot enter any",
		"paths": ["sis.connection", "sis.ftf_alerts", "participation.instruments.sis_ii_police"],
	} with input as _profile("bound", _not_connected, {"status": "unknown"})
}

test_gap_when_alerts_absent_and_not_connected_and_bound if {
	ftf_alerts.result == {
		"status": "gap",
		"message": "SIS II alerts on foreign terrorist fighters: no source gives them, but the state is not connected to SIS II, so it cannot enter any",
		"paths": ["sis.connection", "sis.ftf_alerts", "participation.instruments.sis_ii_police"],
	} with input as {
		"participation": {"instruments": {"sis_ii_police": {"status": "associated"}}},
		"sis": {"connection": _not_connected},
	}
}

test_unknown_when_alerts_unknown_and_not_connected_but_participation_unknown if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: no source confirms the status; the state is not connected to SIS II, but no source says whether it is bound by sis_ii_police",
		"paths": _paths_with_connection,
	} with input as _profile("unknown", _not_connected, {"status": "unknown"})
}

test_unknown_when_none_and_not_connected_but_participation_unknown if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: none, but no source says whether the state is bound by sis_ii_police; the state is not connected to SIS II",
		"paths": _paths_with_connection,
	} with input as _profile("unknown", _not_connected, {"status": "none", "sources": ["I4"]})
}

test_unknown_when_none_but_participation_unknown if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: none, but no source says whether the state is bound by sis_ii_police",
		"paths": _paths,
	} with input as _profile("unknown", _full, {"status": "none", "sources": ["I7"]})
}

test_unknown_when_alerts_unknown_and_connected if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: no source confirms the status",
		"paths": _paths,
	} with input as _profile("bound", _full, {"status": "unknown"})
}

test_unknown_when_alerts_and_connection_unknown if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: no source confirms the status",
		"paths": _paths,
	} with input as _profile("bound", {"status": "unknown"}, {"status": "unknown"})
}

test_unknown_when_absent if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: no source confirms the status",
		"paths": _paths,
	} with input as {}
}

test_not_applicable_when_pending_and_not_connected if {
	ftf_alerts.result == {
		"status": "not_applicable",
		"message": "not bound by sis_ii_police (pending)",
		"paths": ["participation.instruments.sis_ii_police"],
	} with input as _profile("pending", _not_connected, {"status": "unknown"})
}

test_not_applicable_when_not_party if {
	ftf_alerts.result == {
		"status": "not_applicable",
		"message": "not bound by sis_ii_police (not party)",
		"paths": ["participation.instruments.sis_ii_police"],
	} with input as _profile("not_party", {"status": "unknown"}, {"status": "none", "sources": ["I7"]})
}
