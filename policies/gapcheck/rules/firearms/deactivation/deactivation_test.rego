package gapcheck.rules.firearms.deactivation_test

import data.gapcheck.rules.firearms.deactivation

_paths := ["firearms.deactivation_standards", "participation.instruments.firearms_deactivation"]

_profile(participation, fact) := {
	"participation": {"instruments": {"firearms_deactivation": participation}},
	"firearms": {"deactivation_standards": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_applied if {
	deactivation.result == {
		"status": "met",
		"message": "Common deactivation standards: applied",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "applied", "sources": ["S2"]})
}

test_partial_when_applied_in_part if {
	deactivation.result == {
		"status": "partial",
		"message": "Common deactivation standards: partial",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_applied_and_bound if {
	deactivation.result == {
		"status": "gap",
		"message": "Common deactivation standards: not applied",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "not_applied", "sources": ["S2"]})
}

test_unknown_when_not_applied_but_participation_unknown if {
	deactivation.result == {
		"status": "unknown",
		"message": "Common deactivation standards: not applied, but no source says whether the state is bound by firearms_deactivation",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_applied", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	deactivation.result == {
		"status": "unknown",
		"message": "Common deactivation standards: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_not_applicable_when_pending if {
	deactivation.result == {
		"status": "not_applicable",
		"message": "not bound by firearms_deactivation (pending)",
		"paths": ["participation.instruments.firearms_deactivation"],
	} with input as _profile({"status": "pending", "sources": ["S1"]}, {"status": "not_applied", "sources": ["S2"]})
}
