package gapcheck.rules.prum.vehicle_registration_test

import data.gapcheck.rules.prum.vehicle_registration

_paths := ["prum.vehicle_registration", "participation.instruments.prum"]

_profile(participation, fact) := {
	"participation": {"instruments": {"prum": participation}},
	"prum": {"vehicle_registration": fact},
}

test_met_when_operational if {
	vehicle_registration.result == {"status": "met", "message": "Prüm vehicle registration exchange: operational", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "operational", "sources": ["S2"]},
	)
}

test_met_when_authorised_by_launch_decision if {
	vehicle_registration.result == {"status": "met", "message": "Prüm vehicle registration exchange: authorised since 2015-11-10", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "authorised", "date": "2015-11-10", "sources": ["S2"]},
	)
}

test_gap_when_not_operational_and_bound if {
	vehicle_registration.result == {"status": "gap", "message": "Prüm vehicle registration exchange: not operational (inferred)", "paths": _paths} with input as _profile(
		{"status": "associated", "sources": ["S1"]},
		{"status": "not_operational", "inferred": true, "sources": ["S2"]},
	)
}

test_unknown_when_not_operational_but_participation_unknown if {
	vehicle_registration.result == {
		"status": "unknown",
		"message": "Prüm vehicle registration exchange: not operational, but no source says whether the state is bound by prum",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	vehicle_registration.result == {"status": "unknown", "message": "Prüm vehicle registration exchange: no source confirms the status", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "unknown"},
	)
}

test_unknown_when_fact_absent if {
	vehicle_registration.result == {"status": "unknown", "message": "Prüm vehicle registration exchange: no source confirms the status", "paths": _paths} with input as {}
}

test_not_applicable_when_not_party if {
	vehicle_registration.result == {
		"status": "not_applicable",
		"message": "not bound by prum (not party)",
		"paths": ["participation.instruments.prum"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "not_operational", "sources": ["S2"]})
}
