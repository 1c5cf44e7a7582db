package gapcheck.rules.aml.transposition_test

import data.gapcheck.main
import data.gapcheck.rules.aml.transposition

_law := ["aml_directive"]

_title := "the 4th Anti-Money-Laundering Directive (EU) 2015/849"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its aml.fourth_directive fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"aml": {"fourth_directive": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _switzerland is a Schengen-associated state in neither the EU nor the EEA.
_switzerland(at, fact) := _state(at, "CH", {"eu": "not_member", "schengen": "associated", "eea": "not_member"}, {}, fact)

# _norway is an EEA EFTA state associated with Schengen, in no position of its own.
_norway(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, fact)

test_met_when_transposed if {
	transposition.result == {
		"status": "met",
		"message": "4th Anti-Money-Laundering Directive: transposed since 2016-11-01",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "transposed", "since": "2016-11-01", "date": "2016-11-01", "sources": ["S2"]})
}

test_partial_when_transposed_in_part if {
	transposition.result == {
		"status": "partial",
		"message": "4th Anti-Money-Laundering Directive: partial",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_transposed_and_bound if {
	transposition.result == {
		"status": "gap",
		"message": "4th Anti-Money-Laundering Directive: not transposed",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "not_transposed", "sources": ["S2"]})
}

test_unknown_when_not_transposed_but_eea_state if {
	transposition.result == {
		"status": "unknown",
		"message": sprintf("4th Anti-Money-Laundering Directive: not transposed, but whether the state is bound by %s is unknown: no source says whether it binds an EEA EFTA state", [_title]),
		"paths": ["aml.fourth_directive", "participation.eea"],
		"law": _law,
	} with input as _norway("2016-03-01", {"status": "not_transposed", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	transposition.result == {
		"status": "unknown",
		"message": "4th Anti-Money-Laundering Directive: no source confirms the status",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	transposition.result == {
		"status": "unknown",
		"message": "4th Anti-Money-Laundering Directive: no source confirms the status",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["aml"])
}

test_not_applicable_outside_the_eu_and_the_eea if {
	transposition.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EEA EFTA state, not an EU Member State", [_title]),
		"paths": ["participation.eea", "participation.eu"],
		"law": _law,
	} with input as _switzerland("2016-03-01", {"status": "not_transposed", "sources": ["S2"]})
}

# the action plan of 2 February 2016 asked for transposition by end-2016
# (custom.deadline), before the legal deadline of 26 June 2017
test_not_yet_due_before_2016_12_31 if {
	main.findings.aml.transposition == {
		"status": "not_yet_due",
		"message": "4th Anti-Money-Laundering Directive: not transposed (not yet due: due by 2016-12-31)",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-12-30", {"status": "not_transposed", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"aml": {"transposition": {"deadline": "2016-12-31"}}}}
}

test_gap_from_2016_12_31 if {
	main.findings.aml.transposition == {
		"status": "gap",
		"message": "4th Anti-Money-Laundering Directive: not transposed",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-12-31", {"status": "not_transposed", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"aml": {"transposition": {"deadline": "2016-12-31"}}}}
}

test_met_before_2016_12_31 if {
	main.findings.aml.transposition == {
		"status": "met",
		"message": "4th Anti-Money-Laundering Directive: transposed",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-12-30", {"status": "transposed", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"aml": {"transposition": {"deadline": "2016-12-31"}}}}
}
