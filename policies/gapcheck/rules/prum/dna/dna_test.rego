package gapcheck.rules.prum.dna_test

import data.gapcheck.rules.prum.dna

_paths := ["prum.dna", "participation.instruments.prum"]

_profile(participation, fact) := {
	"participation": {"instruments": {"prum": participation}},
	"prum": {"dna": fact},
}

test_met_when_operational if {
	dna.result == {"status": "met", "message": "Prüm DNA exchange: operational", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "operational", "sources": ["S2"]},
	)
}

test_met_when_authorised_by_launch_decision if {
	dna.result == {"status": "met", "message": "Prüm DNA exchange: authorised since 2015-11-10", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "authorised", "date": "2015-11-10", "sources": ["S2"]},
	)
}

test_gap_when_not_operational_and_bound if {
	dna.result == {"status": "gap", "message": "Prüm DNA exchange: not operational (inferred)", "paths": _paths} with input as _profile(
		{"status": "associated", "sources": ["S1"]},
		{"status": "not_operational", "inferred": true, "sources": ["S2"]},
	)
}

test_unknown_when_not_operational_but_participation_unknown if {
	dna.result == {
		"status": "unknown",
		"message": "Prüm DNA exchange: not operational, but no source says whether the state is bound by prum",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	dna.result == {"status": "unknown", "message": "Prüm DNA exchange: no source confirms the status", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "unknown"},
	)
}

test_unknown_when_fact_absent if {
	dna.result == {"status": "unknown", "message": "Prüm DNA exchange: no source confirms the status", "paths": _paths} with input as {}
}

test_not_applicable_when_not_party if {
	dna.result == {
		"status": "not_applicable",
		"message": "not bound by prum (not party)",
		"paths": ["participation.instruments.prum"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "not_operational", "sources": ["S2"]})
}
