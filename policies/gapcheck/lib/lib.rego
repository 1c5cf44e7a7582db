# METADATA
# title: gapcheck policy library
# description: >-
#   Helpers shared by the recommendations. Who is bound by what, at the date of the
#   evaluation (input.at), derived from the law catalogue (data.gapcheck.instruments)
#   and the state's dated memberships and positions; fact lookup with "unknown" for
#   absent facts; assess, the common shape of a recommendation that maps one sourced
#   fact to a finding status; and finalize, which the entrypoint applies to every
#   result: evidence too old for the recommendation becomes unknown, and a finding
#   before its due date is not yet due.
# custom:
#   # The functions whose first argument is an instrument's name: the linter checks
#   # that a recommendation calling them lists the instrument's position
#   # (participation.instruments.<name>) in custom.reads.
#   instrument_functions:
#     - binding
#     - bound
#     - instrument
#     - not_applicable_result
#     - not_bound
#     - participation_path
package gapcheck.lib

# at is the date the profile is evaluated at (YYYY-MM-DD). Without one, the
# profile's as_of; without that, a date after every date of the catalogue.
at := object.get(input, "at", object.get(input, "as_of", "9999-12-31"))

# instrument is the catalogue entry of an instrument, {} if it has none.
instrument(name) := data.gapcheck.instruments[name] if {
	data.gapcheck.instruments[name]
} else := {}

# participation_path is the dotted profile path of a state's own position on an
# instrument.
participation_path(name) := concat(".", ["participation", "instruments", name])

# membership is the status of one of the state's memberships (eu, schengen, eea) at
# the date, "unknown" if not recorded.
membership(kind) := object.get(input, ["participation", kind, "status"], "unknown")

# _group is whether the state is in a group of the catalogue at the date: "in",
# "out", or "unknown" when its membership is unknown.
_group("eu") := _in(membership("eu"), {"member", "transition"}, {"not_member"})

_group("schengen") := _in(membership("schengen"), {"full", "partial"}, {"not_fully_applied", "associated", "outside"})

_group("schengen_pending") := _in(membership("schengen"), {"not_fully_applied"}, {"full", "partial", "associated", "outside"})

_group("schengen_associated") := _in(membership("schengen"), {"associated"}, {"full", "partial", "not_fully_applied", "outside"})

# eea is the group of the EEA EFTA states: a state that records no EEA membership
# (every EU state) is not in it; one that records it as unknown may be.
_group("eea") := _in(object.get(input, ["participation", "eea", "status"], "not_member"), {"member"}, {"not_member"})

_in(status, yes, _) := "in" if status in yes

_in(status, _, no) := "out" if status in no

_in(status, yes, no) := "unknown" if {
	not status in yes
	not status in no
}

# _membership_path is the profile fact that places the state in or out of a group.
_membership_path("eu") := "participation.eu"

_membership_path("eea") := "participation.eea"

_membership_path(group) := "participation.schengen" if startswith(group, "schengen")

# _group_name is how messages name a group.
_group_name := {
	"eu": "an EU Member State",
	"schengen": "a state applying the Schengen acquis",
	"schengen_pending": "a state bound by the Schengen acquis but not yet applying it",
	"schengen_associated": "a Schengen-associated state",
	"eea": "an EEA EFTA state",
}

# _own is the state's own position on an instrument at the date, if its profile
# records one.
_own(name) := object.get(input, ["participation", "instruments", name, "status"], "")

# _country is the position the catalogue gives the state on an instrument at the
# date (the latest entry from on or before it), if any.
_country(name) := p if {
	positions := _positions(object.get(instrument(name), ["countries", object.get(input, "country", "")], []))
	dated := [x | some x in positions; _starts_by(x)]
	count(dated) > 0
	p := dated[count(dated) - 1]
}

_positions(p) := p if is_array(p)

_positions(p) := [p] if is_object(p)

_starts_by(p) if not p.since

_starts_by(p) if _day(p.since) <= at

# _scope are the groups the instrument lists (whatever it says of them) that the
# state is in: the catalogue's position for a country is how the act treats it as one
# of those, and does not hold once the state has left them.
_scope(name) := {g | some g, _ in object.get(instrument(name), "binds", {}); _group(g) == "in"}

# _groups_in are the groups the instrument binds with value v that the state is in.
_groups_in(name, v) := {g | some g, w in object.get(instrument(name), "binds", {}); w == v; _group(g) == "in"}

# _member_positions are the positions a Member State takes under the protocols on
# Denmark, Ireland and the United Kingdom (an opt-in, an opt-out): they lapse when
# it leaves the EU, as the United Kingdom's did at the end of 2020. The other
# positions (an association agreement, not a party, pending) hold as recorded.
_member_positions := {"opted_in", "opted_out"}

