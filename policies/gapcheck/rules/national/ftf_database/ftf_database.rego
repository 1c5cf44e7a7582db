# METADATA
# title: A foreign-fighter database shared across the state's services
# description: >-
#   The state keeps one database on foreign terrorist fighters that its intelligence,
#   police, judicial and administrative services all feed and consult, such as the common
#   database Belgium created in 2016. A national measure, not an EU obligation: it applies
#   to every state, and no EU act sets a deadline.
# related_resources:
#   - description: OCAM, the Belgian common database on foreign terrorist fighters (Royal Decree of 21 July 2016)
#     ref: https://ocam.belgium.be/la-banque-de-donnees-commune-bdc/
#   - description: French National Assembly inquiry, report no. 3922 (5 July 2016), proposing a common terrorism-risk database
#     ref: http://www.assemblee-nationale.fr/14/rap-enq/r3922-t1.asp
#   - description: Belgian parliamentary inquiry follow-up (2018), the "crossroads bank for security"
#     ref: https://www.brusselstimes.com/48292/brussels-attacks-commission-wants-action-on-recommendations
# custom:
#   severity: medium
#   legal_basis: None (a national measure; no EU legal act)
#   reads:
#     - national.ftf_database
package gapcheck.rules.national.ftf_database

import data.gapcheck.lib

_fact := ["national", "ftf_database"]

_what := "Shared foreign-fighter database"

_outcomes := {"shared": "met", "partial": "partial", "none": "gap"}

# result is met when one database is shared across the services, partial when only some
# share it, and a gap when there is none. There is no participation to check: the
# recommendation applies to every state. A fact status in none of the outcomes is unknown.
result := lib.result("unknown", sprintf("%s: no source confirms the status", [_what]), [concat(".", _fact)]) if {
	lib.fact_status(_fact) == "unknown"
} else := lib.result(
	object.get(_outcomes, lib.fact_status(_fact), "unknown"),
	sprintf("%s: %s", [_what, lib.describe(_fact)]),
	[concat(".", _fact)],
)
