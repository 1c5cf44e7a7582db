package gapcheck.rules.national.ct_coordination_test

import data.gapcheck.main
import data.gapcheck.rules.national.ct_coordination

_paths := ["national.ct_coordination"]

# _belgium is an EU Member State seen on at, with its coordination body fact.
_belgium(at, fact) := {
	"at": at,
	"country": "BE",
	"participation": {"eu": {"status": "member", "sources": ["M1"]}, "schengen": {"status": "full", "sources": ["M1"]}},
	"national": {"ct_coordination": fact},
}

# _switzerland is a state in neither the EU nor the EEA, seen on at with the fact.
_switzerland(at, fact) := {
	"at": at,
	"country": "CH",
	"participation": {"eu": {"status": "not_member", "sources": ["M1"]}, "schengen": {"status": "associated", "sources": ["M1"]}},
	"national": {"ct_coordination": fact},
}

test_met_when_body_exists if {
	ct_coordination.result == {
		"status": "met",
		"message": "National counter-terrorism coordination body: exists since 2006-12-01",
		"paths": _paths,
	} with input as _belgium("2016-03-01", {"status": "exists", "since": "2006-12-01", "date": "2006-12-01", "sources": ["N8"]})
}

test_met_when_body_exists_whatever_the_memberships if {
	ct_coordination.result == {
		"status": "met",
		"message": "National counter-terrorism coordination body: exists",
		"paths": _paths,
	} with input as _switzerland("2016-03-01", {"status": "exists", "sources": ["N2"]})
}

test_gap_when_none if {
	ct_coordination.result == {
		"status": "gap",
		"message": "National counter-terrorism coordination body: none (inferred)",
		"paths": _paths,
	} with input as _belgium("2016-03-01", {"status": "none", "inferred": true, "sources": ["N6"]})
}

test_gap_whatever_the_date if {
	# no instrument and no deadline: nothing makes it not yet due
	main.findings.national.ct_coordination == {
		"status": "gap",
		"message": "National counter-terrorism coordination body: none",
		"paths": _paths,
	} with input as _belgium("2000-01-01", {"status": "none", "sources": ["N6"]})
}

test_unknown_when_fact_unknown if {
	ct_coordination.result == {
		"status": "unknown",
		"message": "National counter-terrorism coordination body: no source confirms the status",
		"paths": _paths,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
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
	} with input as _belgium("2016-03-01", {"status": "planned", "sources": ["N1"]})
}
