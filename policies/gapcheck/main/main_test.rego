package gapcheck.main_test

import data.gapcheck.main

_statuses := {"met", "partial", "gap", "unknown", "not_applicable", "not_yet_due"}

# _state is a state seen on at: its country, its memberships and its facts.
_state(at, country, memberships, facts) := object.union(
	{
		"at": at,
		"country": country,
		"participation": {kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
	},
	facts,
)

# _belgium is an EU Member State applying the Schengen acquis, seen on at with facts.
_belgium(at, facts) := _state(at, "BE", {"eu": "member", "schengen": "full"}, facts)

# _settings are the settings the engine takes from the recommendations' METADATA.
_settings(area, name, s) := {"recommendations": {area: {name: s}}}

test_findings_keyed_by_package_path if {
	main.findings.prum.vehicle_registration == {
		"status": "met",
		"message": "Prüm vehicle registration exchange: operational since 2011-06",
		"paths": ["prum.vehicle_registration", "participation.eu"],
		"law": ["prum"],
	} with input as _belgium("2016-03-01", {"prum": {"vehicle_registration": {"status": "operational", "since": "2011-06", "date": "2011-06-30", "sources": ["S2"]}}})
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

test_findings_not_applicable_from_the_catalogue if {
	main.findings.pnr.piu.status == "not_applicable" with input as _state("2016-03-01", "DK", {"eu": "member", "schengen": "full"}, {})
	main.findings.pnr.legislation.status == "not_applicable" with input as _state("2016-03-01", "DK", {"eu": "member", "schengen": "full"}, {})
	main.findings.prum.dna.status == "unknown" with input as _state("2016-03-01", "DK", {"eu": "member", "schengen": "full"}, {})
}

test_findings_have_a_valid_status if {
	every profile in [
		{},
		_belgium("2016-03-01", {}),
		_state("2016-03-01", "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"}, {}),
		_belgium("2000-01-01", {}),
	] {
		every area in main.findings {
			every finding in area {
				finding.status in _statuses
				is_string(finding.message)
				count(finding.paths) > 0
				is_array(object.get(finding, "law", []))
			}
		} with input as profile
	}
}

test_findings_not_yet_due_before_the_instruments_dates if {
	# in 2000 nothing with a due date is due: unknown findings are not yet due
	{finding.status | some area, name; finding := main.findings[area][name]} == {"unknown", "not_yet_due"} with input as _belgium("2000-01-01", {})
	main.findings.pnr.piu.status == "not_yet_due" with input as _belgium("2000-01-01", {})
	main.findings.ecris.connected.status == "unknown" with input as _belgium("2000-01-01", {})
}

# finalize is applied to every result, with the settings of its recommendation

_aml_gap := _belgium("2017-01-15", {"aml": {"fourth_directive": {"status": "not_transposed", "observed": "2017-01-10", "date": "2017-01-10", "age_days": 5, "sources": ["S2"]}}})

test_findings_finalized_with_the_deadline_of_their_metadata if {
	# the action plan asked for the AML Directive by end-2016, before its legal deadline
	main.findings.aml.transposition == {
		"status": "gap",
		"message": "4th Anti-Money-Laundering Directive: not transposed",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": ["aml_directive"],
	} with input as _aml_gap
		with data.gapcheck.settings as _settings("aml", "transposition", {"deadline": "2016-12-31"})
}

test_findings_finalized_with_the_instrument_dates_without_settings if {
	main.findings.aml.transposition == {
		"status": "not_yet_due",
		"message": "4th Anti-Money-Laundering Directive: not transposed (not yet due: due by 2017-06-26 under the 4th Anti-Money-Laundering Directive (EU) 2015/849)",
		"paths": ["aml.fourth_directive", "participation.eu"],
		"law": ["aml_directive"],
	} with input as _aml_gap
}

test_findings_finalized_with_applies_from if {
	main.findings.national.ct_coordination == {
		"status": "not_yet_due",
		"message": "National counter-terrorism coordination body: none (not yet due: called for from 2016-06-01)",
		"paths": ["national.ct_coordination"],
	} with input as _belgium("2016-03-01", {"national": {"ct_coordination": {"status": "none", "observed": "2016-02-01", "date": "2016-02-01", "age_days": 29, "sources": ["S2"]}}})
		with data.gapcheck.settings as _settings("national", "ct_coordination", {"applies_from": "2016-06-01"})
}

_old_prum := _belgium("2016-03-01", {"prum": {
	"dna": {"status": "operational", "observed": "2015-03-01", "date": "2015-03-01", "age_days": 366, "sources": ["S2"]},
	"fingerprints": {"status": "operational", "observed": "2015-03-01", "date": "2015-03-01", "age_days": 366, "sources": ["S2"]},
}})

test_findings_finalized_with_the_evidence_age_of_their_recommendation if {
	main.findings.prum.dna == {
		"status": "unknown",
		"message": "Prüm DNA exchange: operational; but that evidence dates from 2015-03-01, older than the limit of 365 days for this recommendation",
		"paths": ["prum.dna", "participation.eu"],
		"law": ["prum"],
	} with input as _old_prum
		with data.gapcheck.settings as _settings("prum", "dna", {"max_evidence_age_days": 365})
	main.findings.prum.fingerprints.status == "met" with input as _old_prum
		with data.gapcheck.settings as _settings("prum", "dna", {"max_evidence_age_days": 365})
}
