package gapcheck.rules.national.ftf_database_test

import data.gapcheck.rules.national.ftf_database

_paths := ["national.ftf_database"]

# _belgium is an EU Member State seen on at, with its foreign-fighter database fact.
_belgium(at, fact) := {
	"at": at,
	"country": "BE",
	"participation": {"eu": {"status": "member", "sources": ["M1"]}, "schengen": {"status": "full", "sources": ["M1"]}},
	"national": {"ftf_database": fact},
}

# _norway is a state outside the EU, seen on at with the fact.
_norway(at, fact) := {
	"at": at,
	"country": "NO",
	"participation": {"eu": {"status": "not_member", "sources": ["M1"]}, "schengen": {"status": "associated", "sources": ["M1"]}, "eea": {"status": "member", "sources": ["M1"]}},
	"national": {"ftf_database": fact},
}

test_met_when_shared if {
	ftf_database.result == {
		"status": "met",
		"message": "Shared foreign-fighter database: shared since 2016-07-21",
		"paths": _paths,
	} with input as _belgium("2016-08-01", {"status": "shared", "since": "2016-07-21", "date": "2016-07-21", "sources": ["N9"]})
}

test_met_when_shared_whatever_the_memberships if {
	ftf_database.result == {
		"status": "met",
		"message": "Shared foreign-fighter database: shared",
		"paths": _paths,
	} with input as _norway("2016-03-01", {"status": "shared", "sources": ["N3"]})
}

test_partial_when_shared_in_part if {
	ftf_database.result == {
		"status": "partial",
		"message": "Shared foreign-fighter database: partial since 2015",
		"paths": _paths,
	} with input as _belgium("2016-03-01", {"status": "partial", "since": "2015", "date": "2015-12-31", "sources": ["N7"]})
}

test_gap_when_none if {
	ftf_database.result == {
		"status": "gap",
		"message": "Shared foreign-fighter database: none (inferred)",
		"paths": _paths,
	} with input as _belgium("2016-03-01", {"status": "none", "inferred": true, "sources": ["N9"]})
}

test_unknown_when_fact_unknown if {
	ftf_database.result == {
		"status": "unknown",
		"message": "Shared foreign-fighter database: no source confirms the status",
		"paths": _paths,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
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
	} with input as _belgium("2016-03-01", {"status": "planned", "sources": ["N9"]})
}
