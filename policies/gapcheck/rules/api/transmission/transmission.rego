# METADATA
# title: Advance Passenger Information transmitted by air carriers
# description: >-
#   The state obliges air carriers to send Advance Passenger Information on their
#   passengers to the authorities responsible for border checks, and the transmission
#   works (Council Directive 2004/82/EC, to be transposed by 5 September 2006).
# related_resources:
#   - description: Council Directive 2004/82/EC on the obligation of carriers to communicate passenger data
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32004L0082
#   - description: Council Directive 2004/82/EC, transposition by 5 September 2006
#     ref: https://eumonitor.eu/9353000/1/j9vvik7m1c3gyxp/vitgbgifzazl
#   - description: EDRi on the 2016 Schengen evaluation of Denmark (API system not yet operational)
#     ref: https://edri.org/danish-defence-intelligence-service-will-get-access-to-pnr-data
# custom:
#   severity: high
#   legal_basis: Council Directive 2004/82/EC
#   deadline: "2006-09-05"
#   reads:
#     - api.transmission
#     - participation.instruments.api_directive
package gapcheck.rules.api.transmission

import data.gapcheck.lib

# result is met when the transmission is operational; partial when it is in part.
result := lib.assess({
	"instrument": "api_directive",
	"fact": ["api", "transmission"],
	"what": "API transmission",
	"met": {"operational"},
	"partial": {"partial"},
	"gap": {"not_operational"},
})
