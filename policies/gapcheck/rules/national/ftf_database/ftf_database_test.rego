package gapcheck.rules.national.ftf_database_test

import data.gapcheck.rules.national.ftf_database

_paths := ["national.ftf_database"]

_profile(fact) := {"national": {"ftf_database": fact}}

test_met_when_shared if {
	ftf_database.result == {
		"status": "met",
		"message": "Shared foreign-fighter database: shared since 2016-07-21",
		"paths": _paths,
	} with input as _profile({"status": "shared", "date": "2016-07-21", "sources": ["N9"]})
}

test_partial_when_shared_in_part if {
	ftf_database.result == {
		"status": "partial",
		"message": "Shared foreign-fighter database: partial",
		"paths": _paths,
	} with input as _profile({"status": "partial", "sources": ["N7"]})
}

test_gap_when_none if {
	ftf_database.result == {
		"status": "gap",
		"message": "Shared foreign-fighter database: none (inferred)",
		"paths": _paths,
	} with input as _profile({"status": "none", "inferred": true, "sources": ["N9"]})
}

test_unknown_when_fact_unknown if {
	ftf_database.result == {
		"status": "unknown",
		"message": "Shared foreign-fighter database: no source confirms the status",
		"paths": _paths,
	} with input as _profile({"status": "unknown"})
}

test_unknown_when_fact_absent if {
	ftf_database.result == {
		"status": "unknown",
		"message": "Shared foreign-fighter database: no source confirms the status",
		"paths": _paths,
	} with input as {}
}

test_unknown_when_status_outside_vocabulary if {
	ftf_database.result == {
		"status": "unknown",
		"message": "Shared foreign-fighter database: planned",
		"paths": _paths,
	} with input as _profile({"status": "planned", "sources": ["N9"]})
}
