package gapcheck.rules.ecris.connected_test

import data.gapcheck.rules.ecris.connected

_paths := ["ecris.connection", "participation.instruments.ecris"]

_profile(participation, fact) := {
	"participation": {"instruments": {"ecris": participation}},
	"ecris": {"connection": fact},
}

test_met_when_connected if {
	connected.result == {"status": "met", "message": "ECRIS connection: connected", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "connected", "sources": ["E1"]},
	)
}

test_gap_when_test_connection_only if {
	connected.result == {"status": "gap", "message": "ECRIS connection: testing", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "testing", "sources": ["E1"]},
	)
}

test_gap_when_not_connected if {
	connected.result == {"status": "gap", "message": "ECRIS connection: not connected", "paths": _paths} with input as _profile(
		{"status": "opted_in", "sources": ["S1"]},
		{"status": "not_connected", "sources": ["E1"]},
	)
}

test_unknown_when_fact_unknown if {
	connected.result == {"status": "unknown", "message": "ECRIS connection: no source confirms the status", "paths": _paths} with input as _profile(
		{"status": "bound", "sources": ["S1"]},
		{"status": "unknown"},
	)
}

test_not_applicable_when_not_party if {
	connected.result == {
		"status": "not_applicable",
		"message": "not bound by ecris (not party)",
		"paths": ["participation.instruments.ecris"],
	} with input as _profile({"status": "not_party", "sources": ["S1"]}, {"status": "unknown"})
}
