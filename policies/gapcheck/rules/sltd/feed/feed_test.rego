package gapcheck.rules.sltd.feed_test

import data.gapcheck.main
import data.gapcheck.rules.sltd.feed

_law := ["sltd_common_position"]

_title := "Council Common Position 2005/69/JHA (passport data to Interpol)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its interpol.sltd_feed fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"interpol": {"sltd_feed": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _norway is an EEA EFTA state associated with Schengen, in no position of its own.
_norway(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, fact)

# _no_memberships is a state whose memberships no source gives.
_no_memberships(at, fact) := _state(at, "XX", {"eu": "unknown", "schengen": "unknown"}, {}, fact)

test_met_when_feeding if {
	feed.result == {
		"status": "met",
		"message": "Passport data fed to Interpol SLTD: feeding since 2005-06",
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "feeding", "since": "2005-06", "date": "2005-06-30", "sources": ["S2"]})
}

test_partial_when_feeding_in_part if {
	feed.result == {
		"status": "partial",
		"message": "Passport data fed to Interpol SLTD: partial",
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_feeding_and_bound if {
	feed.result == {
		"status": "gap",
		"message": "Passport data fed to Interpol SLTD: not feeding",
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "not_feeding", "sources": ["S2"]})
}

test_unknown_when_not_feeding_but_memberships_unknown if {
	feed.result == {
		"status": "unknown",
		"message": sprintf("Passport data fed to Interpol SLTD: not feeding, but whether the state is bound by %s is unknown: no source gives the state's memberships", [_title]),
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as _no_memberships("2016-03-01", {"status": "not_feeding", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	feed.result == {
		"status": "unknown",
		"message": "Passport data fed to Interpol SLTD: no source confirms the status",
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	feed.result == {
		"status": "unknown",
		"message": "Passport data fed to Interpol SLTD: no source confirms the status",
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["interpol"])
}

test_not_applicable_outside_the_eu if {
	feed.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EU Member State", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _norway("2016-03-01", {"status": "not_feeding", "sources": ["S2"]})
}

test_not_yet_due_before_2005_12_31 if {
	main.findings.sltd.feed == {
		"status": "not_yet_due",
		"message": "Passport data fed to Interpol SLTD: not feeding (not yet due: due by 2005-12-31)",
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as _belgium("2005-12-30", {"status": "not_feeding", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"sltd": {"feed": {"deadline": "2005-12-31"}}}}
}

test_gap_from_2005_12_31 if {
	main.findings.sltd.feed == {
		"status": "gap",
		"message": "Passport data fed to Interpol SLTD: not feeding",
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as _belgium("2005-12-31", {"status": "not_feeding", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"sltd": {"feed": {"deadline": "2005-12-31"}}}}
}

test_met_before_2005_12_31 if {
	main.findings.sltd.feed == {
		"status": "met",
		"message": "Passport data fed to Interpol SLTD: feeding",
		"paths": ["interpol.sltd_feed", "participation.eu"],
		"law": _law,
	} with input as _belgium("2005-12-30", {"status": "feeding", "sources": ["S2"]})
		with data.gapcheck.settings as {"recommendations": {"sltd": {"feed": {"deadline": "2005-12-31"}}}}
}
