package gapcheck.rules.sis.connected_test

import data.gapcheck.rules.sis.connected

_paths := ["sis.connection", "participation.instruments.sis_ii_police", "participation.instruments.sis_ii_borders"]

_profile(police, borders, fact) := {
	"participation": {"instruments": {"sis_ii_police": {"status": police}, "sis_ii_borders": {"status": borders}}},
	"sis": {"connection": fact},
}

test_met_when_full if {
	connected.result == {"status": "met", "message": "SIS II connection: full since 2013-04-09", "paths": _paths} with input as _profile(
		"bound", "bound",
		{"status": "full", "date": "2013-04-09", "sources": ["I1"]},
	)
}

test_met_when_police_only_and_border_part_not_applicable if {
	connected.result == {
		"status": "met",
		"message": "SIS II connection: police only since 2015-04-13; the border part does not apply (not_party)",
		"paths": _paths,
	} with input as _profile("opted_in", "not_party", {"status": "police_only", "date": "2015-04-13", "sources": ["I1"]})
}

test_partial_when_police_only_but_border_part_binds if {
	connected.result == {
		"status": "partial",
		"message": "SIS II connection: police only, though the border part binds the state",
		"paths": _paths,
	} with input as _profile("bound", "bound", {"status": "police_only", "sources": ["I1"]})
}

test_gap_when_not_connected_and_bound if {
	connected.result == {"status": "gap", "message": "SIS II connection: not connected", "paths": _paths} with input as _profile(
		"bound", "unknown",
		{"status": "not_connected", "sources": ["I4"]},
	)
}

test_unknown_when_not_connected_and_participation_unknown if {
	connected.result == {
		"status": "unknown",
		"message": "SIS II connection: not connected, but no source says which parts of SIS II bind the state",
		"paths": _paths,
	} with input as _profile("unknown", "unknown", {"status": "not_connected", "sources": ["I4"]})
}

test_unknown_when_police_only_and_border_part_unknown if {
	connected.result == {
		"status": "unknown",
		"message": "SIS II connection: police only, but no source says which parts of SIS II bind the state",
		"paths": _paths,
	} with input as _profile("bound", "unknown", {"status": "police_only", "sources": ["I1"]})
}

test_unknown_when_fact_unknown if {
	connected.result == {"status": "unknown", "message": "SIS II connection: no source confirms the status", "paths": _paths} with input as _profile(
		"bound", "bound",
		{"status": "unknown"},
	)
}

test_not_applicable_when_neither_part_applies if {
	connected.result == {
		"status": "not_applicable",
		"message": "not bound by sis_ii_police (pending)",
		"paths": ["participation.instruments.sis_ii_police"],
	} with input as _profile("pending", "pending", {"status": "not_connected", "sources": ["I3"]})
}
