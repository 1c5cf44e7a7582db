package gapcheck.rules.pnr.piu_test

import data.gapcheck.main
import data.gapcheck.rules.pnr.piu

_law := ["pnr_directive"]

_title := "the PNR Directive (EU) 2016/681"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its pnr.piu fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"pnr": {"piu": fact},
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

test_met_when_operational if {
	piu.result == {
		"status": "met",
		"message": "Passenger Information Unit: operational since 2015-04-01",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "operational", "since": "2015-04-01", "date": "2015-04-01", "sources": ["S2"]})
}

test_met_when_opted_in_by_the_act if {
	piu.result == {
		"status": "met",
		"message": "Passenger Information Unit: operational",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _ireland("2018-06-01", {"status": "operational", "sources": ["S2"]})
}

test_partial_when_being_set_up if {
	piu.result == {
		"status": "partial",
		"message": "Passenger Information Unit: being set up",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "being_set_up", "sources": ["S2"]})
}

test_gap_when_none_and_bound if {
	piu.result == {
		"status": "gap",
		"message": "Passenger Information Unit: none",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "none", "sources": ["S2"]})
}

test_unknown_when_none_but_memberships_unknown if {
	piu.result == {
		"status": "unknown",
		"message": sprintf("Passenger Information Unit: none, but whether the state is bound by %s is unknown: no source gives the state's memberships", [_title]),
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _no_memberships("2018-06-01", {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	piu.result == {
		"status": "unknown",
		"message": "Passenger Information Unit: no source confirms the status",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-06-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	piu.result == {
		"status": "unknown",
		"message": "Passenger Information Unit: no source confirms the status",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2018-06-01", {}), ["pnr"])
}

test_not_applicable_when_the_act_leaves_the_state_out if {
	piu.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: Denmark does not take part in the Directive under its justice-and-home-affairs opt-out (Protocol No 22); it runs a national PNR system instead.", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _denmark("2018-06-01", {"status": "none", "sources": ["S2"]})
}

test_not_yet_due_before_2018_05_25 if {
	main.findings.pnr.piu == {
		"status": "not_yet_due",
		"message": "Passenger Information Unit: none (not yet due: due by 2018-05-25)",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-05-24", {"status": "none", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"pnr": {"piu": {"deadline": "2018-05-25"}}}}
}

test_gap_from_2018_05_25 if {
	main.findings.pnr.piu == {
		"status": "gap",
		"message": "Passenger Information Unit: none",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-05-25", {"status": "none", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"pnr": {"piu": {"deadline": "2018-05-25"}}}}
}

test_met_before_2018_05_25 if {
	main.findings.pnr.piu == {
		"status": "met",
		"message": "Passenger Information Unit: operational",
		"paths": ["pnr.piu", "participation.eu"],
		"law": _law,
	} with input as _belgium("2018-05-24", {"status": "operational", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"pnr": {"piu": {"deadline": "2018-05-25"}}}}
}
