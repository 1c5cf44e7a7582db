# METADATA
# title: gapcheck policy library
# description: >-
#   Helpers shared by the recommendations: participation (who is bound by what),
#   fact lookup with "unknown" for absent facts, and assess, the common shape of a
#   recommendation that maps one sourced fact to a finding status.
package gapcheck.lib

# Participation statuses that make an instrument apply to the state.
applicable := {"bound", "opted_in", "associated"}

# Participation statuses under which the state is not bound (yet).
inapplicable := {"opted_out", "not_party", "pending"}

# participation is the state's participation status in instrument, "unknown" if not recorded.
participation(instrument) := object.get(input, ["participation", "instruments", instrument, "status"], "unknown")

# participation_path is the dotted profile path of a participation fact.
participation_path(instrument) := concat(".", ["participation", "instruments", instrument])

# bound holds when the state is bound by instrument.
bound(instrument) if participation(instrument) in applicable

# not_bound holds when the sources say the state is not bound by instrument.
not_bound(instrument) if participation(instrument) in inapplicable

# fact_status is the status of the fact at path (an array of keys), "unknown" if absent.
fact_status(path) := object.get(input, array.concat(path, ["status"]), "unknown")

# describe renders a fact as "<status>[ since <date>][ (inferred)]".
describe(path) := concat("", [
	replace(fact_status(path), "_", " "),
	_since(path),
	_inferred(path),
])

_since(path) := sprintf(" since %s", [object.get(input, array.concat(path, ["date"]), "")]) if {
	object.get(input, array.concat(path, ["date"]), "") != ""
} else := ""

_inferred(path) := " (inferred)" if {
	object.get(input, array.concat(path, ["inferred"]), false) == true
} else := ""

# result builds a recommendation's result object. paths are dotted profile paths, the
# one the finding rests on first.
result(status, message, paths) := {"status": status, "message": message, "paths": paths}

# not_applicable_result is the result for a state not bound by instrument.
not_applicable_result(instrument) := result(
	"not_applicable",
	sprintf("not bound by %s (%s)", [instrument, replace(participation(instrument), "_", " ")]),
	[participation_path(instrument)],
)

# assess is the common shape of a recommendation. spec is an object:
#   instrument: the participation instrument that binds the state;
#   fact:       the path (array of keys) of the implementation fact;
#   what:       how the message names the measure;
#   met, partial, gap: the sets of fact statuses giving each finding status.
# A state not bound is not_applicable; an unknown fact is unknown; a fact that would be
# a gap is only a gap when the state is known to be bound, and unknown otherwise.
# A fact status in none of the sets is unknown: the policy never guesses.
assess(spec) := not_applicable_result(spec.instrument) if {
	not_bound(spec.instrument)
} else := result(
	"unknown",
	sprintf("%s: no source confirms the status", [spec.what]),
	_paths(spec),
) if {
	fact_status(spec.fact) == "unknown"
} else := result(
	"unknown",
	sprintf("%s: %s, but no source says whether the state is bound by %s", [spec.what, describe(spec.fact), spec.instrument]),
	_paths(spec),
) if {
	fact_status(spec.fact) in spec.gap
	not bound(spec.instrument)
} else := result(_outcome(spec), sprintf("%s: %s", [spec.what, describe(spec.fact)]), _paths(spec))

_outcome(spec) := "met" if {
	fact_status(spec.fact) in spec.met
} else := "partial" if {
	fact_status(spec.fact) in spec.partial
} else := "gap" if {
	fact_status(spec.fact) in spec.gap
} else := "unknown"

_paths(spec) := [concat(".", spec.fact), participation_path(spec.instrument)]
