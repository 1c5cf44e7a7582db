package gapcheck.rules.sis.connected_test

import data.gapcheck.rules.sis.connected

_law := ["sis_ii_police", "sis_ii_borders"]

# _state is a state seen on at (as the engine gives a profile at a date): its
# country, its memberships, its own positions, and its sis.connection fact.
_state(at, country, memberships, positions, fact) := {
	"at": at,
	"country": country,
	"participation": object.union(
		{kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
		{"instruments": {i: {"status": status, "sources": ["P1"]} | some i, status in positions}},
	),
	"sis": {"connection": fact},
}

# _belgium applies the Schengen acquis: both parts of SIS II bind it.
_belgium(at, fact) := _state(at, "BE", {"eu": "member", "schengen": "full"}, {}, fact)

# _norway is associated with Schengen: both parts of SIS II bind it.
_norway(at, fact) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}, fact)

# _uk is the United Kingdom outside Schengen, which opted in to the police part only.
_uk(at, fact) := _state(at, "GB", {"eu": "member", "schengen": "outside"}, {"sis_ii_police": "opted_in"}, fact)

# _ireland is outside Schengen, in no position of its own: neither part binds it.
_ireland(at, fact) := _state(at, "IE", {"eu": "member", "schengen": "outside"}, {}, fact)

# _croatia in 2016 is bound by the Schengen acquis but not yet applying it: no source
# says which parts of SIS II bind it.
_croatia(at, fact) := _state(at, "HR", {"eu": "member", "schengen": "not_fully_applied"}, {}, fact)

# _croatia_police is Croatia once the Council put the police part into effect for it
# (Decision (EU) 2017/733), the border part still open.
_croatia_police(at, fact) := _state(at, "HR", {"eu": "member", "schengen": "not_fully_applied"}, {"sis_ii_police": "bound"}, fact)

# _cyprus is a state whose profile records both parts as pending.
_cyprus(at, fact) := _state(at, "CY", {"eu": "member", "schengen": "not_fully_applied"}, {"sis_ii_police": "pending", "sis_ii_borders": "pending"}, fact)

_not_in_schengen := "not a Schengen-associated state, not a state applying the Schengen acquis, not a state bound by the Schengen acquis but not yet applying it"

test_met_when_full if {
	connected.result == {
		"status": "met",
		"message": "SIS II connection: full since 2013-04-09",
		"paths": ["sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "full", "since": "2013-04-09", "date": "2013-04-09", "sources": ["I8"]})
}

test_met_when_full_and_associated if {
	connected.result == {
		"status": "met",
		"message": "SIS II connection: full",
		"paths": ["sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _norway("2016-03-01", {"status": "full", "sources": ["I1"]})
}

test_met_when_police_only_and_border_part_not_applicable if {
	connected.result == {
		"status": "met",
		"message": sprintf("SIS II connection: police only since 2015-04-13; the border part does not apply (%s)", [_not_in_schengen]),
		"paths": ["sis.connection", "participation.instruments.sis_ii_police", "participation.schengen"],
		"law": _law,
	} with input as _uk("2016-03-01", {"status": "police_only", "since": "2015-04-13", "date": "2015-04-13", "sources": ["I1"]})
}

test_partial_when_police_only_but_border_part_binds if {
	connected.result == {
		"status": "partial",
		"message": "SIS II connection: police only, though the border part binds the state",
		"paths": ["sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "police_only", "sources": ["I1"]})
}

test_gap_when_not_connected_and_bound if {
	connected.result == {
		"status": "gap",
		"message": "SIS II connection: not connected",
		"paths": ["sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "not_connected", "sources": ["I4"]})
}

test_gap_when_not_connected_and_bound_by_the_police_part_only if {
	connected.result == {
		"status": "gap",
		"message": "SIS II connection: not connected",
		"paths": ["sis.connection", "participation.instruments.sis_ii_police", "participation.schengen"],
		"law": _law,
	} with input as _croatia_police("2017-07-01", {"status": "not_connected", "sources": ["I2"]})
}

test_unknown_when_not_connected_and_binding_unknown if {
	connected.result == {
		"status": "unknown",
		"message": "SIS II connection: not connected, but no source says which parts of SIS II bind the state",
		"paths": ["sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _croatia("2016-03-01", {"status": "not_connected", "sources": ["I2"]})
}

test_unknown_when_police_only_and_border_part_unknown if {
	connected.result == {
		"status": "unknown",
		"message": "SIS II connection: police only since 2017-06-27, but no source says which parts of SIS II bind the state",
		"paths": ["sis.connection", "participation.instruments.sis_ii_police", "participation.schengen"],
		"law": _law,
	} with input as _croatia_police("2017-07-01", {"status": "police_only", "since": "2017-06-27", "date": "2017-06-27", "sources": ["I2"]})
}

test_unknown_when_fact_unknown if {
	connected.result == {
		"status": "unknown",
		"message": "SIS II connection: no source confirms the status",
		"paths": ["sis.connection", "participation.schengen"],
		"law": _law,
	} with input as _belgium("2016-03-01", {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	connected.result == {
		"status": "unknown",
		"message": "SIS II connection: no source confirms the status",
		"paths": ["sis.connection", "participation.schengen"],
		"law": _law,
	} with input as object.remove(_belgium("2016-03-01", {}), ["sis"])
}

test_not_applicable_when_neither_part_binds if {
	connected.result == {
		"status": "not_applicable",
		"message": sprintf("not bound by SIS II for police and judicial cooperation (Council Decision 2007/533/JHA): %s", [_not_in_schengen]),
		"paths": ["participation.schengen"],
		"law": ["sis_ii_police"],
	} with input as _ireland("2016-03-01", {"status": "not_connected", "sources": ["I1"]})
}

test_not_applicable_when_both_parts_pending if {
	connected.result == {
		"status": "not_applicable",
		"message": "not bound by SIS II for police and judicial cooperation (Council Decision 2007/533/JHA): pending (its profile)",
		"paths": ["participation.instruments.sis_ii_police"],
		"law": ["sis_ii_police"],
	} with input as _cyprus("2016-03-01", {"status": "not_connected", "sources": ["I3"]})
}
