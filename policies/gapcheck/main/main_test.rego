package gapcheck.main_test

import data.gapcheck.main

_statuses := {"met", "partial", "gap", "unknown", "not_applicable"}

test_findings_keyed_by_package_path if {
	main.findings.prum.vehicle_registration == {
		"status": "met",
		"message": "Prüm vehicle registration exchange: operational",
		"paths": ["prum.vehicle_registration", "participation.instruments.prum"],
	} with input as {
		"participation": {"instruments": {"prum": {"status": "bound", "sources": ["S1"]}}},
		"prum": {"vehicle_registration": {"status": "operational", "sources": ["S2"]}},
	}
}

test_findings_from_any_package_path if {
	main.findings == {"some_area": {"some_name": {"status": "met", "message": "m", "paths": ["a.b"]}}} with data.gapcheck.rules as {"some_area": {"some_name": {"result": {"status": "met", "message": "m", "paths": ["a.b"]}}}}
}

# Every recommendation package (not its tests) has a finding: the expectation comes
# from the bundle itself, so adding a recommendation needs no edit here.
test_findings_list_every_recommendation if {
	packages := {[area, name] |
		some area, name
		data.gapcheck.rules[area][name]
		not endswith(name, "_test")
	}
	{[area, name] | some area, name; main.findings[area][name]} == packages with input as {}
}

test_findings_unknown_for_an_empty_profile if {
	every area in main.findings {
		every finding in area {
			finding.status == "unknown"
			count(finding.paths) > 0
		}
	} with input as {}
}

test_findings_not_applicable_from_participation if {
	main.findings.pnr.piu.status == "not_applicable" with input as {"participation": {"instruments": {"pnr_directive": {"status": "opted_out", "sources": ["S1"]}}}}
	main.findings.pnr.legislation.status == "not_applicable" with input as {"participation": {"instruments": {"pnr_directive": {"status": "opted_out", "sources": ["S1"]}}}}
	main.findings.prum.dna.status == "unknown" with input as {"participation": {"instruments": {"pnr_directive": {"status": "opted_out", "sources": ["S1"]}}}}
}

test_findings_have_a_valid_status if {
	every area in main.findings {
		every finding in area {
			finding.status in _statuses
			is_string(finding.message)
			is_array(finding.paths)
		}
	} with input as {"participation": {"instruments": {"prum": {"status": "bound", "sources": ["S1"]}}}}
}
