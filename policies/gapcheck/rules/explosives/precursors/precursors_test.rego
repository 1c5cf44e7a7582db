package gapcheck.rules.explosives.precursors_test

import data.gapcheck.rules.explosives.precursors

_paths := ["explosives.precursors_regulation", "participation.instruments.explosives_precursors"]

_profile(participation, fact) := {
	"participation": {"instruments": {"explosives_precursors": participation}},
	"explosives": {"precursors_regulation": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_applied if {
	precursors.result == {
		"status": "met",
		"message": "Explosives Precursors Regulation: applied since 2014-09-02",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "applied", "date": "2014-09-02", "sources": ["S2"]})
}

test_partial_when_applied_in_part if {
	precursors.result == {
		"status": "partial",
		"message": "Explosives Precursors Regulation: partial",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_applied_and_bound if {
	precursors.result == {
		"status": "gap",
		"message": "Explosives Precursors Regulation: not applied",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "not_applied", "sources": ["S2"]})
}

test_unknown_when_not_applied_but_participation_unknown if {
	precursors.result == {
		"status": "unknown",
		"message": "Explosives Precursors Regulation: not applied, but no source says whether the state is bound by explosives_precursors",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_applied", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	precursors.result == {
		"status": "unknown",
		"message": "Explosives Precursors Regulation: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_not_applicable_when_not_party if {
	precursors.result == {
		"status": "not_applicable",
		"message": "not bound by explosives_precursors (not party)",
		"paths": ["participation.instruments.explosives_precursors"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "applied", "sources": ["S2"]})
}