# _own_holds is whether the state's own position on an instrument holds at the date.
_own_holds(name) if {
	_own(name) != ""
	not _own(name) in _member_positions
}

_own_holds(name) if {
	_own(name) in _member_positions
	_group("eu") != "out"
}

_own_binding := {
	"bound": "bound", "opted_in": "bound", "associated": "bound",
	"opted_out": "not_bound", "not_party": "not_bound", "pending": "not_bound",
	"unknown": "unknown",
}

# _own_why is how messages give the state's own position.
_own_why("unknown") := "no source says (its profile)"

_own_why(status) := sprintf("%s (its profile)", [replace(status, "_", " ")]) if status != "unknown"

_country_binding := {"bound": "bound", "opted_in": "bound", "not_bound": "not_bound", "unknown": "unknown"}

# binding says whether the state is bound by an instrument at the date:
# {"status": "bound" | "not_bound" | "unknown", "why", "paths"}. Its own position
# (its profile) comes first, then the position the act gives it (the catalogue's
# countries) while it is in a group the act lists, then the groups the act binds, by
# the state's memberships at the date.
# A group listed as unknown, or a membership that is unknown, gives unknown; a state
# in no group the act binds is not bound, resting on the memberships that say so.
binding(name) := {
	"status": _own_binding[_own(name)],
	"why": _own_why(_own(name)),
	"paths": [participation_path(name)],
} if {
	_own_holds(name)
} else := {
	"status": _country_binding[_country(name).status],
	"why": _country(name).note,
	"paths": [_membership_path(min(_scope(name)))],
} if {
	_country(name)
	count(_scope(name)) > 0
} else := {
	"status": "bound",
	"why": _group_name[g],
	"paths": [_membership_path(g)],
} if {
	g := min(_groups_in(name, "bound"))
} else := {
	"status": "unknown",
	"why": sprintf("no source says whether it binds %s", [_group_name[g]]),
	"paths": [_membership_path(g)],
} if {
	g := min(_groups_in(name, "unknown"))
} else := {
	"status": "unknown",
	"why": "no source gives the state's memberships",
	"paths": sort({_membership_path(g) | some g, _ in object.get(instrument(name), "binds", {})}),
} if {
	some g, _ in object.get(instrument(name), "binds", {})
	_group(g) == "unknown"
} else := {
	"status": "not_bound",
	"why": concat(", ", sort({sprintf("not %s", [_group_name[g]]) | some g, _ in object.get(instrument(name), "binds", {})})),
	"paths": sort({_membership_path(g) | some g, _ in object.get(instrument(name), "binds", {})}),
} if {
	count(object.get(instrument(name), "binds", {})) > 0
} else := {"status": "unknown", "why": sprintf("the law catalogue has no instrument %s", [name]), "paths": []}

# bound holds when the state is bound by instrument at the date.
bound(name) if binding(name).status == "bound"

# not_bound holds when the state is not bound by instrument at the date.
not_bound(name) if binding(name).status == "not_bound"

# fact_status is the status of the fact at path (an array of keys), "unknown" if absent.
fact_status(path) := object.get(input, array.concat(path, ["status"]), "unknown")

# describe renders a fact as "<status>[ since <since>][ (inferred)]".
describe(path) := concat("", [
	replace(fact_status(path), "_", " "),
	_since(path),
	_inferred(path),
])

_since(path) := sprintf(" since %s", [object.get(input, array.concat(path, ["since"]), "")]) if {
	object.get(input, array.concat(path, ["since"]), "") != ""
} else := ""

_inferred(path) := " (inferred)" if {
	object.get(input, array.concat(path, ["inferred"]), false) == true
} else := ""

# result builds a recommendation's result object. paths are dotted profile paths, the
# one the finding rests on first; law names the catalogue's instruments it rests on.
result(status, message, paths) := {"status": status, "message": message, "paths": paths}

result_on(status, message, paths, law) := object.union(result(status, message, paths), {"law": law})

# not_applicable_result is the result for a state not bound by instrument. A binding
# that is not_bound always names the profile paths it rests on (the state's position,
# or the memberships).
not_applicable_result(name) := _not_applicable(name, binding(name))

_not_applicable(name, b) := result_on(
	"not_applicable",
	sprintf("not bound by %s: %s", [object.get(instrument(name), "title", name), b.why]),
	b.paths,
	[name],
)

