package gapcheck.rules.pnr.piu_test

import data.gapcheck.rules.pnr.piu

_paths := ["pnr.piu", "participation.instruments.pnr_directive"]

_profile(participation, fact) := {
	"participation": {"instruments": {"pnr_directive": participation}},
	"pnr": {"piu": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_operational if {
	piu.result == {"status": "met", "message": "Passenger Information Unit: operational since 2015-04-01", "paths": _paths} with input as _profile(
		_bound,
		{"status": "operational", "date": "2015-04-01", "sources": ["S2"]},
	)
}

test_partial_when_being_set_up if {
	piu.result == {"status": "partial", "message": "Passenger Information Unit: being set up", "paths": _paths} with input as _profile(
		_bound,
		{"status": "being_set_up", "sources": ["S2"]},
	)
}

test_gap_when_none if {
	piu.result == {"status": "gap", "message": "Passenger Information Unit: none", "paths": _paths} with input as _profile(
		_bound,
		{"status": "none", "sources": ["S2"]},
	)
}

test_unknown_when_absent if {
	piu.result == {"status": "unknown", "message": "Passenger Information Unit: no source confirms the status", "paths": _paths} with input as {}
}

test_not_applicable_when_not_party if {
	piu.result == {
		"status": "not_applicable",
		"message": "not bound by pnr_directive (not party)",
		"paths": ["participation.instruments.pnr_directive"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "unknown"})
}
