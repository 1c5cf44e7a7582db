package gapcheck.rules.firearms.deactivation_test

import data.gapcheck.main
import data.gapcheck.rules.firearms.deactivation

_law := ["firearms_deactivation"]

_title := "the deactivation standards (Implementing Regulation (EU) 2015/2403)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its firearms.deactivation_standards
# fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"firearms": {"deactivation_standards": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _uk_after_brexit is the United Kingdom after the transition: in neither the EU nor
# Schengen.
_uk_after_brexit(at, fact) := _state(at, "GB", {"eu": "not_member", "schengen": "outside"}, {}, fact)

# _norway is an EEA EFTA state associated with Schengen, in no position of its own.
_norway(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, fact)

test_met_when_applied if {
	deactivation.result == {
		"status": "met",
		"message": "Common deactivation standards: applied since 2016-04-08",
		"paths": ["firearms.deactivation_standards", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-06-01", {"status": "applied", "since": "2016-04-08", "date": "2016-04-08", "sources": ["S2"]})
}

test_partial_when_applied_in_part if {
	deactivation.result == {
		"status": "partial",
		"message": "Common deactivation standards: partial",
		"paths": ["firearms.deactivation_standards", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-06-01", {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_applied_and_bound if {
	deactivation.result == {
		"status": "gap",
		"message": "Common deactivation standards: not applied",
		"paths": ["firearms.deactivation_standards", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-06-01", {"status": "not_applied", "sources": ["S2"]})
}

test_unknown_when_not_applied_but_associated_state if {
	deactivation.result == {
		"status": "unknown",
		"message": sprintf("Common deactivation standards: not applied, but whether the state is bound by %s is unknown: no source says whether it binds a Schengen-associated state", [_title]),
		"paths": ["firearms.deactivation_standards", "participation.schengen"],
		"law": _law,
	} with input as _norway("2016-06-01", {"status": "not_applied", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	deactivation.result == {
		"status": "unknown",
		"message": "Common deactivation standards: no source confirms the status",
		"paths": ["firearms.deactivation_standards", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-06-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	deactivation.result == {
		"status": "unknown",
		"message": "Common deactivation standards: no source confirms the status",
		"paths": ["firearms.deactivation_standards", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-06-01", {}), ["firearms"])
}

test_not_applicable_outside_the_eu_and_schengen if {
	deactivation.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not a Schengen-associated state, not an EU Member State", [_title]),
		"paths": ["participation.eu", "participation.schengen"],
		"law": _law,
	} with input as _uk_after_brexit("2021-06-01", {"status": "not_applied", "sources": ["S2"]})
}

# no deadline in the METADATA: not yet due before the Regulation applies (the catalogue)
test_not_yet_due_before_2016_04_08 if {
	main.findings.firearms.deactivation == {
		"status": "not_yet_due",
		"message": "Common deactivation standards: not applied (not yet due: due from 2016-04-08 under the deactivation standards (Implementing Regulation (EU) 2015/2403))",
		"paths": ["firearms.deactivation_standards", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-04-07", {"status": "not_applied", "sources": ["S2"]})
}

test_gap_from_2016_04_08 if {
	main.findings.firearms.deactivation == {
		"status": "gap",
		"message": "Common deactivation standards: not applied",
		"paths": ["firearms.deactivation_standards", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-04-08", {"status": "not_applied", "sources": ["S2"]})
}

test_met_before_2016_04_08 if {
	main.findings.firearms.deactivation == {
		"status": "met",
		"message": "Common deactivation standards: applied",
		"paths": ["firearms.deactivation_standards", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-04-07", {"status": "applied", "sources": ["S2"]})
}
