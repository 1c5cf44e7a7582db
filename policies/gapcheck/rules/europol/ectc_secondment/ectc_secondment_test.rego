package gapcheck.rules.europol.ectc_secondment_test

import data.gapcheck.rules.europol.ectc_secondment

_law := ["europol"]

_title := "Europol (Council Decision 2009/371/JHA, then Regulation (EU) 2016/794)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its europol.ectc_secondment fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"europol": {"ectc_secondment": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _denmark is an EU Member State applying the Schengen acquis, with opt-outs the acts
# give it.
_denmark(at, fact) := _state(at, "DK", {"eu": "member", "schengen": "full"}, {}, fact)

# _uk_unsure_of_europol is the United Kingdom in 2016, whose profile records no source
# on its Europol membership.
_uk_unsure_of_europol(at, fact) := _state(at, "GB", {"eu": "member", "schengen": "outside"}, {"europol": "unknown"}, fact)

# _norway is an EEA EFTA state associated with Schengen, in no position of its own.
_norway(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, fact)

test_met_when_seconded if {
	ectc_secondment.result == {
		"status": "met",
		"message": "ECTC secondment: seconded since 2016-01-01",
		"paths": ["europol.ectc_secondment", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "seconded", "since": "2016-01-01", "date": "2016-01-01", "sources": ["S2"]})
}

test_met_when_denmark_before_the_europol_regulation if {
	ectc_secondment.result == {
		"status": "met",
		"message": "ECTC secondment: seconded",
		"paths": ["europol.ectc_secondment", "participation.eu"],
		"law": _law,
	} with input as _denmark("2016-03-01", {"status": "seconded", "sources": ["S2"]})
}

test_gap_when_none_and_bound if {
	ectc_secondment.result == {
		"status": "gap",
		"message": "ECTC secondment: none (inferred)",
		"paths": ["europol.ectc_secondment", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "none", "inferred": true, "sources": ["S2"]})
}

test_unknown_when_none_but_own_position_unknown if {
	ectc_secondment.result == {
		"status": "unknown",
		"message": sprintf("ECTC secondment: none, but whether the state is bound by %s is unknown: no source says (its profile)", [_title]),
		"paths": ["europol.ectc_secondment", "participation.instruments.europol"],
		"law": _law,
	} with input as _uk_unsure_of_europol("2016-03-01", {"status": "none", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	ectc_secondment.result == {
		"status": "unknown",
		"message": "ECTC secondment: no source confirms the status",
		"paths": ["europol.ectc_secondment", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	ectc_secondment.result == {
		"status": "unknown",
		"message": "ECTC secondment: no source confirms the status",
		"paths": ["europol.ectc_secondment", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["europol"])
}

test_not_applicable_to_denmark_from_2017_05_01 if {
	ectc_secondment.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: Denmark was a full Europol member until the Europol Regulation applied on 1 May 2017; it is not bound by the Regulation (its justice-and-home-affairs opt-out, kept by the referendum of 3 December 2015) and cooperates under an agreement instead.", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _denmark("2017-05-01", {"status": "none", "sources": ["S2"]})
}

test_not_applicable_outside_the_eu if {
	ectc_secondment.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EU Member State", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _norway("2016-03-01", {"status": "none", "sources": ["S2"]})
}
