package gapcheck.rules.europol.ectc_secondment_test

import data.gapcheck.rules.europol.ectc_secondment

_paths := ["europol.ectc_secondment", "participation.instruments.europol"]

_profile(participation, fact) := {
	"participation": {"instruments": {"europol": participation}},
	"europol": {"ectc_secondment": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_experts_seconded if {
	ectc_secondment.result == {
		"status": "met",
		"message": "ECTC secondment: seconded since 2016-01-25",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "seconded", "date": "2016-01-25", "sources": ["S2"]})
}

test_gap_when_none_seconded_and_bound if {
	ectc_secondment.result == {
		"status": "gap",
		"message": "ECTC secondment: none",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_none_seconded_but_participation_unknown if {
	ectc_secondment.result == {
		"status": "unknown",
		"message": "ECTC secondment: none, but no source says whether the state is bound by europol",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	ectc_secondment.result == {
		"status": "unknown",
		"message": "ECTC secondment: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	ectc_secondment.result == {
		"status": "unknown",
		"message": "ECTC secondment: no source confirms the status",
		"paths": _paths,
	} with input as {}
}

test_not_applicable_when_pending if {
	ectc_secondment.result == {
		"status": "not_applicable",
		"message": "not bound by europol (pending)",
		"paths": ["participation.instruments.europol"],
	} with input as _profile({"status": "pending", "sources": ["S1"]}, {"status": "none", "sources": ["S2"]})
}
