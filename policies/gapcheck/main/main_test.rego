package gapcheck.main_test

import data.gapcheck.main

_ids := {
	"aml-transposition",
	"api-transmission",
	"border-sltd-checks",
	"border-systematic-checks",
	"ecris-connected",
	"eurojust-terrorism-reporting",
	"europol-ectc-secondment",
	"europol-eis-contribution",
	"europol-fp-travellers",
	"explosives-precursors",
	"firearms-deactivation",
	"national-ct-coordination",
	"national-ftf-database",
	"pnr-legislation",
	"pnr-piu",
	"prum-dna",
	"prum-fingerprints",
	"prum-vehicle-registration",
	"sis-connected",
	"sis-ftf-alerts",
	"sltd-feed",
}

_statuses := {"met", "partial", "gap", "unknown", "not_applicable"}

test_findings_keyed_by_derived_id if {
	main.findings["prum-vehicle-registration"] == {
		"status": "met",
		"message": "Prüm vehicle registration exchange: operational",
		"paths": ["prum.vehicle_registration", "participation.instruments.prum"],
	} with input as {
		"participation": {"instruments": {"prum": {"status": "bound", "sources": ["S1"]}}},
		"prum": {"vehicle_registration": {"status": "operational", "sources": ["S2"]}},
	}
}

test_findings_id_hyphenates_underscores if {
	main.findings["europol-fp-travellers"].status == "gap" with input as {
		"participation": {"instruments": {"europol": {"status": "bound", "sources": ["S1"]}}},
		"europol": {"fp_travellers": {"status": "none", "sources": ["S2"]}},
	}
	not main.findings["europol-fp_travellers"] with input as {}
	not main.findings.europol_fp_travellers with input as {}
}

test_findings_id_from_any_package_path if {
	main.findings == {"some-area-some-name": {"status": "met", "message": "m", "paths": ["a.b"]}} with data.gapcheck.rules as {"some_area": {"some_name": {"result": {"status": "met", "message": "m", "paths": ["a.b"]}}}}
}

test_findings_list_every_recommendation if {
	{id | some id, _ in main.findings} == _ids with input as {}
}

test_findings_unknown_for_an_empty_profile if {
	every finding in main.findings {
		finding.status == "unknown"
		count(finding.paths) > 0
	} with input as {}
}

test_findings_not_applicable_from_participation if {
	main.findings["pnr-piu"].status == "not_applicable" with input as {"participation": {"instruments": {"pnr_directive": {"status": "opted_out", "sources": ["S1"]}}}}
	main.findings["pnr-legislation"].status == "not_applicable" with input as {"participation": {"instruments": {"pnr_directive": {"status": "opted_out", "sources": ["S1"]}}}}
	main.findings["prum-dna"].status == "unknown" with input as {"participation": {"instruments": {"pnr_directive": {"status": "opted_out", "sources": ["S1"]}}}}
}

test_findings_have_a_valid_status if {
	every finding in main.findings {
		finding.status in _statuses
		is_string(finding.message)
		is_array(finding.paths)
	} with input as {"participation": {"instruments": {"prum": {"status": "bound", "sources": ["S1"]}}}}
}