# assess is the common shape of a recommendation. spec is an object:
#   instrument: the catalogue instrument that binds the state;
#   fact:       the path (array of keys) of the implementation fact;
#   what:       how the message names the measure;
#   met, partial, gap: the sets of fact statuses giving each finding status.
# A state not bound is not_applicable; an unknown fact is unknown; a fact that would be
# a gap is only a gap when the state is known to be bound, and unknown otherwise.
# A fact status in none of the sets is unknown: the policy never guesses.
assess(spec) := _assess(spec, binding(spec.instrument), fact_status(spec.fact))

# _assess is assess with the binding and the fact's status computed once.
_assess(spec, b, status) := _not_applicable(spec.instrument, b) if {
	b.status == "not_bound"
} else := result_on(
	"unknown",
	sprintf("%s: no source confirms the status", [spec.what]),
	_paths(spec, b), [spec.instrument],
) if {
	status == "unknown"
} else := result_on(
	"unknown",
	sprintf("%s: %s, but %s", [spec.what, describe(spec.fact), _unknown_binding(spec.instrument, b)]),
	_paths(spec, b), [spec.instrument],
) if {
	status in spec.gap
	b.status != "bound"
} else := result_on(_outcome(spec, status), sprintf("%s: %s", [spec.what, describe(spec.fact)]), _paths(spec, b), [spec.instrument])

_unknown_binding(name, b) := sprintf("whether the state is bound by %s is unknown: %s", [object.get(instrument(name), "title", name), b.why])

_outcome(spec, status) := "met" if {
	status in spec.met
} else := "partial" if {
	status in spec.partial
} else := "gap" if {
	status in spec.gap
} else := "unknown"

_paths(spec, b) := array.concat([concat(".", spec.fact)], b.paths)

# finalize is what the entrypoint makes of every recommendation's result, given the
# recommendation's settings (from its METADATA: deadline or applies_from, and
# max_evidence_age_days; else max_observation_age_days, the engine's default):
#   - a met, partial or gap finding whose fact (its first path) dates from longer
#     ago than max_evidence_age_days is unknown, and says how old its evidence is;
#     without that limit, so is one whose fact is an observation (observed) older
#     than max_observation_age_days: a source saw the status then, and says nothing
#     of years later, while a status that held since a date holds until the next
#     entry (an observation confirming it comes with that since);
#   - a partial, gap or unknown finding before the recommendation is due is
#     not_yet_due: before its deadline (or the date it was called for), else before
#     the due date of its instrument, else before the instrument applies. A state
#     that acted early is met all the same.
finalize(r, settings) := _due(_aged(r, settings), settings)

_aged(r, settings) := object.union(r, {
	"status": "unknown",
	"message": sprintf("%s; but that evidence dates from %s, older than the limit of %d days for this recommendation", [r.message, _evidence(r).date, settings.max_evidence_age_days]),
}) if {
	r.status in {"met", "partial", "gap"}
	_evidence(r).age_days > settings.max_evidence_age_days
} else := object.union(r, {
	"status": "unknown",
	"message": sprintf("%s; but that was observed on %s, longer ago than the %d days an observation stays evidence", [r.message, _evidence(r).date, settings.max_observation_age_days]),
}) if {
	r.status in {"met", "partial", "gap"}
	not settings.max_evidence_age_days
	_evidence(r).observed
	not _evidence(r).since
	_evidence(r).age_days > settings.max_observation_age_days
} else := r

_evidence(r) := object.get(input, split(r.paths[0], "."), {})

_due(r, settings) := object.union(r, {
	"status": "not_yet_due",
	"message": sprintf("%s (not yet due: %s)", [r.message, _due_date(r, settings).what]),
}) if {
	r.status in {"partial", "gap", "unknown"}
	at < _day(_due_date(r, settings).date)
} else := r

_due_date(r, settings) := {"date": settings.deadline, "what": sprintf("due by %s", [settings.deadline])} if {
	settings.deadline
} else := {"date": settings.applies_from, "what": sprintf("called for from %s", [settings.applies_from])} if {
	settings.applies_from
} else := {"date": d, "what": sprintf("due by %s under %s", [d, instrument(r.law[0]).title])} if {
	d := instrument(r.law[0]).due.date
} else := {"date": d, "what": sprintf("due from %s under %s", [d, instrument(r.law[0]).title])} if {
	d := instrument(r.law[0]).in_force.date
}

# _day is the day a date counts from: a month or a year counts from its last day
# (2012-07 is 2012-07-31, 2014 is 2014-12-31), as the engine counts entries.
_day(d) := d if count(d) == 10

_day(d) := sprintf("%s-%02d", [d, _days_in_month(d)]) if count(d) == 7

_day(d) := sprintf("%s-12-31", [d]) if count(d) == 4

_days_in_month(d) := time.date(time.add_date(time.parse_ns("2006-01-02", sprintf("%s-01", [d])), 0, 1, -1))[2]
