package gapcheck.rules.sltd.feed_test

import data.gapcheck.rules.sltd.feed

_paths := ["interpol.sltd_feed", "participation.instruments.sltd_common_position"]

_profile(participation, fact) := {
	"participation": {"instruments": {"sltd_common_position": participation}},
	"interpol": {"sltd_feed": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_feeding if {
	feed.result == {
		"status": "met",
		"message": "Passport data fed to Interpol SLTD: feeding",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "feeding", "sources": ["S2"]})
}

test_partial_when_feeding_in_part if {
	feed.result == {
		"status": "partial",
		"message": "Passport data fed to Interpol SLTD: partial",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_feeding_and_bound if {
	feed.result == {
		"status": "gap",
		"message": "Passport data fed to Interpol SLTD: not feeding",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "not_feeding", "sources": ["S2"]})
}

test_unknown_when_not_feeding_but_participation_unknown if {
	feed.result == {
		"status": "unknown",
		"message": "Passport data fed to Interpol SLTD: not feeding, but no source says whether the state is bound by sltd_common_position",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_feeding", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	feed.result == {
		"status": "unknown",
		"message": "Passport data fed to Interpol SLTD: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown", "sources": ["S2"]})
}

test_unknown_when_fact_absent if {
	feed.result == {
		"status": "unknown",
		"message": "Passport data fed to Interpol SLTD: no source confirms the status",
		"paths": _paths,
	} with input as {}
}

test_not_applicable_when_opted_out if {
	feed.result == {
		"status": "not_applicable",
		"message": "not bound by sltd_common_position (opted out)",
		"paths": ["participation.instruments.sltd_common_position"],
	} with input as _profile({"status": "opted_out", "sources": ["S1"]}, {"status": "unknown"})
}
