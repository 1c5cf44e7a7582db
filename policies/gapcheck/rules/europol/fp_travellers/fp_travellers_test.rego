package gapcheck.rules.europol.fp_travellers_test

import data.gapcheck.rules.europol.fp_travellers

_paths := ["europol.fp_travellers", "participation.instruments.europol"]

_profile(participation, fact) := {
	"participation": {"instruments": {"europol": participation}},
	"europol": {"fp_travellers": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_contributing if {
	fp_travellers.result == {
		"status": "met",
		"message": "FP Travellers contributions: contributing",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "contributing", "sources": ["S2"]})
}

test_partial_when_contributing_little if {
	fp_travellers.result == {
		"status": "partial",
		"message": "FP Travellers contributions: low (inferred)",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "low", "inferred": true, "sources": ["S2"]})
}

test_gap_when_not_contributing_and_bound if {
	fp_travellers.result == {
		"status": "gap",
		"message": "FP Travellers contributions: none",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_not_contributing_but_participation_unknown if {
	fp_travellers.result == {
		"status": "unknown",
		"message": "FP Travellers contributions: none, but no source says whether the state is bound by europol",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	fp_travellers.result == {
		"status": "unknown",
		"message": "FP Travellers contributions: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_not_applicable_when_opted_out if {
	fp_travellers.result == {
		"status": "not_applicable",
		"message": "not bound by europol (opted out)",
		"paths": ["participation.instruments.europol"],
	} with input as _profile({"status": "opted_out", "sources": ["S1"]}, {"status": "contributing", "sources": ["S2"]})
}
