package gapcheck.lib_test

import data.gapcheck.lib

# Inputs are profiles as the engine gives them at a date (Profile.At): the date
# ("at"), the country, and every fact as its entry in force that day.

# _state is a state seen on at: its country and its memberships, e.g.
# {"eu": "member", "schengen": "full"}.
_state(at, country, memberships) := {
	"at": at,
	"country": country,
	"participation": {kind: {"status": status, "sources": ["M1"]} | some kind, status in memberships},
}

# _eu_member is an EU Member State applying the Schengen acquis (Belgium), seen on at.
_eu_member(at) := _state(at, "BE", {"eu": "member", "schengen": "full"})

# _non_member is a state in neither the EU nor the EEA (Switzerland), seen on at.
_non_member(at) := _state(at, "CH", {"eu": "not_member", "schengen": "associated", "eea": "not_member"})

# _norway is an EEA EFTA state associated with Schengen, seen on at.
_norway(at) := _state(at, "NO", {"eu": "not_member", "schengen": "associated", "eea": "member"})

# _with_position adds the state's own position on an instrument (its profile).
_with_position(state, name, status) := object.union(state, {"participation": {"instruments": {name: {"status": status, "sources": ["O1"]}}}})

# _with_fact adds the fact x.y that _spec assesses.
_with_fact(state, fact) := object.union(state, {"x": {"y": fact}})

# _catalogue is a synthetic law catalogue of one instrument t, binding groups.
_catalogue(groups) := {"t": {
	"title": "the Test Act",
	"acts": [{"title": "Test Act", "url": "https://example.org/t"}],
	"binds": groups,
}}

# _catalogue_with_countries is _catalogue with the act's positions for countries.
_catalogue_with_countries(groups, countries) := {"t": object.union(_catalogue(groups).t, {"countries": countries})}

_bound(why, paths) := {"status": "bound", "why": why, "paths": paths}

_not_bound(why, paths) := {"status": "not_bound", "why": why, "paths": paths}

_unknown(why, paths) := {"status": "unknown", "why": why, "paths": paths}

_not_in_schengen := "not a Schengen-associated state, not a state applying the Schengen acquis, not a state bound by the Schengen acquis but not yet applying it"

# at

test_at_is_the_date_of_the_evaluation if {
	lib.at == "2016-03-01" with input as {"at": "2016-03-01", "as_of": "2015-12-31"}
}

test_at_defaults_to_as_of if {
	lib.at == "2015-12-31" with input as {"as_of": "2015-12-31"}
}

test_at_after_every_date_without_at_or_as_of if {
	lib.at == "9999-12-31" with input as {}
}

# instrument, participation_path and membership

test_instrument_from_the_catalogue if {
	lib.instrument("pnr_directive").title == "the PNR Directive (EU) 2016/681"
	lib.instrument("pnr_directive").due.date == "2018-05-25"
}

test_instrument_empty_when_the_catalogue_lacks_it if {
	lib.instrument("no_such_act") == {}
}

test_participation_path if {
	lib.participation_path("sis_ii_police") == "participation.instruments.sis_ii_police"
}

test_membership_when_recorded if {
	lib.membership("schengen") == "associated" with input as _norway("2016-03-01")
}

test_membership_unknown_when_not_recorded if {
	lib.membership("eea") == "unknown" with input as _eu_member("2016-03-01")
}

# binding: the EU (prum binds the EU Member States)

test_binding_eu_member_bound if {
	lib.binding("prum") == _bound("an EU Member State", ["participation.eu"]) with input as _eu_member("2016-03-01")
}

test_binding_eu_transition_bound if {
	# the United Kingdom in 2020: it had left, but EU law still applied to it
	lib.binding("prum") == _bound("an EU Member State", ["participation.eu"]) with input as _state("2020-06-01", "GB", {"eu": "transition", "schengen": "outside"})
}

test_binding_eu_not_member_not_bound if {
	lib.binding("prum") == _not_bound("not an EU Member State", ["participation.eu"]) with input as _state("2021-06-01", "GB", {"eu": "not_member", "schengen": "outside"})
}

test_binding_eu_unknown_when_membership_unknown if {
	lib.binding("prum") == _unknown("no source gives the state's memberships", ["participation.eu"]) with input as _state("2016-03-01", "BE", {"eu": "unknown", "schengen": "full"})
}

test_binding_unknown_when_no_membership_recorded if {
	lib.binding("prum") == _unknown("no source gives the state's memberships", ["participation.eu"]) with input as {"at": "2016-03-01"}
}

# binding: Schengen (sis_ii_police binds the states applying the acquis and the
# associated states; for those not yet applying it, the sources do not say)

test_binding_schengen_full_bound if {
	lib.binding("sis_ii_police") == _bound("a state applying the Schengen acquis", ["participation.schengen"]) with input as _eu_member("2016-03-01")
}

test_binding_schengen_partial_bound if {
	# Bulgaria and Romania, at air and sea borders from 31 March 2024
	lib.binding("sis_ii_police") == _bound("a state applying the Schengen acquis", ["participation.schengen"]) with input as _state("2024-06-01", "BG", {"eu": "member", "schengen": "partial"})
}

