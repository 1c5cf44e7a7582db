package gapcheck.rules.eurojust.terrorism_reporting_test

import data.gapcheck.rules.eurojust.terrorism_reporting

_law := ["terrorism_information_exchange"]

_title := "Council Decision 2005/671/JHA (terrorism information to Eurojust and Europol)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its eurojust.terrorism_reporting
# fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"eurojust": {"terrorism_reporting": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _norway is an EEA EFTA state associated with Schengen, in no position of its own.
_norway(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, fact)

# _uk_unsure is the United Kingdom in 2016, whose profile records no source on its
# position.
_uk_unsure(at, fact) := _state(at, "GB", {"eu": "member", "schengen": "outside"}, {"terrorism_information_exchange": "unknown"}, fact)

# _no_memberships is a state whose memberships no source gives.
_no_memberships(at, fact) := _state(at, "XX", {"eu": "unknown", "schengen": "unknown"}, {}, fact)

test_met_when_reporting if {
	terrorism_reporting.result == {
		"status": "met",
		"message": "Terrorism reporting to Eurojust: reporting since 2006-01-01",
		"paths": ["eurojust.terrorism_reporting", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "reporting", "since": "2006-01-01", "date": "2006-01-01", "sources": ["S2"]})
}

test_partial_when_reporting_in_part if {
	terrorism_reporting.result == {
		"status": "partial",
		"message": "Terrorism reporting to Eurojust: partial",
		"paths": ["eurojust.terrorism_reporting", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_reporting_and_bound if {
	terrorism_reporting.result == {
		"status": "gap",
		"message": "Terrorism reporting to Eurojust: not reporting",
		"paths": ["eurojust.terrorism_reporting", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "not_reporting", "sources": ["S2"]})
}

test_unknown_when_not_reporting_but_own_position_unknown if {
	terrorism_reporting.result == {
		"status": "unknown",
		"message": sprintf("Terrorism reporting to Eurojust: not reporting, but whether the state is bound by %s is unknown: no source says (its profile)", [_title]),
		"paths": ["eurojust.terrorism_reporting", "participation.instruments.terrorism_information_exchange"],
		"law": _law,
	} with input as _uk_unsure("2016-03-01", {"status": "not_reporting", "sources": ["S2"]})
}

test_unknown_when_not_reporting_but_memberships_unknown if {
	terrorism_reporting.result == {
		"status": "unknown",
		"message": sprintf("Terrorism reporting to Eurojust: not reporting, but whether the state is bound by %s is unknown: no source gives the state's memberships", [_title]),
		"paths": ["eurojust.terrorism_reporting", "participation.eu"],
		"law": _law,
	} with input as _no_memberships("2016-03-01", {"status": "not_reporting", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	terrorism_reporting.result == {
		"status": "unknown",
		"message": "Terrorism reporting to Eurojust: no source confirms the status",
		"paths": ["eurojust.terrorism_reporting", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	terrorism_reporting.result == {
		"status": "unknown",
		"message": "Terrorism reporting to Eurojust: no source confirms the status",
		"paths": ["eurojust.terrorism_reporting", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["eurojust"])
}

test_not_applicable_outside_the_eu if {
	terrorism_reporting.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EU Member State", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _norway("2016-03-01", {"status": "not_reporting", "sources": ["S2"]})
}
