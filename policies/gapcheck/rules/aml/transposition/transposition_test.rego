package gapcheck.rules.aml.transposition_test

import data.gapcheck.rules.aml.transposition

_paths := ["aml.fourth_directive", "participation.instruments.aml_directive"]

_profile(participation, fact) := {
	"participation": {"instruments": {"aml_directive": participation}},
	"aml": {"fourth_directive": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_transposed if {
	transposition.result == {
		"status": "met",
		"message": "4th Anti-Money-Laundering Directive: transposed since 2016-11-30",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "transposed", "date": "2016-11-30", "sources": ["S2"]})
}

test_partial_when_transposed_in_part if {
	transposition.result == {
		"status": "partial",
		"message": "4th Anti-Money-Laundering Directive: partial",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_transposed_and_bound if {
	transposition.result == {
		"status": "gap",
		"message": "4th Anti-Money-Laundering Directive: not transposed (inferred)",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "not_transposed", "inferred": true, "sources": ["S2"]})
}

test_unknown_when_not_transposed_but_participation_unknown if {
	transposition.result == {
		"status": "unknown",
		"message": "4th Anti-Money-Laundering Directive: not transposed, but no source says whether the state is bound by aml_directive",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_transposed", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	transposition.result == {
		"status": "unknown",
		"message": "4th Anti-Money-Laundering Directive: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_not_applicable_when_opted_out if {
	transposition.result == {
		"status": "not_applicable",
		"message": "not bound by aml_directive (opted out)",
		"paths": ["participation.instruments.aml_directive"],
	} with input as _profile({"status": "opted_out", "sources": ["S1"]}, {"status": "transposed", "sources": ["S2"]})
}