test_binding_schengen_pending_unknown if {
	# Croatia in 2016: bound by the acquis, not yet applying it
	lib.binding("sis_ii_police") == _unknown(
		"no source says whether it binds a state bound by the Schengen acquis but not yet applying it",
		["participation.schengen"],
	) with input as _state("2016-03-01", "HR", {"eu": "member", "schengen": "not_fully_applied"})
}

test_binding_schengen_associated_bound if {
	lib.binding("sis_ii_police") == _bound("a Schengen-associated state", ["participation.schengen"]) with input as _norway("2016-03-01")
}

test_binding_schengen_outside_not_bound if {
	lib.binding("sis_ii_police") == _not_bound(_not_in_schengen, ["participation.schengen"]) with input as _state("2016-03-01", "IE", {"eu": "member", "schengen": "outside"})
}

test_binding_schengen_unknown_when_membership_unknown if {
	lib.binding("sis_ii_police") == _unknown("no source gives the state's memberships", ["participation.schengen"]) with input as _state("2016-03-01", "BE", {"eu": "member", "schengen": "unknown"})
}

test_binding_schengen_pending_bound_when_the_act_binds_it if {
	lib.binding("t") == _bound("a state bound by the Schengen acquis but not yet applying it", ["participation.schengen"]) with input as _state("2016-03-01", "HR", {"eu": "member", "schengen": "not_fully_applied"})
		with data.gapcheck.instruments as _catalogue({"schengen_pending": "bound"})
}

test_binding_schengen_pending_excludes_full if {
	lib.binding("t") == _not_bound("not a state bound by the Schengen acquis but not yet applying it", ["participation.schengen"]) with input as _eu_member("2016-03-01")
		with data.gapcheck.instruments as _catalogue({"schengen_pending": "bound"})
}

test_binding_schengen_excludes_associated if {
	lib.binding("t") == _not_bound("not a state applying the Schengen acquis", ["participation.schengen"]) with input as _norway("2016-03-01")
		with data.gapcheck.instruments as _catalogue({"schengen": "bound"})
}

test_binding_schengen_associated_excludes_full if {
	lib.binding("t") == _not_bound("not a Schengen-associated state", ["participation.schengen"]) with input as _eu_member("2016-03-01")
		with data.gapcheck.instruments as _catalogue({"schengen_associated": "bound"})
}

# binding: the EEA (aml_directive binds the EU Member States; for the EEA EFTA states
# the sources do not say)

test_binding_eea_eu_member_bound_without_eea_membership if {
	lib.binding("aml_directive") == _bound("an EU Member State", ["participation.eu"]) with input as _eu_member("2016-03-01")
}

test_binding_eea_member_unknown if {
	lib.binding("aml_directive") == _unknown("no source says whether it binds an EEA EFTA state", ["participation.eea"]) with input as _norway("2016-03-01")
}

test_binding_eea_not_member_not_bound if {
	lib.binding("aml_directive") == _not_bound(
		"not an EEA EFTA state, not an EU Member State",
		["participation.eea", "participation.eu"],
	) with input as _non_member("2016-03-01")
}

test_binding_eea_not_member_when_not_recorded if {
	lib.binding("aml_directive") == _not_bound(
		"not an EEA EFTA state, not an EU Member State",
		["participation.eea", "participation.eu"],
	) with input as _state("2016-03-01", "CH", {"eu": "not_member", "schengen": "associated"})
}

test_binding_eea_unknown_when_membership_unknown if {
	lib.binding("aml_directive") == _unknown(
		"no source gives the state's memberships",
		["participation.eea", "participation.eu"],
	) with input as _state("2016-03-01", "NO", {"eu": "not_member", "schengen": "associated", "eea": "unknown"})
}

test_binding_eea_member_bound_when_the_act_binds_it if {
	lib.binding("t") == _bound("an EEA EFTA state", ["participation.eea"]) with input as _norway("2016-03-01")
		with data.gapcheck.instruments as _catalogue({"eea": "bound"})
}

# binding: several groups (api_directive binds the EU Member States; for the
# Schengen-associated states the sources do not say)

test_binding_bound_group_first if {
	lib.binding("api_directive") == _bound("an EU Member State", ["participation.eu"]) with input as _eu_member("2016-03-01")
}

test_binding_unknown_group if {
	lib.binding("api_directive") == _unknown("no source says whether it binds a Schengen-associated state", ["participation.schengen"]) with input as _norway("2016-03-01")
}

test_binding_unknown_group_before_unknown_membership if {
	lib.binding("api_directive") == _unknown("no source says whether it binds a Schengen-associated state", ["participation.schengen"]) with input as _state("2016-03-01", "NO", {"eu": "unknown", "schengen": "associated"})
}

test_binding_not_bound_names_every_group if {
	lib.binding("api_directive") == _not_bound(
		"not a Schengen-associated state, not an EU Member State",
		["participation.eu", "participation.schengen"],
	) with input as _state("2021-06-01", "GB", {"eu": "not_member", "schengen": "outside"})
}

