package gapcheck.rules.sis.ftf_alerts_test

import data.gapcheck.rules.sis.ftf_alerts

_law := ["sis_ii_police"]

_title := "SIS II for police and judicial cooperation (Council Decision 2007/533/JHA)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its sis facts (connection and
# ftf_alerts, either absent when null).
_state(at, country, memberships, positions, connection, alerts) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"sis": {k: v | some k, v in {"connection": connection, "ftf_alerts": alerts}; v != null},
}

# _belgium applies the Schengen acquis: the police part of SIS II binds it.
_belgium(at, connection, alerts) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, connection, alerts)

# _norway is associated with Schengen: the police part binds it.
_norway(at, connection, alerts) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, connection, alerts)

# _uk is the United Kingdom outside Schengen, which opted in to the police part.
_uk(at, connection, alerts) := _state(at, "GB", {"eu": "member", "schengen": "outside"}, {"sis_ii_police": "opted_in"}, connection, alerts)

# _ireland is outside Schengen, in no position of its own: the police part does not bind
# it.
_ireland(at, connection, alerts) := _state(at, "IE", {"eu": "member", "schengen": "outside"}, {}, connection, alerts)

# _croatia in 2016 is bound by the Schengen acquis but not yet applying it: no source
# says whether the police part binds it.
_croatia(at, connection, alerts) := _state(at, "HR", {"eu": "member", "schengen": "not_fully_applied"}, {}, connection, alerts)

# _cyprus is a state whose profile records the police part as pending.
_cyprus(at, connection, alerts) := _state(at, "CY", {"eu": "member", "schengen": "not_fully_applied"}, {"sis_ii_police": "pending"}, connection, alerts)

_full := {"status": "full", "since": "2013-04-09", "date": "2013-04-09", "sources": ["I8"]}

_not_connected := {"status": "not_connected", "sources": ["I4"]}

_pending := "no source says whether it binds a state bound by the Schengen acquis but not yet applying it"

_not_in_schengen := "not a Schengen-associated state, not a state applying the Schengen acquis, not a state bound by the Schengen acquis but not yet applying it"

test_met_when_systematic if {
	ftf_alerts.result == {
		"status": "met",
		"message": "SIS II alerts on foreign terrorist fighters: systematic",
		"paths": ["sis.ftf_alerts", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", _full, {"status": "systematic", "sources": ["I7"]})
}

test_met_when_systematic_though_connection_says_not_connected if {
	ftf_alerts.result == {
		"status": "met",
		"message": "SIS II alerts on foreign terrorist fighters: systematic; but sis.connection says the state is not connected to SIS II: the sources conflict",
		"paths": ["sis.ftf_alerts", "sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", _not_connected, {"status": "systematic", "sources": ["I7"]})
}

test_partial_when_some if {
	ftf_alerts.result == {
		"status": "partial",
		"message": "SIS II alerts on foreign terrorist fighters: some since 2015-04-13",
		"paths": ["sis.ftf_alerts", "participation.instruments.sis_ii_police"],
		"law": _law,
	} with input as _uk(
		"2016-03-01",
		{"status": "police_only", "since": "2015-04-13", "date": "2015-04-13", "sources": ["I1"]},
		{"status": "some", "since": "2015-04-13", "date": "2015-04-13", "sources": ["I7"]},
	)
}

test_partial_when_some_though_connection_says_not_connected if {
	ftf_alerts.result == {
		"status": "partial",
		"message": "SIS II alerts on foreign terrorist fighters: some; but sis.connection says the state is not connected to SIS II: the sources conflict",
		"paths": ["sis.ftf_alerts", "sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _norway("2016-03-01", _not_connected, {"status": "some", "sources": ["I7"]})
}

test_gap_when_none_and_bound if {
	ftf_alerts.result == {
		"status": "gap",
		"message": "SIS II alerts on foreign terrorist fighters: none",
		"paths": ["sis.ftf_alerts", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", _full, {"status": "none", "sources": ["I7"]})
}

test_gap_when_none_and_not_connected if {
	ftf_alerts.result == {
		"status": "gap",
		"message": "SIS II alerts on foreign terrorist fighters: none (inferred); the state is not connected to SIS II",
		"paths": ["sis.ftf_alerts", "sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", _not_connected, {"status": "none", "inferred": true, "sources": ["I4"]})
}

test_gap_when_alerts_unknown_and_not_connected_and_bound if {
	ftf_alerts.result == {
		"status": "gap",
		"message": "SIS II alerts on foreign terrorist fighters: no source gives them, but the state is not connected to SIS II, so it cannot enter any",
		"paths": ["sis.connection", "sis.ftf_alerts", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", _not_connected, {"status": "unknown"})
}

test_gap_when_alerts_absent_and_not_connected_and_bound if {
	ftf_alerts.result == {
		"status": "gap",
		"message": "SIS II alerts on foreign terrorist fighters: no source gives them, but the state is not connected to SIS II, so it cannot enter any",
		"paths": ["sis.connection", "sis.ftf_alerts", "participation.schengen"],
		"law": _law,
	} with input as _norway("2016-03-01", _not_connected, null)
}

test_unknown_when_alerts_unknown_and_not_connected_but_binding_unknown if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": sprintf("SIS II alerts on foreign terrorist fighters: no source confirms the status; the state is not connected to SIS II, but whether it is bound by its police part is unknown: %s", [_pending]),
		"paths": ["sis.ftf_alerts", "sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _croatia("2016-03-01", _not_connected, {"status": "unknown"})
}

test_unknown_when_none_and_not_connected_but_binding_unknown if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": sprintf("SIS II alerts on foreign terrorist fighters: none, but whether the state is bound by %s is unknown: %s; the state is not connected to SIS II", [_title, _pending]),
		"paths": ["sis.ftf_alerts", "sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _croatia("2016-03-01", _not_connected, {"status": "none", "sources": ["I4"]})
}

test_unknown_when_none_but_binding_unknown if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": sprintf("SIS II alerts on foreign terrorist fighters: none, but whether the state is bound by %s is unknown: %s", [_title, _pending]),
		"paths": ["sis.ftf_alerts", "participation.schengen"],
		"law": _law,
	} with input as _croatia("2016-03-01", {"status": "unknown"}, {"status": "none", "sources": ["I7"]})
}

test_unknown_when_alerts_unknown_and_connected if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: no source confirms the status",
		"paths": ["sis.ftf_alerts", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", _full, {"status": "unknown"})
}

test_unknown_when_alerts_and_connection_unknown if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: no source confirms the status",
		"paths": ["sis.ftf_alerts", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"}, {"status": "unknown"})
}

test_unknown_when_absent if {
	ftf_alerts.result == {
		"status": "unknown",
		"message": "SIS II alerts on foreign terrorist fighters: no source confirms the status",
		"paths": ["sis.ftf_alerts", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", null, null)
}

test_not_applicable_when_outside_schengen_and_not_connected if {
	ftf_alerts.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: %s", [_title, _not_in_schengen]),
		"paths": ["participation.schengen"],
		"law": _law,
	} with input as _ireland("2016-03-01", _not_connected, {"status": "unknown"})
}

test_not_applicable_when_pending if {
	ftf_alerts.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: pending (its profile)", [_title]),
		"paths": ["participation.instruments.sis_ii_police"],
		"law": _law,
	} with input as _cyprus("2016-03-01", {"status": "unknown"}, {"status": "none", "sources": ["I7"]})
}
