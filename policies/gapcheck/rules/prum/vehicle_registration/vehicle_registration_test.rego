package gapcheck.rules.prum.vehicle_registration_test

import data.gapcheck.main
import data.gapcheck.rules.prum.vehicle_registration

_law := ["prum"]

_title := "the Prüm Decisions (2008/615/JHA and 2008/616/JHA)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its prum.vehicle_registration fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"prum": {"vehicle_registration": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _norway_in_prum is Norway, in Prüm by its agreement (Decision 2010/482/EU).
_norway_in_prum(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {"prum": "associated"}, fact)

# _uk_out_of_prum is the United Kingdom in 2016, out of Prüm since its opt-out of
# December 2014.
_uk_out_of_prum(at, fact) := _state(at, "GB", {"eu": "member", "schengen": "outside"}, {"prum": "opted_out"}, fact)

# _no_memberships is a state whose memberships no source gives.
_no_memberships(at, fact) := _state(at, "XX", {"eu": "unknown", "schengen": "unknown"}, {}, fact)

# _switzerland is a Schengen-associated state in neither the EU nor the EEA.
_switzerland(at, fact) := _state(at, "CH", {"eu": "not_member", "schengen": "associated", "eea": "not_member"}, {}, fact)

test_met_when_operational if {
	vehicle_registration.result == {
		"status": "met",
		"message": "Prüm vehicle registration exchange: operational since 2011-06",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "operational", "since": "2011-06", "date": "2011-06-30", "sources": ["S2"]})
}

test_met_when_authorised_by_launch_decision if {
	vehicle_registration.result == {
		"status": "met",
		"message": "Prüm vehicle registration exchange: authorised since 2015-11-10",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "authorised", "since": "2015-11-10", "date": "2015-11-10", "sources": ["S2"]})
}

test_met_when_associated_by_agreement if {
	vehicle_registration.result == {
		"status": "met",
		"message": "Prüm vehicle registration exchange: operational",
		"paths": ["prum.vehicle_registration", "participation.instruments.prum"],
		"law": _law,
	} with input as _norway_in_prum("2016-03-01", {"status": "operational", "sources": ["S2"]})
}

test_gap_when_not_operational_and_bound if {
	vehicle_registration.result == {
		"status": "gap",
		"message": "Prüm vehicle registration exchange: not operational (inferred)",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "not_operational", "inferred": true, "sources": ["S2"]})
}

test_unknown_when_not_operational_but_memberships_unknown if {
	vehicle_registration.result == {
		"status": "unknown",
		"message": sprintf("Prüm vehicle registration exchange: not operational, but whether the state is bound by %s is unknown: no source gives the state's memberships", [_title]),
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as _no_memberships("2016-03-01", {"status": "not_operational", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	vehicle_registration.result == {
		"status": "unknown",
		"message": "Prüm vehicle registration exchange: no source confirms the status",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	vehicle_registration.result == {
		"status": "unknown",
		"message": "Prüm vehicle registration exchange: no source confirms the status",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["prum"])
}

test_not_applicable_when_opted_out if {
	vehicle_registration.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: opted out (its profile)", [_title]),
		"paths": ["participation.instruments.prum"],
		"law": _law,
	} with input as _uk_out_of_prum("2016-03-01", {"status": "not_operational", "sources": ["S2"]})
}

test_not_applicable_outside_the_eu if {
	vehicle_registration.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EU Member State", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _switzerland("2016-03-01", {"status": "not_operational", "sources": ["S2"]})
}

test_not_yet_due_before_2011_08_26 if {
	main.findings.prum.vehicle_registration == {
		"status": "not_yet_due",
		"message": "Prüm vehicle registration exchange: not operational (not yet due: due by 2011-08-26)",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as _belgium("2011-08-25", {"status": "not_operational", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"prum": {"vehicle_registration": {"deadline": "2011-08-26"}}}}
}

test_gap_from_2011_08_26 if {
	main.findings.prum.vehicle_registration == {
		"status": "gap",
		"message": "Prüm vehicle registration exchange: not operational",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as _belgium("2011-08-26", {"status": "not_operational", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"prum": {"vehicle_registration": {"deadline": "2011-08-26"}}}}
}

test_met_before_2011_08_26 if {
	main.findings.prum.vehicle_registration == {
		"status": "met",
		"message": "Prüm vehicle registration exchange: operational",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": _law,
	} with input as _belgium("2011-08-25", {"status": "operational", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"prum": {"vehicle_registration": {"deadline": "2011-08-26"}}}}
}