test_binding_unknown_when_any_membership_unknown if {
	lib.binding("api_directive") == _unknown(
		"no source gives the state's memberships",
		["participation.eu", "participation.schengen"],
	) with input as _state("2016-03-01", "XX", {"eu": "not_member", "schengen": "unknown"})
}

# binding: the state's own position (its profile) comes before everything else

test_binding_own_position_bound if {
	every status in {"bound", "opted_in", "associated"} {
		lib.binding("prum") == _bound(
			sprintf("%s (its profile)", [replace(status, "_", " ")]),
			["participation.instruments.prum"],
		) with input as _with_position(_eu_member("2016-03-01"), "prum", status)
	}
}

test_binding_own_position_not_bound if {
	every status in {"opted_out", "not_party", "pending"} {
		lib.binding("prum") == _not_bound(
			sprintf("%s (its profile)", [replace(status, "_", " ")]),
			["participation.instruments.prum"],
		) with input as _with_position(_eu_member("2016-03-01"), "prum", status)
	}
}

test_binding_own_position_opted_out_over_membership if {
	# the United Kingdom left Prüm on 1 December 2014
	lib.binding("prum") == _not_bound("opted out (its profile)", ["participation.instruments.prum"]) with input as _with_position(
		_state("2016-03-01", "GB", {"eu": "member", "schengen": "outside"}),
		"prum", "opted_out",
	)
}

test_binding_own_position_unknown if {
	lib.binding("prum") == _unknown("no source says (its profile)", ["participation.instruments.prum"]) with input as _with_position(_eu_member("2016-03-01"), "prum", "unknown")
}

test_binding_own_position_associated_outside_the_groups if {
	# Norway takes part in Prüm by agreement (Decision 2010/482/EU)
	lib.binding("prum") == _bound("associated (its profile)", ["participation.instruments.prum"]) with input as _with_position(_norway("2016-03-01"), "prum", "associated")
}

test_binding_own_position_opted_in_outside_the_groups if {
	lib.binding("sis_ii_police") == _bound("opted in (its profile)", ["participation.instruments.sis_ii_police"]) with input as _with_position(
		_state("2016-03-01", "GB", {"eu": "member", "schengen": "outside"}),
		"sis_ii_police", "opted_in",
	)
}

test_binding_own_opt_in_lapses_outside_the_eu if {
	# the United Kingdom's opt-in to SIS II ended with the transition period
	lib.binding("sis_ii_police") == _bound("opted in (its profile)", ["participation.instruments.sis_ii_police"]) with input as _with_position(
		_state("2020-12-31", "GB", {"eu": "transition", "schengen": "outside"}),
		"sis_ii_police", "opted_in",
	)
	lib.binding("sis_ii_police") == _not_bound(
		"not a Schengen-associated state, not a state applying the Schengen acquis, not a state bound by the Schengen acquis but not yet applying it",
		["participation.schengen"],
	) with input as _with_position(
		_state("2021-01-01", "GB", {"eu": "not_member", "schengen": "outside"}),
		"sis_ii_police", "opted_in",
	)
}

test_binding_own_opt_out_lapses_outside_the_eu if {
	lib.binding("prum") == _not_bound("not an EU Member State", ["participation.eu"]) with input as _with_position(
		_state("2021-01-01", "GB", {"eu": "not_member", "schengen": "outside"}),
		"prum", "opted_out",
	)
}

test_binding_own_position_over_an_unknown_group if {
	lib.binding("api_directive") == _bound("associated (its profile)", ["participation.instruments.api_directive"]) with input as _with_position(_norway("2016-03-01"), "api_directive", "associated")
}

test_binding_own_position_over_the_catalogue_position if {
	lib.binding("pnr_directive") == _bound("opted in (its profile)", ["participation.instruments.pnr_directive"]) with input as _with_position(
		_state("2016-03-01", "DK", {"eu": "member", "schengen": "full"}),
		"pnr_directive", "opted_in",
	)
}

# binding: the positions the act gives countries (the catalogue's countries)

test_binding_catalogue_position_not_bound if {
	lib.binding("pnr_directive") == _not_bound(
		"Denmark does not take part in the Directive under its justice-and-home-affairs opt-out (Protocol No 22); it runs a national PNR system instead.",
		["participation.eu"],
	) with input as _state("2016-03-01", "DK", {"eu": "member", "schengen": "full"})
}

test_binding_catalogue_position_opted_in if {
	lib.binding("pnr_directive") == _bound("Ireland opted in under Article 3 of Protocol No 21.", ["participation.eu"]) with input as _state("2016-03-01", "IE", {"eu": "member", "schengen": "outside"})
}

test_binding_catalogue_position_unknown if {
	lib.binding("api_directive") == _unknown(
		"Ireland's participation is unconfirmed in the research notes (measures.md §4).",
		["participation.eu"],
	) with input as _state("2016-03-01", "IE", {"eu": "member", "schengen": "outside"})
}

test_binding_catalogue_position_needs_the_country if {
	lib.binding("pnr_directive") == _bound("an EU Member State", ["participation.eu"]) with input as object.remove(
		_state("2016-03-01", "DK", {"eu": "member", "schengen": "full"}),
		["country"],
	)
}

