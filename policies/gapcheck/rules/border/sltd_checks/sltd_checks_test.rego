package gapcheck.rules.border.sltd_checks_test

import data.gapcheck.main
import data.gapcheck.rules.border.sltd_checks

_law := ["schengen_borders_code"]

_title := "the Schengen Borders Code (Regulation (EC) No 562/2006, codified as (EU) 2016/399)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its borders.sltd_checks fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"borders": {"sltd_checks": fact},
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

test_met_when_all_crossings_connected if {
	sltd_checks.result == {
		"status": "met",
		"message": "SLTD checks at external border crossings: all crossings since 2016-02-15",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "all_crossings", "since": "2016-02-15", "date": "2016-02-15", "sources": ["S2"]})
}

test_met_when_associated_with_schengen if {
	sltd_checks.result == {
		"status": "met",
		"message": "SLTD checks at external border crossings: all crossings",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _switzerland("2016-03-01", {"status": "all_crossings", "sources": ["S2"]})
}

test_partial_when_some_crossings_connected if {
	sltd_checks.result == {
		"status": "partial",
		"message": "SLTD checks at external border crossings: some crossings",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "some_crossings", "sources": ["S2"]})
}

test_gap_when_none_and_bound if {
	sltd_checks.result == {
		"status": "gap",
		"message": "SLTD checks at external border crossings: none",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "none", "sources": ["S2"]})
}

test_unknown_when_none_but_not_yet_applying_the_acquis if {
	sltd_checks.result == {
		"status": "unknown",
		"message": sprintf("SLTD checks at external border crossings: none, but whether the state is bound by %s is unknown: no source says whether it binds a state bound by the Schengen acquis but not yet applying it", [_title]),
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _croatia("2016-03-01", {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	sltd_checks.result == {
		"status": "unknown",
		"message": "SLTD checks at external border crossings: no source confirms the status",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	sltd_checks.result == {
		"status": "unknown",
		"message": "SLTD checks at external border crossings: no source confirms the status",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["borders"])
}

test_not_applicable_outside_schengen if {
	sltd_checks.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not a Schengen-associated state, not a state applying the Schengen acquis, not a state bound by the Schengen acquis but not yet applying it", [_title]),
		"paths": ["participation.schengen"],
		"law": _law,
	} with input as _ireland("2016-03-01", {"status": "none", "sources": ["S2"]})
}

# the JHA Council asked for the checks "by March 2016" (custom.deadline)
test_not_yet_due_before_2016_03_31 if {
	main.findings.border.sltd_checks == {
		"status": "not_yet_due",
		"message": "SLTD checks at external border crossings: none (not yet due: due by 2016-03-31)",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-30", {"status": "none", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"border": {"sltd_checks": {"deadline": "2016-03-31"}}}}
}

test_gap_from_2016_03_31 if {
	main.findings.border.sltd_checks == {
		"status": "gap",
		"message": "SLTD checks at external border crossings: none",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-31", {"status": "none", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"border": {"sltd_checks": {"deadline": "2016-03-31"}}}}
}

test_met_before_2016_03_31 if {
	main.findings.border.sltd_checks == {
		"status": "met",
		"message": "SLTD checks at external border crossings: all crossings",
		"paths": ["borders.sltd_checks", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-30", {"status": "all_crossings", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"border": {"sltd_checks": {"deadline": "2016-03-31"}}}}
}
