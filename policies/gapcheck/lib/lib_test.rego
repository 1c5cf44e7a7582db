package gapcheck.lib_test

import data.gapcheck.lib

_profile(instrument, participation, fact) := {
	"participation": {"instruments": {instrument: participation}},
	"x": {"y": fact},
}

_spec := {
	"instrument": "prum",
	"fact": ["x", "y"],
	"what": "Thing",
	"met": {"done"},
	"partial": {"half"},
	"gap": {"not_done"},
}

_paths := ["x.y", "participation.instruments.prum"]

# participation and participation_path

test_participation_when_recorded if {
	lib.participation("prum") == "opted_out" with input as _profile("prum", {"status": "opted_out", "sources": ["S1"]}, {})
}

test_participation_unknown_when_instrument_absent if {
	lib.participation("ecris") == "unknown" with input as _profile("prum", {"status": "bound", "sources": ["S1"]}, {})
}

test_participation_unknown_when_no_participation if {
	lib.participation("prum") == "unknown" with input as {}
}

test_participation_path if {
	lib.participation_path("sis_ii_police") == "participation.instruments.sis_ii_police"
}

# bound and not_bound

test_bound_when_applicable if {
	every status in {"bound", "opted_in", "associated"} {
		lib.bound("prum") with input as _profile("prum", {"status": status, "sources": ["S1"]}, {})
		not lib.not_bound("prum") with input as _profile("prum", {"status": status, "sources": ["S1"]}, {})
	}
}

test_not_bound_when_inapplicable if {
	every status in {"opted_out", "not_party", "pending"} {
		lib.not_bound("prum") with input as _profile("prum", {"status": status, "sources": ["S1"]}, {})
		not lib.bound("prum") with input as _profile("prum", {"status": status, "sources": ["S1"]}, {})
	}
}

test_neither_bound_nor_not_bound_when_unknown if {
	not lib.bound("prum") with input as _profile("prum", {"status": "unknown"}, {})
	not lib.not_bound("prum") with input as _profile("prum", {"status": "unknown"}, {})
}

test_neither_bound_nor_not_bound_when_absent if {
	not lib.bound("prum") with input as {}
	not lib.not_bound("prum") with input as {}
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

test_describe_with_date if {
	lib.describe(["x", "y"]) == "done since 2015-11-10" with input as {"x": {"y": {"status": "done", "date": "2015-11-10", "sources": ["S1"]}}}
}

test_describe_with_inferred if {
	lib.describe(["x", "y"]) == "not done (inferred)" with input as {"x": {"y": {"status": "not_done", "inferred": true, "sources": ["S1"]}}}
}

test_describe_with_date_and_inferred if {
	lib.describe(["x", "y"]) == "not done since 2016-11-18 (inferred)" with input as {"x": {"y": {
		"status": "not_done",
		"date": "2016-11-18",
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

# result and not_applicable_result

test_result if {
	lib.result("gap", "m", ["a.b"]) == {"status": "gap", "message": "m", "paths": ["a.b"]}
}

test_not_applicable_result if {
	lib.not_applicable_result("pnr_directive") == {
		"status": "not_applicable",
		"message": "not bound by pnr_directive (opted out)",
		"paths": ["participation.instruments.pnr_directive"],
	} with input as _profile("pnr_directive", {"status": "opted_out", "sources": ["S1"]}, {})
}

# assess

test_assess_met if {
	lib.assess(_spec) == {"status": "met", "message": "Thing: done", "paths": _paths} with input as _profile(
		"prum",
		{"status": "bound", "sources": ["S1"]},
		{"status": "done", "sources": ["S2"]},
	)
}

test_assess_met_even_when_participation_unknown if {
	lib.assess(_spec) == {"status": "met", "message": "Thing: done", "paths": _paths} with input as _profile(
		"prum",
		{"status": "unknown"},
		{"status": "done", "sources": ["S2"]},
	)
}

test_assess_partial if {
	lib.assess(_spec) == {"status": "partial", "message": "Thing: half since 2016-01-01", "paths": _paths} with input as _profile(
		"prum",
		{"status": "associated", "sources": ["S1"]},
		{"status": "half", "date": "2016-01-01", "sources": ["S2"]},
	)
}

test_assess_gap_when_bound if {
	lib.assess(_spec) == {"status": "gap", "message": "Thing: not done (inferred)", "paths": _paths} with input as _profile(
		"prum",
		{"status": "opted_in", "sources": ["S1"]},
		{"status": "not_done", "inferred": true, "sources": ["S2"]},
	)
}

test_assess_unknown_when_gap_but_participation_unknown if {
	lib.assess(_spec) == {
		"status": "unknown",
		"message": "Thing: not done, but no source says whether the state is bound by prum",
		"paths": _paths,
	} with input as _profile("prum", {"status": "unknown"}, {"status": "not_done", "sources": ["S2"]})
}

test_assess_unknown_when_gap_and_participation_absent if {
	lib.assess(_spec) == {
		"status": "unknown",
		"message": "Thing: not done, but no source says whether the state is bound by prum",
		"paths": _paths,
	} with input as {"x": {"y": {"status": "not_done", "sources": ["S2"]}}}
}

test_assess_unknown_when_fact_unknown if {
	lib.assess(_spec) == {"status": "unknown", "message": "Thing: no source confirms the status", "paths": _paths} with input as _profile(
		"prum",
		{"status": "bound", "sources": ["S1"]},
		{"status": "unknown"},
	)
}

test_assess_unknown_when_fact_status_in_no_set if {
	lib.assess(_spec) == {"status": "unknown", "message": "Thing: planned", "paths": _paths} with input as _profile(
		"prum",
		{"status": "bound", "sources": ["S1"]},
		{"status": "planned", "sources": ["S2"]},
	)
}

test_assess_not_applicable_before_any_fact if {
	lib.assess(_spec) == {
		"status": "not_applicable",
		"message": "not bound by prum (not party)",
		"paths": ["participation.instruments.prum"],
	} with input as _profile("prum", {"status": "not_party", "sources": ["S1"]}, {"status": "done", "sources": ["S2"]})
}

test_assess_not_applicable_when_fact_unknown if {
	lib.assess(_spec) == {
		"status": "not_applicable",
		"message": "not bound by prum (pending)",
		"paths": ["participation.instruments.prum"],
	} with input as _profile("prum", {"status": "pending", "sources": ["S1"]}, {"status": "unknown"})
}

test_assess_with_empty_partial_set if {
	lib.assess(object.union(_spec, {"partial": set()})) == {"status": "unknown", "message": "Thing: half", "paths": _paths} with input as _profile(
		"prum",
		{"status": "bound", "sources": ["S1"]},
		{"status": "half", "sources": ["S2"]},
	)
}