test_binding_catalogue_position_in_transition if {
	lib.binding("pnr_directive") == _bound(
		"The United Kingdom takes part, and notified its transposition and intra-EU application by 31 May 2018.",
		["participation.eu"],
	) with input as _state("2020-06-01", "GB", {"eu": "transition", "schengen": "outside"})
}

test_binding_catalogue_position_ends_with_membership if {
	# the UK's opt-in does not outlast its membership of the EU
	lib.binding("pnr_directive") == _not_bound("not an EU Member State", ["participation.eu"]) with input as _state("2021-06-01", "GB", {"eu": "not_member", "schengen": "outside"})
}

test_binding_catalogue_position_unknown_when_membership_unknown if {
	lib.binding("pnr_directive") == _unknown("no source gives the state's memberships", ["participation.eu"]) with input as _state("2016-03-01", "DK", {"eu": "unknown", "schengen": "full"})
}

test_binding_catalogue_position_dated_before if {
	# Denmark and Europol: a full member until the Europol Regulation applied
	lib.binding("europol") == _bound("an EU Member State", ["participation.eu"]) with input as _state("2017-04-30", "DK", {"eu": "member", "schengen": "full"})
}

test_binding_catalogue_position_dated_from if {
	lib.binding("europol") == _not_bound(
		"Denmark was a full Europol member until the Europol Regulation applied on 1 May 2017; it is not bound by the Regulation (its justice-and-home-affairs opt-out, kept by the referendum of 3 December 2015) and cooperates under an agreement instead.",
		["participation.eu"],
	) with input as _state("2017-05-01", "DK", {"eu": "member", "schengen": "full"})
}

_dated_positions := _catalogue_with_countries({"eu": "bound"}, {"XX": [
	{"status": "not_bound", "note": "out at first", "source": {"title": "S", "url": "https://example.org/s"}},
	{"status": "bound", "since": "2016-05", "note": "in from May 2016", "source": {"title": "S", "url": "https://example.org/s"}},
]})

test_binding_catalogue_positions_latest_by_the_date if {
	lib.binding("t") == _not_bound("out at first", ["participation.eu"]) with input as _state("2016-05-30", "XX", {"eu": "member"})
		with data.gapcheck.instruments as _dated_positions
	lib.binding("t") == _bound("in from May 2016", ["participation.eu"]) with input as _state("2016-05-31", "XX", {"eu": "member"})
		with data.gapcheck.instruments as _dated_positions
}

test_binding_catalogue_position_not_yet_held if {
	# before its first position, the act treats the state as the groups say
	lib.binding("t") == _bound("an EU Member State", ["participation.eu"]) with input as _state("2016-03-01", "XX", {"eu": "member"})
		with data.gapcheck.instruments as _catalogue_with_countries({"eu": "bound"}, {"XX": [{"status": "not_bound", "since": "2017", "note": "n", "source": {}}]})
}

test_binding_catalogue_position_in_an_unknown_group if {
	# a position resolves a group the sources leave open, and rests on its membership
	lib.binding("t") == _bound("Norway takes part by its association.", ["participation.schengen"]) with input as _norway("2016-03-01")
		with data.gapcheck.instruments as _catalogue_with_countries(
			{"eu": "bound", "schengen_associated": "unknown"},
			{"NO": {"status": "bound", "note": "Norway takes part by its association.", "source": {}}},
		)
}

# binding: an instrument the catalogue lacks

test_binding_unknown_instrument if {
	lib.binding("no_such_act") == _unknown("the law catalogue has no instrument no_such_act", []) with input as _eu_member("2016-03-01")
}

# bound and not_bound

test_bound_and_not_bound_follow_the_binding if {
	lib.bound("prum") with input as _eu_member("2016-03-01")
	not lib.not_bound("prum") with input as _eu_member("2016-03-01")
	lib.not_bound("prum") with input as _non_member("2016-03-01")
	not lib.bound("prum") with input as _non_member("2016-03-01")
}

test_neither_bound_nor_not_bound_when_unknown if {
	not lib.bound("prum") with input as {}
	not lib.not_bound("prum") with input as {}
	not lib.bound("no_such_act") with input as _eu_member("2016-03-01")
	not lib.not_bound("no_such_act") with input as _eu_member("2016-03-01")
}

# fact_status and describe

test_fact_status_when_present if {
	lib.fact_status(["x", "y"]) == "not_done" with input as {"x": {"y": {"status": "not_done", "sources": ["S1"]}}}
}

test_fact_status_unknown_when_absent if {
	lib.fact_status(["x", "y"]) == "unknown" with input as {"x": {}}
}

test_describe_status_with_underscores if {
	lib.describe(["x", "y"]) == "not done" with input as {"x": {"y": {"status": "not_done", "sources": ["S1"]}}}
}

test_describe_with_since if {
	lib.describe(["x", "y"]) == "done since 2015-11-10" with input as {"x": {"y": {"status": "done", "since": "2015-11-10", "date": "2015-11-10", "sources": ["S1"]}}}
}

test_describe_with_since_as_written if {
	lib.describe(["x", "y"]) == "done since 2012-07" with input as {"x": {"y": {"status": "done", "since": "2012-07", "date": "2012-07-31", "sources": ["S1"]}}}
}

