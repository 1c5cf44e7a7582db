package gapcheck.rules.border.systematic_checks_test

import data.gapcheck.rules.border.systematic_checks

_law := ["schengen_borders_code"]

_title := "the Schengen Borders Code (Regulation (EC) No 562/2006, codified as (EU) 2016/399)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its borders.systematic_checks fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"borders": {"systematic_checks": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _switzerland is a Schengen-associated state in neither the EU nor the EEA.
_switzerland(at, fact) := _state(at, "CH", {"eu": "not_member", "schengen": "associated", "eea": "not_member"}, {}, fact)

# _ireland is an EU Member State outside the Schengen area.
_ireland(at, fact) := _state(at, "IE", {"eu": "member", "schengen": "outside"}, {}, fact)

# _croatia is an EU Member State bound by the Schengen acquis but not yet applying it
# (2016).
_croatia(at, fact) := _state(at, "HR", {"eu": "member", "schengen": "not_fully_applied"}, {}, fact)

test_met_when_systematic if {
	systematic_checks.result == {
		"status": "met",
		"message": "Systematic database checks at external borders: systematic since 2015-11-20",
		"paths": ["borders.systematic_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "systematic", "since": "2015-11-20", "date": "2015-11-20", "sources": ["S2"]})
}

test_met_when_associated_with_schengen if {
	systematic_checks.result == {
		"status": "met",
		"message": "Systematic database checks at external borders: systematic",
		"paths": ["borders.systematic_checks", "participation.schengen"],
		"law": _law,
	} with input as _switzerland("2016-03-01", {"status": "systematic", "sources": ["S2"]})
}

test_partial_when_checks_in_part if {
	systematic_checks.result == {
		"status": "partial",
		"message": "Systematic database checks at external borders: partial",
		"paths": ["borders.systematic_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "partial", "sources": ["S2"]})
}

test_gap_when_none_and_bound if {
	systematic_checks.result == {
		"status": "gap",
		"message": "Systematic database checks at external borders: none (inferred)",
		"paths": ["borders.systematic_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "none", "inferred": true, "sources": ["S2"]})
}

test_unknown_when_none_but_not_yet_applying_the_acquis if {
	systematic_checks.result == {
		"status": "unknown",
		"message": sprintf("Systematic database checks at external borders: none, but whether the state is bound by %s is unknown: no source says whether it binds a state bound by the Schengen acquis but not yet applying it", [_title]),
		"paths": ["borders.systematic_checks", "participation.schengen"],
		"law": _law,
	} with input as _croatia("2016-03-01", {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	systematic_checks.result == {
		"status": "unknown",
		"message": "Systematic database checks at external borders: no source confirms the status",
		"paths": ["borders.systematic_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	systematic_checks.result == {
		"status": "unknown",
		"message": "Systematic database checks at external borders: no source confirms the status",
		"paths": ["borders.systematic_checks", "participation.schengen"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["borders"])
}

test_not_applicable_outside_schengen if {
	systematic_checks.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not a Schengen-associated state, not a state applying the Schengen acquis, not a state bound by the Schengen acquis but not yet applying it", [_title]),
		"paths": ["participation.schengen"],
		"law": _law,
	} with input as _ireland("2016-03-01", {"status": "none", "sources": ["S2"]})
}
