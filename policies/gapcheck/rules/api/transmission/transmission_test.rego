package gapcheck.rules.api.transmission_test

import data.gapcheck.rules.api.transmission

_paths := ["api.transmission", "participation.instruments.api_directive"]

_profile(participation, fact) := {
	"participation": {"instruments": {"api_directive": participation}},
	"api": {"transmission": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_operational if {
	transmission.result == {
		"status": "met",
		"message": "API transmission: operational since 2006-09-05",
		"paths": _paths,
	} with input as _profile({"status": "opted_in", "sources": ["S1"]}, {"status": "operational", "date": "2006-09-05", "sources": ["S2"]})
}

test_partial_when_operational_in_part if {
	transmission.result == {
		"status": "partial",
		"message": "API transmission: partial",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_operational_and_bound if {
	transmission.result == {
		"status": "gap",
		"message": "API transmission: not operational",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_not_operational_but_participation_unknown if {
	transmission.result == {
		"status": "unknown",
		"message": "API transmission: not operational, but no source says whether the state is bound by api_directive",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	transmission.result == {
		"status": "unknown",
		"message": "API transmission: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_not_applicable_when_not_party if {
	transmission.result == {
		"status": "not_applicable",
		"message": "not bound by api_directive (not party)",
		"paths": ["participation.instruments.api_directive"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "not_operational", "sources": ["S2"]})
}