test_describe_without_since_when_observed if {
	lib.describe(["x", "y"]) == "done" with input as {"x": {"y": {"status": "done", "observed": "2016-02-10", "date": "2016-02-10", "sources": ["S1"]}}}
}

test_describe_with_inferred if {
	lib.describe(["x", "y"]) == "not done (inferred)" with input as {"x": {"y": {"status": "not_done", "inferred": true, "sources": ["S1"]}}}
}

test_describe_with_since_and_inferred if {
	lib.describe(["x", "y"]) == "not done since 2016-11-18 (inferred)" with input as {"x": {"y": {
		"status": "not_done",
		"since": "2016-11-18",
		"inferred": true,
		"sources": ["S1"],
	}}}
}

test_describe_ignores_inferred_false if {
	lib.describe(["x", "y"]) == "done" with input as {"x": {"y": {"status": "done", "inferred": false, "sources": ["S1"]}}}
}

test_describe_unknown_when_absent if {
	lib.describe(["x", "y"]) == "unknown" with input as {}
}

# result, result_on and not_applicable_result

test_result if {
	lib.result("gap", "m", ["a.b"]) == {"status": "gap", "message": "m", "paths": ["a.b"]}
}

test_result_on if {
	lib.result_on("gap", "m", ["a.b"], ["prum"]) == {"status": "gap", "message": "m", "paths": ["a.b"], "law": ["prum"]}
}

test_not_applicable_result_own_position if {
	lib.not_applicable_result("prum") == {
		"status": "not_applicable",
		"message": "not bound by the Prüm Decisions (2008/615/JHA and 2008/616/JHA): opted out (its profile)",
		"paths": ["participation.instruments.prum"],
		"law": ["prum"],
	} with input as _with_position(_eu_member("2016-03-01"), "prum", "opted_out")
}

test_not_applicable_result_catalogue_position if {
	lib.not_applicable_result("pnr_directive") == {
		"status": "not_applicable",
		"message": "not bound by the PNR Directive (EU) 2016/681: Denmark does not take part in the Directive under its justice-and-home-affairs opt-out (Protocol No 22); it runs a national PNR system instead.",
		"paths": ["participation.eu"],
		"law": ["pnr_directive"],
	} with input as _state("2016-03-01", "DK", {"eu": "member", "schengen": "full"})
}

test_not_applicable_result_memberships if {
	lib.not_applicable_result("sis_ii_borders") == {
		"status": "not_applicable",
		"message": sprintf("not bound by SIS II for border checks (Regulation (EC) No 1987/2006): %s", [_not_in_schengen]),
		"paths": ["participation.schengen"],
		"law": ["sis_ii_borders"],
	} with input as _state("2016-03-01", "IE", {"eu": "member", "schengen": "outside"})
}

# assess

_spec := {
	"instrument": "prum",
	"fact": ["x", "y"],
	"what": "Thing",
	"met": {"done"},
	"partial": {"half"},
	"gap": {"not_done"},
}

_prum := "the Prüm Decisions (2008/615/JHA and 2008/616/JHA)"

test_assess_met if {
	lib.assess(_spec) == {"status": "met", "message": "Thing: done since 2015-11", "paths": ["x.y", "participation.eu"], "law": ["prum"]} with input as _with_fact(
		_eu_member("2016-03-01"),
		{"status": "done", "since": "2015-11", "date": "2015-11-30", "sources": ["S2"]},
	)
}

test_assess_met_even_when_binding_unknown if {
	lib.assess(_spec) == {"status": "met", "message": "Thing: done", "paths": ["x.y", "participation.eu"], "law": ["prum"]} with input as _with_fact(
		{"at": "2016-03-01"},
		{"status": "done", "sources": ["S2"]},
	)
}

test_assess_partial if {
	lib.assess(_spec) == {
		"status": "partial",
		"message": "Thing: half since 2016-01-01",
		"paths": ["x.y", "participation.instruments.prum"],
		"law": ["prum"],
	} with input as _with_fact(
		_with_position(_norway("2016-03-01"), "prum", "associated"),
		{"status": "half", "since": "2016-01-01", "sources": ["S2"]},
	)
}

test_assess_gap_when_bound if {
	lib.assess(_spec) == {"status": "gap", "message": "Thing: not done (inferred)", "paths": ["x.y", "participation.eu"], "law": ["prum"]} with input as _with_fact(
		_eu_member("2016-03-01"),
		{"status": "not_done", "inferred": true, "sources": ["S2"]},
	)
}

test_assess_unknown_when_gap_but_memberships_unknown if {
	lib.assess(_spec) == {
		"status": "unknown",
		"message": sprintf("Thing: not done, but whether the state is bound by %s is unknown: no source gives the state's memberships", [_prum]),
		"paths": ["x.y", "participation.eu"],
		"law": ["prum"],
	} with input as _with_fact({"at": "2016-03-01"}, {"status": "not_done", "sources": ["S2"]})
}

