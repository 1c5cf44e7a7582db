package gapcheck.rules.explosives.precursors_test

import data.gapcheck.main
import data.gapcheck.rules.explosives.precursors

_law := ["explosives_precursors"]

_title := "the Explosives Precursors Regulation (EU) No 98/2013"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its explosives.precursors_regulation
# fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"explosives": {"precursors_regulation": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _switzerland is a Schengen-associated state in neither the EU nor the EEA.
_switzerland(at, fact) := _state(at, "CH", {"eu": "not_member", "schengen": "associated", "eea": "not_member"}, {}, fact)

# _norway is an EEA EFTA state associated with Schengen, in no position of its own.
_norway(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, fact)

test_met_when_applied if {
	precursors.result == {
		"status": "met",
		"message": "Explosives Precursors Regulation: applied since 2014-09-02",
		"paths": ["explosives.precursors_regulation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "applied", "since": "2014-09-02", "date": "2014-09-02", "sources": ["S2"]})
}

test_partial_when_applied_in_part if {
	precursors.result == {
		"status": "partial",
		"message": "Explosives Precursors Regulation: partial",
		"paths": ["explosives.precursors_regulation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_applied_and_bound if {
	precursors.result == {
		"status": "gap",
		"message": "Explosives Precursors Regulation: not applied",
		"paths": ["explosives.precursors_regulation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "not_applied", "sources": ["S2"]})
}

test_unknown_when_not_applied_but_eea_state if {
	precursors.result == {
		"status": "unknown",
		"message": sprintf("Explosives Precursors Regulation: not applied, but whether the state is bound by %s is unknown: no source says whether it binds an EEA EFTA state", [_title]),
		"paths": ["explosives.precursors_regulation", "participation.eea"],
		"law": _law,
	} with input as _norway("2016-03-01", {"status": "not_applied", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	precursors.result == {
		"status": "unknown",
		"message": "Explosives Precursors Regulation: no source confirms the status",
		"paths": ["explosives.precursors_regulation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	precursors.result == {
		"status": "unknown",
		"message": "Explosives Precursors Regulation: no source confirms the status",
		"paths": ["explosives.precursors_regulation", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["explosives"])
}

test_not_applicable_outside_the_eu_and_the_eea if {
	precursors.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EEA EFTA state, not an EU Member State", [_title]),
		"paths": ["participation.eea", "participation.eu"],
		"law": _law,
	} with input as _switzerland("2016-03-01", {"status": "not_applied", "sources": ["S2"]})
}

test_not_yet_due_before_2014_09_02 if {
	main.findings.explosives.precursors == {
		"status": "not_yet_due",
		"message": "Explosives Precursors Regulation: not applied (not yet due: due by 2014-09-02)",
		"paths": ["explosives.precursors_regulation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2014-09-01", {"status": "not_applied", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"explosives": {"precursors": {"deadline": "2014-09-02"}}}}
}

test_gap_from_2014_09_02 if {
	main.findings.explosives.precursors == {
		"status": "gap",
		"message": "Explosives Precursors Regulation: not applied",
		"paths": ["explosives.precursors_regulation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2014-09-02", {"status": "not_applied", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"explosives": {"precursors": {"deadline": "2014-09-02"}}}}
}
