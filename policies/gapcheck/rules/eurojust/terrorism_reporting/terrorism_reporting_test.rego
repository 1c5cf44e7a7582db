package gapcheck.rules.eurojust.terrorism_reporting_test

import data.gapcheck.rules.eurojust.terrorism_reporting

_paths := ["eurojust.terrorism_reporting", "participation.instruments.terrorism_information_exchange"]

_profile(participation, fact) := {
	"participation": {"instruments": {"terrorism_information_exchange": participation}},
	"eurojust": {"terrorism_reporting": fact},
}

_bound := {"status": "bound", "sources": ["S1"]}

test_met_when_reporting if {
	terrorism_reporting.result == {
		"status": "met",
		"message": "Terrorism reporting to Eurojust: reporting since 2006-01-15",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "reporting", "date": "2006-01-15", "sources": ["S2"]})
}

test_partial_when_reporting_in_part if {
	terrorism_reporting.result == {
		"status": "partial",
		"message": "Terrorism reporting to Eurojust: partial",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "partial", "sources": ["S2"]})
}

test_gap_when_not_reporting_and_bound if {
	terrorism_reporting.result == {
		"status": "gap",
		"message": "Terrorism reporting to Eurojust: not reporting (inferred)",
		"paths": _paths,
	} with input as _profile({"status": "opted_in", "sources": ["S1"]}, {"status": "not_reporting", "inferred": true, "sources": ["S2"]})
}

test_unknown_when_not_reporting_but_participation_unknown if {
	terrorism_reporting.result == {
		"status": "unknown",
		"message": "Terrorism reporting to Eurojust: not reporting, but no source says whether the state is bound by terrorism_information_exchange",
		"paths": _paths,
	} with input as _profile({"status": "unknown"}, {"status": "not_reporting", "sources": ["S2"]})
}

test_unknown_when_fact_unknown if {
	terrorism_reporting.result == {
		"status": "unknown",
		"message": "Terrorism reporting to Eurojust: no source confirms the status",
		"paths": _paths,
	} with input as _profile(_bound, {"status": "unknown"})
}

test_unknown_when_fact_absent if {
	terrorism_reporting.result == {
		"status": "unknown",
		"message": "Terrorism reporting to Eurojust: no source confirms the status",
		"paths": _paths,
	} with input as {}
}

test_not_applicable_when_opted_out if {
	terrorism_reporting.result == {
		"status": "not_applicable",
		"message": "not bound by terrorism_information_exchange (opted out)",
		"paths": ["participation.instruments.terrorism_information_exchange"],
	} with input as _profile({"status": "opted_out", "sources": ["S1"]}, {"status": "not_reporting", "sources": ["S2"]})
}