test_assess_unknown_when_gap_but_own_position_unknown if {
	lib.assess(_spec) == {
		"status": "unknown",
		"message": sprintf("Thing: not done, but whether the state is bound by %s is unknown: no source says (its profile)", [_prum]),
		"paths": ["x.y", "participation.instruments.prum"],
		"law": ["prum"],
	} with input as _with_fact(
		_with_position(_eu_member("2016-03-01"), "prum", "unknown"),
		{"status": "not_done", "sources": ["S2"]},
	)
}

test_assess_unknown_when_fact_unknown if {
	lib.assess(_spec) == {"status": "unknown", "message": "Thing: no source confirms the status", "paths": ["x.y", "participation.eu"], "law": ["prum"]} with input as _with_fact(
		_eu_member("2016-03-01"),
		{"status": "unknown"},
	)
}

test_assess_unknown_when_fact_absent if {
	lib.assess(_spec) == {"status": "unknown", "message": "Thing: no source confirms the status", "paths": ["x.y", "participation.eu"], "law": ["prum"]} with input as _eu_member("2016-03-01")
}

test_assess_unknown_when_fact_status_in_no_set if {
	lib.assess(_spec) == {"status": "unknown", "message": "Thing: planned", "paths": ["x.y", "participation.eu"], "law": ["prum"]} with input as _with_fact(
		_eu_member("2016-03-01"),
		{"status": "planned", "sources": ["S2"]},
	)
}

test_assess_with_empty_partial_set if {
	lib.assess(object.union(_spec, {"partial": set()})) == {"status": "unknown", "message": "Thing: half", "paths": ["x.y", "participation.eu"], "law": ["prum"]} with input as _with_fact(
		_eu_member("2016-03-01"),
		{"status": "half", "sources": ["S2"]},
	)
}

test_assess_not_applicable_before_any_fact if {
	lib.assess(_spec) == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not party (its profile)", [_prum]),
		"paths": ["participation.instruments.prum"],
		"law": ["prum"],
	} with input as _with_fact(
		_with_position(_eu_member("2016-03-01"), "prum", "not_party"),
		{"status": "done", "sources": ["S2"]},
	)
}

test_assess_not_applicable_when_fact_unknown if {
	lib.assess(_spec) == {
		"status": "not_applicable",
		"message": sprintf("not bound by %s: not an EU Member State", [_prum]),
		"paths": ["participation.eu"],
		"law": ["prum"],
	} with input as _with_fact(_non_member("2016-03-01"), {"status": "unknown"})
}

test_assess_instrument_the_catalogue_lacks if {
	lib.assess(object.union(_spec, {"instrument": "no_such_act"})) == {"status": "met", "message": "Thing: done", "paths": ["x.y"], "law": ["no_such_act"]} with input as _with_fact(
		_eu_member("2016-03-01"),
		{"status": "done", "sources": ["S2"]},
	)
	lib.assess(object.union(_spec, {"instrument": "no_such_act"})) == {
		"status": "unknown",
		"message": "Thing: not done, but whether the state is bound by no_such_act is unknown: the law catalogue has no instrument no_such_act",
		"paths": ["x.y"],
		"law": ["no_such_act"],
	} with input as _with_fact(_eu_member("2016-03-01"), {"status": "not_done", "sources": ["S2"]})
}

# finalize: the evidence-age limit (settings.max_evidence_age_days)

# _observed is the fact x.y as the engine gives it on 2016-03-01 for an entry
# observed on date, age_days days before.
_observed(status, date, age_days) := {"status": status, "observed": date, "date": date, "age_days": age_days, "sources": ["S2"]}

_met := {"status": "met", "message": "Thing: done", "paths": ["x.y", "participation.eu"], "law": ["prum"]}

_with_status(r, status) := object.union(r, {"status": status})

test_finalize_evidence_at_the_age_limit if {
	# 2015-03-02 to 2016-03-01 is 365 days (2016 is a leap year)
	lib.finalize(_met, {"max_evidence_age_days": 365}) == _met with input as _with_fact(
		_eu_member("2016-03-01"),
		_observed("done", "2015-03-02", 365),
	)
}

test_finalize_evidence_one_day_over_the_age_limit if {
	lib.finalize(_met, {"max_evidence_age_days": 365}) == {
		"status": "unknown",
		"message": "Thing: done; but that evidence dates from 2015-03-01, older than the limit of 365 days for this recommendation",
		"paths": ["x.y", "participation.eu"],
		"law": ["prum"],
	} with input as _with_fact(_eu_member("2016-03-01"), _observed("done", "2015-03-01", 366))
}

test_finalize_partial_and_gap_too_old if {
	every status in {"partial", "gap"} {
		lib.finalize(_with_status(_met, status), {"max_evidence_age_days": 30}).status == "unknown" with input as _with_fact(
			_eu_member("2016-03-01"),
			_observed("done", "2015-03-01", 366),
		)
	}
}

test_finalize_age_limit_only_for_a_finding_on_evidence if {
	# an unknown or not_applicable finding claims nothing from its first path
	every status in {"unknown", "not_applicable"} {
		lib.finalize(_with_status(_met, status), {"max_evidence_age_days": 30}) == _with_status(_met, status) with input as _with_fact(
			_eu_member("2016-03-01"),
			_observed("done", "2015-03-01", 366),
		)
	}
}

