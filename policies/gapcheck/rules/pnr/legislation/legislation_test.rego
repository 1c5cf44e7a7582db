package gapcheck.rules.pnr.legislation_test

import data.gapcheck.main
import data.gapcheck.rules.pnr.legislation

_law := ["pnr_directive"]

_title := "the PNR Directive (EU) 2016/681"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its pnr.legislation fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"pnr": {"legislation": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _ireland is an EU Member State outside the Schengen area.
_ireland(at, fact) := _state(at, "IE", {"eu": "member", "schengen": "outside"}, {}, fact)

# _denmark is an EU Member State applying the Schengen acquis, with opt-outs the acts
# give it.
_denmark(at, fact) := _state(at, "DK", {"eu": "member", "schengen": "full"}, {}, fact)

# _no_memberships is a state whose memberships no source gives.
_no_memberships(at, fact) := _state(at, "XX", {"eu": "unknown", "schengen": "unknown"}, {}, fact)

# _uk_after_brexit is the United Kingdom after the transition: in neither the EU nor
# Schengen.
_uk_after_brexit(at, fact) := _state(at, "GB", {"eu": "not_member", "schengen": "outside"}, {}, fact)

test_met_when_in_force if {
	legislation.result == {
		"status": "met",
		"message": "PNR legislation: in force since 2018-05-25",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "in_force", "since": "2018-05-25", "date": "2018-05-25", "sources": ["S2"]})
}

test_met_when_opted_in_by_the_act if {
	legislation.result == {
		"status": "met",
		"message": "PNR legislation: in force",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _ireland("2018-06-01", {"status": "in_force", "sources": ["S2"]})
}

test_partial_when_adopted if {
	legislation.result == {
		"status": "partial",
		"message": "PNR legislation: adopted since 2018-05-01",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "adopted", "since": "2018-05-01", "date": "2018-05-01", "sources": ["S2"]})
}

test_gap_when_drafting_and_bound if {
	legislation.result == {
		"status": "gap",
		"message": "PNR legislation: drafting",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "drafting", "sources": ["S2"]})
}

test_gap_when_none_and_bound if {
	legislation.result == {
		"status": "gap",
		"message": "PNR legislation: none (inferred)",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "none", "inferred": true, "sources": ["S2"]})
}

test_unknown_when_drafting_but_memberships_unknown if {
	legislation.result == {
		"status": "unknown",
		"message": sprintf("PNR legislation: drafting, but whether the state is bound by %s is unknown: no source gives the state's memberships", [_title]),
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _no_memberships("2018-06-01", {"status": "drafting", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	legislation.result == {
		"status": "unknown",
		"message": "PNR legislation: no source confirms the status",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	legislation.result == {
		"status": "unknown",
		"message": "PNR legislation: no source confirms the status",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2018-06-01", {}), ["pnr"])
}

test_not_applicable_when_the_act_leaves_the_state_out if {
	legislation.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: Denmark does not take part in the Directive under its justice-and-home-affairs opt-out (Protocol No 22); it runs a national PNR system instead.", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _denmark("2018-06-01", {"status": "drafting", "sources": ["S2"]})
}

test_not_applicable_outside_the_eu if {
	legislation.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EU Member State", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _uk_after_brexit("2021-06-01", {"status": "drafting", "sources": ["S2"]})
}

test_not_yet_due_before_2018_05_25 if {
	main.findings.pnr.legislation == {
		"status": "not_yet_due",
		"message": "PNR legislation: drafting (not yet due: due by 2018-05-25)",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-05-24", {"status": "drafting", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"pnr": {"legislation": {"deadline": "2018-05-25"}}}}
}

test_gap_from_2018_05_25 if {
	main.findings.pnr.legislation == {
		"status": "gap",
		"message": "PNR legislation: drafting",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-05-25", {"status": "drafting", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"pnr": {"legislation": {"deadline": "2018-05-25"}}}}
}

test_met_before_2018_05_25 if {
	main.findings.pnr.legislation == {
		"status": "met",
		"message": "PNR legislation: in force",
		"paths": ["pnr.legislation", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-05-24", {"status": "in_force", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"pnr": {"legislation": {"deadline": "2018-05-25"}}}}
}
