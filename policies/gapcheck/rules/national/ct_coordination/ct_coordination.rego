# METADATA
# title: A national multi-agency counter-terrorism coordination body
# description: >-
#   The state has a standing body in which its intelligence, police, judicial, border and
#   other services pool what they know about terrorist threats, such as Belgium's OCAM,
#   Germany's GTAZ or the Netherlands' CT Infobox. A national structure, not an EU
#   obligation: it applies to every state, and no EU act sets a deadline.
# related_resources:
#   - description: >-
#       Belgian parliamentary inquiry into the attacks of 22 March 2016: the services worked
#       "each on its own island"
#     ref: https://www.rd.nl/vandaag/buitenland/commissie-kansen-gemist-bij-aanslagen-brussel-1.1406907
#   - description: Belgian parliamentary inquiry, unanimous report on the security architecture (June 2017)
#     ref: https://knack.be/nieuws/belgie/politiek/onderzoekscommissie-aanslagen-bereikt-unaniem-akkoord-over-de-veiligheidsarchitectuur
#   - description: French National Assembly inquiry, report no. 3922 (5 July 2016)
#     ref: http://www.assemblee-nationale.fr/14/rap-enq/r3922-t1.asp
# custom:
#   severity: medium
#   legal_basis: None (a national structure; no EU legal act)
#   reads:
#     - national.ct_coordination
package gapcheck.rules.national.ct_coordination

import data.gapcheck.lib

_fact := ["national", "ct_coordination"]

_what := "National counter-terrorism coordination body"

_outcomes := {"exists": "met", "none": "gap"}

# result is met when such a body exists and a gap when there is none. There is no
# participation to check: the recommendation applies to every state. A fact status in
# none of the outcomes is unknown.
result := lib.result("unknown", sprintf("%s: no source confirms the status", [_what]), [concat(".", _fact)]) if {
	lib.fact_status(_fact) == "unknown"
} else := lib.result(
	object.get(_outcomes, lib.fact_status(_fact), "unknown"),
	sprintf("%s: %s", [_what, lib.describe(_fact)]),
	[concat(".", _fact)],
)