test_finalize_no_age_limit if {
	lib.finalize(_met, {}) == _met with input as _with_fact(_eu_member("2016-03-01"), _observed("done", "1999-03-01", 6210))
}

test_finalize_undated_evidence_has_no_age if {
	lib.finalize(_met, {"max_evidence_age_days": 30}) == _met with input as _with_fact(_eu_member("2016-03-01"), {"status": "done", "sources": ["S2"]})
}

# finalize: the observation-age limit (settings.max_observation_age_days)

# _since is the fact x.y as the engine gives it for an entry that held since date.
_since(status, date, age_days) := {"status": status, "since": date, "date": date, "age_days": age_days, "sources": ["S2"]}

test_finalize_observation_within_its_age if {
	lib.finalize(_met, {"max_observation_age_days": 366}) == _met with input as _with_fact(
		_eu_member("2016-03-01"),
		_observed("done", "2015-03-01", 366),
	)
}

test_finalize_observation_too_old if {
	lib.finalize(_met, {"max_observation_age_days": 365}) == {
		"status": "unknown",
		"message": "Thing: done; but that was observed on 2015-03-01, longer ago than the 365 days an observation stays evidence",
		"paths": ["x.y", "participation.eu"],
		"law": ["prum"],
	} with input as _with_fact(_eu_member("2016-03-01"), _observed("done", "2015-03-01", 366))
}

test_finalize_a_status_since_a_date_does_not_age_as_an_observation if {
	lib.finalize(_met, {"max_observation_age_days": 365}) == _met with input as _with_fact(
		_eu_member("2016-03-01"),
		_since("done", "1999-03-01", 6210),
	)
}

test_finalize_an_observation_confirming_a_status_since_a_date_does_not_age if {
	lib.finalize(_met, {"max_observation_age_days": 365}) == _met with input as _with_fact(
		_eu_member("2016-03-01"),
		object.union(_observed("done", "2015-03-01", 366), {"since": "2012-04"}),
	)
}

test_finalize_evidence_age_over_observation_age if {
	# a recommendation's own limit is the only one: the observation default does not apply
	lib.finalize(_met, {"max_evidence_age_days": 400, "max_observation_age_days": 30}) == _met with input as _with_fact(
		_eu_member("2016-03-01"),
		_observed("done", "2015-03-01", 366),
	)
}

# finalize: not yet due, by the recommendation's settings (its METADATA)

_gap := {"status": "gap", "message": "Thing: not done", "paths": ["x.y", "participation.eu"], "law": ["prum"]}

# _gap_on is _gap for an instrument of the catalogue.
_gap_on(name) := object.union(_gap, {"law": [name]})

# _not_yet_due is r made not yet due, for the reason what.
_not_yet_due(r, what) := object.union(r, {"status": "not_yet_due", "message": sprintf("%s (not yet due: %s)", [r.message, what])})

test_finalize_before_the_deadline if {
	lib.finalize(_gap, {"deadline": "2016-03-31"}) == _not_yet_due(_gap, "due by 2016-03-31") with input as _eu_member("2016-03-30")
}

test_finalize_from_the_deadline if {
	lib.finalize(_gap, {"deadline": "2016-03-31"}) == _gap with input as _eu_member("2016-03-31")
}

test_finalize_before_applies_from if {
	lib.finalize(_gap, {"applies_from": "2017-01-01"}) == _not_yet_due(_gap, "called for from 2017-01-01") with input as _eu_member("2016-12-31")
}

test_finalize_from_applies_from if {
	lib.finalize(_gap, {"applies_from": "2017-01-01"}) == _gap with input as _eu_member("2017-01-01")
}

test_finalize_deadline_before_applies_from if {
	lib.finalize(_gap, {"deadline": "2016-03-31", "applies_from": "2017-01-01"}) == _not_yet_due(_gap, "due by 2016-03-31") with input as _eu_member("2016-03-01")
}

test_finalize_deadline_over_the_instrument_due_date if {
	# the action plan of February 2016 asked for the AML Directive by end-2016
	lib.finalize(_gap_on("aml_directive"), {"deadline": "2016-12-31"}) == _gap_on("aml_directive") with input as _eu_member("2017-01-02")
}

test_finalize_at_from_as_of if {
	lib.finalize(_gap, {"deadline": "2016-03-31"}) == _not_yet_due(_gap, "due by 2016-03-31") with input as {"as_of": "2016-03-01"}
}

test_finalize_without_law if {
	# a recommendation that rests on no instrument is due from its deadline, if any
	lib.finalize(lib.result("gap", "m", ["a.b"]), {}) == lib.result("gap", "m", ["a.b"]) with input as _eu_member("1990-01-01")
	lib.finalize(lib.result("gap", "m", ["a.b"]), {"deadline": "2016-03-31"}) == {
		"status": "not_yet_due",
		"message": "m (not yet due: due by 2016-03-31)",
		"paths": ["a.b"],
	} with input as _eu_member("2016-03-01")
}

# finalize: not yet due, by the instrument's dates (the catalogue)

_pnr_due := "due by 2018-05-25 under the PNR Directive (EU) 2016/681"

