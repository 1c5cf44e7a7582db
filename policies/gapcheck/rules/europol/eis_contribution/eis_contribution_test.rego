package gapcheck.rules.europol.eis_contribution_test

import data.gapcheck.rules.europol.eis_contribution

_paths := ["europol.eis_contribution", "participation.instruments.europol"]

_profile(participation, fact) := {
	"participation": {"instruments": {"europol": participation}},
	"europol": {"eis_contribution": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_contributing if {
	eis_contribution.result == {
		"status": "met",
		"message": "Europol Information System contributions: contributing",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "contributing", "sources": ["S2"]})
}

test_partial_when_contributing_little if {
	eis_contribution.result == {
		"status": "partial",
		"message": "Europol Information System contributions: low",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "low", "sources": ["S2"]})
}

test_gap_when_not_contributing_and_bound if {
	eis_contribution.result == {
		"status": "gap",
		"message": "Europol Information System contributions: none",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_not_contributing_but_participation_unknown if {
	eis_contribution.result == {
		"status": "unknown",
		"message": "Europol Information System contributions: none, but no source says whether the state is bound by europol",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	eis_contribution.result == {
		"status": "unknown",
		"message": "Europol Information System contributions: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_not_applicable_when_not_party if {
	eis_contribution.result == {
		"status": "not_applicable",
		"message": "not bound by europol (not party)",
		"paths": ["participation.instruments.europol"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "unknown"})
}
