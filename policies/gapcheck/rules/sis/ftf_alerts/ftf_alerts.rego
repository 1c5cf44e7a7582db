# METADATA
# title: Foreign terrorist fighters systematically entered in SIS II
# description: >-
#   The state enters alerts on all known or suspected foreign terrorist fighters in the
#   second-generation Schengen Information System, including alerts for discreet or
#   specific checks under Article 36 of Decision 2007/533/JHA. A state not connected to
#   SIS II cannot enter any.
# related_resources:
#   - description: Council Decision 2007/533/JHA (SIS II, police and judicial cooperation), Art. 36
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32007D0533
#   - description: Statewatch on Article 36 alerts (discreet surveillance or specific checks)
#     ref: https://www.statewatch.org/news/2014/september/eu-schengen-information-system-41-000-people-subject-to-discreet-surveillance-or-specific-checks/
#   - description: AdnKronos on the draft JHA Council conclusions of 20 November 2015 (enter data on all suspected foreign fighters into SIS II)
#     ref: http://adnkronos.com/fatti/esteri/2015/11/19/controlli-sistematici-frontiere-esterne-misura-prevista-bozza_warptbWfuz7fJpEtwNwvEL.html
#   - description: BNT on the European Council of December 2015
#     ref: https://bntnews.bg/bg/a/es
# custom:
#   severity: critical
#   legal_basis: Council Decision 2007/533/JHA, Art. 36
#   max_evidence_age: 2y
#   reads:
#     - sis.ftf_alerts
#     - sis.connection
#     - participation.instruments.sis_ii_police
package gapcheck.rules.sis.ftf_alerts

import data.gapcheck.lib

_instrument := "sis_ii_police"

_spec := {
	"instrument": _instrument,
	"fact": ["sis", "ftf_alerts"],
	"what": "SIS II alerts on foreign terrorist fighters",
	"met": {"systematic"},
	"partial": {"some"},
	"gap": {"none"},
}

# result follows the alerts fact, as lib.assess does. When no source gives the alerts but
# the state is not connected to SIS II, it cannot have entered any: that is a gap when
# the state is bound by the police part of SIS II, and unknown when no source says. A
# not_connected connection is always named in the message and in the paths.
result := lib.not_applicable_result(_instrument) if {
	lib.not_bound(_instrument)
} else := lib.result_on(
	"gap",
	sprintf("%s: no source gives them, but the state is not connected to SIS II, so it cannot enter any", [_spec.what]),
	array.concat(["sis.connection", "sis.ftf_alerts"], lib.binding(_instrument).paths),
	[_instrument],
) if {
	lib.fact_status(_spec.fact) == "unknown"
	_not_connected
	lib.bound(_instrument)
} else := _with_connection(lib.assess(_spec)) if {
	_not_connected
} else := lib.assess(_spec)

_not_connected if lib.fact_status(["sis", "connection"]) == "not_connected"

# _with_connection adds the connection to a finding made from the alerts fact.
_with_connection(finding) := lib.result_on(
	finding.status,
	concat("", [finding.message, _connection_note]),
	array.concat(["sis.ftf_alerts", "sis.connection"], lib.binding(_instrument).paths),
	[_instrument],
)

_connection_note := "; but sis.connection says the state is not connected to SIS II: the sources conflict" if {
	lib.fact_status(_spec.fact) in {"systematic", "some"}
} else := sprintf("; the state is not connected to SIS II, but whether it is bound by its police part is unknown: %s", [lib.binding(_instrument).why]) if {
	lib.fact_status(_spec.fact) == "unknown"
} else := "; the state is not connected to SIS II"
