package gapcheck.rules.border.systematic_checks_test

import data.gapcheck.rules.border.systematic_checks

_paths := ["borders.systematic_checks", "participation.instruments.schengen_borders_code"]

_profile(participation, fact) := {
	"participation": {"instruments": {"schengen_borders_code": participation}},
	"borders": {"systematic_checks": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_systematic if {
	systematic_checks.result == {
		"status": "met",
		"message": "Systematic database checks at external borders: systematic",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "systematic", "sources": ["S2"]})
}

test_partial_when_checks_in_part if {
	systematic_checks.result == {
		"status": "partial",
		"message": "Systematic database checks at external borders: partial",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "partial", "sources": ["S2"]})
}

test_gap_when_none_and_bound if {
	systematic_checks.result == {
		"status": "gap",
		"message": "Systematic database checks at external borders: none (inferred)",
		"paths": _paths,
	} with input as _profile({"status": "associated", "sources": ["S1"]}, {"status": "none", "inferred": true, "sources": ["S2"]})
}

test_unknown_when_none_but_participation_unknown if {
	systematic_checks.result == {
		"status": "unknown",
		"message": "Systematic database checks at external borders: none, but no source says whether the state is bound by schengen_borders_code",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	systematic_checks.result == {
		"status": "unknown",
		"message": "Systematic database checks at external borders: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_not_applicable_when_not_party if {
	systematic_checks.result == {
		"status": "not_applicable",
		"message": "not bound by schengen_borders_code (not party)",
		"paths": ["participation.instruments.schengen_borders_code"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "systematic", "sources": ["S2"]})
}