test_finalize_pnr_before_in_force if {
	# the due date comes first: before the Directive is in force it is not due either
	lib.finalize(_gap_on("pnr_directive"), {}) == _not_yet_due(_gap_on("pnr_directive"), _pnr_due) with input as _eu_member("2016-05-23")
}

test_finalize_pnr_from_in_force if {
	lib.finalize(_gap_on("pnr_directive"), {}) == _not_yet_due(_gap_on("pnr_directive"), _pnr_due) with input as _eu_member("2016-05-24")
}

test_finalize_pnr_before_due if {
	lib.finalize(_gap_on("pnr_directive"), {}) == _not_yet_due(_gap_on("pnr_directive"), _pnr_due) with input as _eu_member("2018-05-24")
}

test_finalize_pnr_from_due if {
	lib.finalize(_gap_on("pnr_directive"), {}) == _gap_on("pnr_directive") with input as _eu_member("2018-05-25")
}

test_finalize_met_before_due if {
	# a state that acted early is met all the same
	lib.finalize(_with_status(_gap_on("pnr_directive"), "met"), {}) == _with_status(_gap_on("pnr_directive"), "met") with input as _eu_member("2016-03-01")
}

test_finalize_partial_before_due if {
	lib.finalize(_with_status(_gap_on("pnr_directive"), "partial"), {}) == _not_yet_due(_with_status(_gap_on("pnr_directive"), "partial"), _pnr_due) with input as _eu_member("2016-03-01")
}

test_finalize_unknown_before_due if {
	lib.finalize(_with_status(_gap_on("pnr_directive"), "unknown"), {}) == _not_yet_due(_with_status(_gap_on("pnr_directive"), "unknown"), _pnr_due) with input as _eu_member("2016-03-01")
}

test_finalize_not_applicable_before_due if {
	lib.finalize(_with_status(_gap_on("pnr_directive"), "not_applicable"), {}) == _with_status(_gap_on("pnr_directive"), "not_applicable") with input as _eu_member("2016-03-01")
}

test_finalize_firearms_before_in_force if {
	lib.finalize(_gap_on("firearms_deactivation"), {}) == _not_yet_due(
		_gap_on("firearms_deactivation"),
		"due from 2016-04-08 under the deactivation standards (Implementing Regulation (EU) 2015/2403)",
	) with input as _eu_member("2016-04-07")
}

test_finalize_firearms_from_in_force if {
	lib.finalize(_gap_on("firearms_deactivation"), {}) == _gap_on("firearms_deactivation") with input as _eu_member("2016-04-08")
}

test_finalize_aml_before_due if {
	lib.finalize(_gap_on("aml_directive"), {}) == _not_yet_due(
		_gap_on("aml_directive"),
		"due by 2017-06-26 under the 4th Anti-Money-Laundering Directive (EU) 2015/849",
	) with input as _eu_member("2017-06-25")
}

test_finalize_aml_from_due if {
	lib.finalize(_gap_on("aml_directive"), {}) == _gap_on("aml_directive") with input as _eu_member("2017-06-26")
}

test_finalize_instrument_without_dates if {
	lib.finalize(_gap_on("ecris"), {}) == _gap_on("ecris") with input as _eu_member("1990-01-01")
}

test_finalize_too_old_and_not_yet_due if {
	lib.finalize(_with_status(_gap_on("pnr_directive"), "partial"), {"max_evidence_age_days": 365}) == {
		"status": "not_yet_due",
		"message": "Thing: not done; but that evidence dates from 2015-03-01, older than the limit of 365 days for this recommendation (not yet due: due by 2018-05-25 under the PNR Directive (EU) 2016/681)",
		"paths": ["x.y", "participation.eu"],
		"law": ["pnr_directive"],
	} with input as _with_fact(_eu_member("2016-03-01"), _observed("half", "2015-03-01", 366))
}

# _day: a month or a year counts from its last day

test_day_of_a_day if {
	lib._day("2016-03-01") == "2016-03-01"
}

test_day_of_a_month if {
	lib._day("2012-07") == "2012-07-31"
	lib._day("2016-02") == "2016-02-29"
	lib._day("2015-02") == "2015-02-28"
	lib._day("2016-12") == "2016-12-31"
}

test_day_of_a_year if {
	lib._day("2014") == "2014-12-31"
}

test_finalize_deadline_of_a_month if {
	lib.finalize(_gap, {"deadline": "2012-07"}) == _not_yet_due(_gap, "due by 2012-07") with input as _eu_member("2012-07-30")
	lib.finalize(_gap, {"deadline": "2012-07"}) == _gap with input as _eu_member("2012-07-31")
}

test_finalize_deadline_of_a_february if {
	lib.finalize(_gap, {"deadline": "2016-02"}) == _not_yet_due(_gap, "due by 2016-02") with input as _eu_member("2016-02-28")
	lib.finalize(_gap, {"deadline": "2016-02"}) == _gap with input as _eu_member("2016-02-29")
}

test_finalize_deadline_of_a_year if {
	lib.finalize(_gap, {"deadline": "2014"}) == _not_yet_due(_gap, "due by 2014") with input as _eu_member("2014-12-30")
	lib.finalize(_gap, {"deadline": "2014"}) == _gap with input as _eu_member("2014-12-31")
}
