package gapcheck.rules.border.sltd_checks_test

import data.gapcheck.rules.border.sltd_checks

_paths := ["borders.sltd_checks", "participation.instruments.schengen_borders_code"]

_profile(participation, fact) := {
	"participation": {"instruments": {"schengen_borders_code": participation}},
	"borders": {"sltd_checks": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_all_crossings_connected if {
	sltd_checks.result == {
		"status": "met",
		"message": "SLTD checks at external border crossings: all crossings",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "all_crossings", "sources": ["S2"]})
}

test_partial_when_some_crossings_connected if {
	sltd_checks.result == {
		"status": "partial",
		"message": "SLTD checks at external border crossings: some crossings since 2016-02-01",
		"paths": _paths,
	} with input as _profile({"status": "associated", "sources": ["S1"]}, {"status": "some_crossings", "date": "2016-02-01", "sources": ["S2"]})
}

test_gap_when_no_crossing_connected_and_bound if {
	sltd_checks.result == {
		"status": "gap",
		"message": "SLTD checks at external border crossings: none",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_no_crossing_connected_but_participation_unknown if {
	sltd_checks.result == {
		"status": "unknown",
		"message": "SLTD checks at external border crossings: none, but no source says whether the state is bound by schengen_borders_code",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	sltd_checks.result == {
		"status": "unknown",
		"message": "SLTD checks at external border crossings: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	sltd_checks.result == {
		"status": "unknown",
		"message": "SLTD checks at external border crossings: no source confirms the status",
		"paths": _paths,
	} with input as {}
}

test_not_applicable_when_not_party if {
	sltd_checks.result == {
		"status": "not_applicable",
		"message": "not bound by schengen_borders_code (not party)",
		"paths": ["participation.instruments.schengen_borders_code"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "none", "sources": ["S2"]})
}
