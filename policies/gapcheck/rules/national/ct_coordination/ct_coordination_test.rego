package gapcheck.rules.national.ct_coordination_test

import data.gapcheck.rules.national.ct_coordination

_paths := ["national.ct_coordination"]

_profile(fact) := {"national": {"ct_coordination": fact}}

test_met_when_body_exists if {
	ct_coordination.result == {
		"status": "met",
		"message": "National counter-terrorism coordination body: exists since 2006-12-01",
		"paths": _paths,
	} with input as _profile({"status": "exists", "date": "2006-12-01", "sources": ["N8"]})
}

test_met_when_body_exists_whatever_the_participation if {
	ct_coordination.result == {
		"status": "met",
		"message": "National counter-terrorism coordination body: exists",
		"paths": _paths,
	} with input as {
		"participation": {"eu": {"status": "not_member", "sources": ["S1"]}, "instruments": {}},
		"national": {"ct_coordination": {"status": "exists", "sources": ["N2"]}},
	}
}

test_gap_when_none if {
	ct_coordination.result == {
		"status": "gap",
		"message": "National counter-terrorism coordination body: none (inferred)",
		"paths": _paths,
	} with input as _profile({"status": "none", "inferred": true, "sources": ["N6"]})
}

test_unknown_when_fact_unknown if {
	ct_coordination.result == {
		"status": "unknown",
		"message": "National counter-terrorism coordination body: no source confirms the status",
		"paths": _paths,
	} with input as _profile({"status": "unknown"})
}

test_unknown_when_fact_absent if {
	ct_coordination.result == {
		"status": "unknown",
		"message": "National counter-terrorism coordination body: no source confirms the status",
		"paths": _paths,
	} with input as {}
}

test_unknown_when_status_outside_vocabulary if {
	ct_coordination.result == {
		"status": "unknown",
		"message": "National counter-terrorism coordination body: planned",
		"paths": _paths,
	} with input as _profile({"status": "planned", "sources": ["N1"]})
}
