package gapcheck.rules.prum.fingerprints_test

import data.gapcheck.rules.prum.fingerprints

_paths := ["prum.fingerprints", "participation.instruments.prum"]

_profile(participation, fact) := {
	"participation": {"instruments": {"prum": participation}},
	"prum": {"fingerprints": fact},
}

test_met_when_operational if {
	fingerprints.result == {"status": "met", "message": "Prüm fingerprint exchange: operational", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "operational", "sources": ["S2"]},
	)
}

test_met_when_authorised_by_launch_decision if {
	fingerprints.result == {"status": "met", "message": "Prüm fingerprint exchange: authorised since 2015-11-10", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "authorised", "date": "2015-11-10", "sources": ["S2"]},
	)
}

test_gap_when_not_operational_and_bound if {
	fingerprints.result == {"status": "gap", "message": "Prüm fingerprint exchange: not operational (inferred)", "paths": _paths} with input as _profile(
		{"status": "associated", "sources": ["S1"]},
		{"status": "not_operational", "inferred": true, "sources": ["S2"]},
	)
}

test_unknown_when_not_operational_but_participation_unknown if {
	fingerprints.result == {
		"status": "unknown",
		"message": "Prüm fingerprint exchange: not operational, but no source says whether the state is bound by prum",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	fingerprints.result == {"status": "unknown", "message": "Prüm fingerprint exchange: no source confirms the status", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "unknown"},
	)
}

test_unknown_when_fact_absent if {
	fingerprints.result == {"status": "unknown", "message": "Prüm fingerprint exchange: no source confirms the status", "paths": _paths} with input as {}
}

test_not_applicable_when_not_party if {
	fingerprints.result == {
		"status": "not_applicable",
		"message": "not bound by prum (not party)",
		"paths": ["participation.instruments.prum"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "not_operational", "sources": ["S2"]})
}
