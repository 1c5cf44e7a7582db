package gapcheck.rules.api.transmission_test

import data.gapcheck.main
import data.gapcheck.rules.api.transmission

_law := ["api_directive"]

_title := "the API Directive 2004/82/EC"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its api.transmission fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"api": {"transmission": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _norway_associated_to_api is Norway, taking part in the API Directive through its
# Schengen association.
_norway_associated_to_api(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {"api_directive": "associated"}, fact)

# _uk_after_brexit is the United Kingdom after the transition: in neither the EU nor
# Schengen.
_uk_after_brexit(at, fact) := _state(at, "GB", {"eu": "not_member", "schengen": "outside"}, {}, fact)

# _switzerland is a Schengen-associated state in neither the EU nor the EEA.
_switzerland(at, fact) := _state(at, "CH", {"eu": "not_member", "schengen": "associated", "eea": "not_member"}, {}, fact)

# _ireland is an EU Member State outside the Schengen area.
_ireland(at, fact) := _state(at, "IE", {"eu": "member", "schengen": "outside"}, {}, fact)

test_met_when_operational if {
	transmission.result == {
		"status": "met",
		"message": "API transmission: operational since 2007-01",
		"paths": ["api.transmission", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "operational", "since": "2007-01", "date": "2007-01-31", "sources": ["S2"]})
}

test_met_when_associated if {
	transmission.result == {
		"status": "met",
		"message": "API transmission: operational",
		"paths": ["api.transmission", "participation.instruments.api_directive"],
		"law": _law,
	} with input as _norway_associated_to_api("2016-03-01", {"status": "operational", "sources": ["S2"]})
}

test_partial_when_operational_in_part if {
	transmission.result == {
		"status": "partial",
		"message": "API transmission: partial",
		"paths": ["api.transmission", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_operational_and_bound if {
	transmission.result == {
		"status": "gap",
		"message": "API transmission: not operational",
		"paths": ["api.transmission", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_not_operational_but_associated_state if {
	transmission.result == {
		"status": "unknown",
		"message": sprintf("API transmission: not operational, but whether the state is bound by %s is unknown: no source says whether it binds a Schengen-associated state", [_title]),
		"paths": ["api.transmission", "participation.schengen"],
		"law": _law,
	} with input as _switzerland("2016-03-01", {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_not_operational_but_the_act_leaves_the_state_open if {
	transmission.result == {
		"status": "unknown",
		"message": sprintf("API transmission: not operational, but whether the state is bound by %s is unknown: Ireland's participation is unconfirmed in the research notes (measures.md §4).", [_title]),
		"paths": ["api.transmission", "participation.eu"],
		"law": _law,
	} with input as _ireland("2016-03-01", {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	transmission.result == {
		"status": "unknown",
		"message": "API transmission: no source confirms the status",
		"paths": ["api.transmission", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	transmission.result == {
		"status": "unknown",
		"message": "API transmission: no source confirms the status",
		"paths": ["api.transmission", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["api"])
}

test_not_applicable_outside_the_eu_and_schengen if {
	transmission.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not a Schengen-associated state, not an EU Member State", [_title]),
		"paths": ["participation.eu", "participation.schengen"],
		"law": _law,
	} with input as _uk_after_brexit("2021-06-01", {"status": "not_operational", "sources": ["S2"]})
}

test_not_yet_due_before_2006_09_05 if {
	main.findings.api.transmission == {
		"status": "not_yet_due",
		"message": "API transmission: not operational (not yet due: due by 2006-09-05)",
		"paths": ["api.transmission", "participation.eu"],
		"law": _law,
	} with input as _belgium("2006-09-04", {"status": "not_operational", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"api": {"transmission": {"deadline": "2006-09-05"}}}}
}

test_gap_from_2006_09_05 if {
	main.findings.api.transmission == {
		"status": "gap",
		"message": "API transmission: not operational",
		"paths": ["api.transmission", "participation.eu"],
		"law": _law,
	} with input as _belgium("2006-09-05", {"status": "not_operational", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"api": {"transmission": {"deadline": "2006-09-05"}}}}
}
