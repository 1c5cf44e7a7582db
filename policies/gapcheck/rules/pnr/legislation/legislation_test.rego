package gapcheck.rules.pnr.legislation_test

import data.gapcheck.rules.pnr.legislation

_paths := ["pnr.legislation", "participation.instruments.pnr_directive"]

_profile(participation, fact) := {
	"participation": {"instruments": {"pnr_directive": participation}},
	"pnr": {"legislation": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_in_force if {
	legislation.result == {"status": "met", "message": "PNR legislation: in force since 2014-09-26", "paths": _paths} with input as _profile(
		_bound,
		{"status": "in_force", "date": "2014-09-26", "sources": ["S2"]},
	)
}

test_partial_when_adopted_not_applied if {
	legislation.result == {"status": "partial", "message": "PNR legislation: adopted since 2016-02-10", "paths": _paths} with input as _profile(
		_bound,
		{"status": "adopted", "date": "2016-02-10", "sources": ["S2"]},
	)
}

test_gap_when_none if {
	legislation.result == {"status": "gap", "message": "PNR legislation: none (inferred)", "paths": _paths} with input as _profile(
		_bound,
		{"status": "none", "inferred": true, "sources": ["S2"]},
	)
}

test_gap_when_drafting if {
	legislation.result == {"status": "gap", "message": "PNR legislation: drafting", "paths": _paths} with input as _profile(
		_bound,
		{"status": "drafting", "sources": ["S2"]},
	)
}

test_unknown_when_fact_unknown if {
	legislation.result == {"status": "unknown", "message": "PNR legislation: no source confirms the status", "paths": _paths} with input as _profile(
		_bound,
		{"status": "unknown"},
	)
}

test_not_applicable_when_opted_out if {
	legislation.result == {
		"status": "not_applicable",
		"message": "not bound by pnr_directive (opted out)",
		"paths": ["participation.instruments.pnr_directive"],
	} with input as _profile({"status": "opted_out", "sources": ["S1"]}, {"status": "in_force", "sources": ["S2"]})
}
