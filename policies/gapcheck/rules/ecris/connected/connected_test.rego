package gapcheck.rules.ecris.connected_test

import data.gapcheck.rules.ecris.connected

_law := ["ecris"]

_title := "ECRIS (Framework Decision 2009/315/JHA and Decision 2009/316/JHA)"

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its ecris.connection fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"ecris": {"connection": fact},
}

# _belgium is an EU Member State applying the Schengen acquis.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _norway is an EEA EFTA state associated with Schengen, in no position of its own.
_norway(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, fact)

# _no_memberships is a state whose memberships no source gives.
_no_memberships(at, fact) := _state(at, "XX", {"eu": "unknown", "schengen": "unknown"}, {}, fact)

test_met_when_connected if {
	connected.result == {
		"status": "met",
		"message": "ECRIS connection: connected since 2012-04",
		"paths": ["ecris.connection", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "connected", "since": "2012-04", "date": "2012-04-30", "sources": ["S2"]})
}

test_gap_when_not_connected_and_bound if {
	connected.result == {
		"status": "gap",
		"message": "ECRIS connection: not connected",
		"paths": ["ecris.connection", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "not_connected", "sources": ["S2"]})
}

test_gap_when_only_testing if {
	connected.result == {
		"status": "gap",
		"message": "ECRIS connection: testing (inferred)",
		"paths": ["ecris.connection", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "testing", "inferred": true, "sources": ["S2"]})
}

test_unknown_when_not_connected_but_memberships_unknown if {
	connected.result == {
		"status": "unknown",
		"message": sprintf("ECRIS connection: not connected, but whether the state is bound by %s is unknown: no source gives the state's memberships", [_title]),
		"paths": ["ecris.connection", "participation.eu"],
		"law": _law,
	} with input as _no_memberships("2016-03-01", {"status": "not_connected", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	connected.result == {
		"status": "unknown",
		"message": "ECRIS connection: no source confirms the status",
		"paths": ["ecris.connection", "participation.eu"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	connected.result == {
		"status": "unknown",
		"message": "ECRIS connection: no source confirms the status",
		"paths": ["ecris.connection", "participation.eu"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["ecris"])
}

test_not_applicable_outside_the_eu if {
	connected.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EU Member State", [_title]),
		"paths": ["participation.eu"],
		"law": _law,
	} with input as _norway("2016-03-01", {"status": "not_connected", "sources": ["S2"]})
}
