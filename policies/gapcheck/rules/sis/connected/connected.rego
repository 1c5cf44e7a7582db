# METADATA
# title: Connected to SIS II for the uses the state is entitled to
# description: >-
#   The state is connected to the second-generation Schengen Information System for every
#   use it is entitled to: police and judicial cooperation alerts (Decision 2007/533/JHA)
#   and, where the border part applies to it, refusal-of-entry alerts for border control
#   (Regulation (EC) No 1987/2006).
# related_resources:
#   - description: Council Decision 2007/533/JHA (SIS II, police and judicial cooperation)
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32007D0533
#   - description: Regulation (EC) No 1987/2006 (SIS II, border control)
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006R1987
#   - description: Council Decision (EU) 2017/733, listing the states using SIS
#     ref: https://www.eumonitor.eu/9353000/1/j4nvhdfcs8bljza_j9vvik7m1c3gyxp/vkazimwbd0xc
# custom:
#   severity: critical
#   legal_basis: Council Decision 2007/533/JHA and Regulation (EC) No 1987/2006
#   reads:
#     - sis.connection
#     - participation.instruments.sis_ii_police
#     - participation.instruments.sis_ii_borders
package gapcheck.rules.sis.connected

import data.gapcheck.lib

_fact := ["sis", "connection"]

_law := ["sis_ii_police", "sis_ii_borders"]

_paths := array.concat(["sis.connection"], sort({p | some i in _law; some p in lib.binding(i).paths}))

_what := "SIS II connection"

# result: not applicable when neither part of SIS II binds the state; a police-only
# connection is met when the border part does not apply, partial when it does, and
# unknown when no source says whether it does.
result := lib.not_applicable_result("sis_ii_police") if {
	lib.not_bound("sis_ii_police")
	lib.not_bound("sis_ii_borders")
} else := lib.result_on("unknown", sprintf("%s: no source confirms the status", [_what]), _paths, _law) if {
	lib.fact_status(_fact) == "unknown"
} else := lib.result_on("met", _message, _paths, _law) if {
	lib.fact_status(_fact) == "full"
} else := lib.result_on("met", sprintf("%s; the border part does not apply (%s)", [_message, lib.binding("sis_ii_borders").why]), _paths, _law) if {
	lib.fact_status(_fact) == "police_only"
	lib.not_bound("sis_ii_borders")
} else := lib.result_on("partial", sprintf("%s, though the border part binds the state", [_message]), _paths, _law) if {
	lib.fact_status(_fact) == "police_only"
	lib.bound("sis_ii_borders")
} else := lib.result_on("gap", _message, _paths, _law) if {
	lib.fact_status(_fact) == "not_connected"
	lib.bound("sis_ii_police")
} else := lib.result_on("unknown", sprintf("%s, but no source says which parts of SIS II bind the state", [_message]), _paths, _law)

_message := sprintf("%s: %s", [_what, lib.describe(_fact)])
