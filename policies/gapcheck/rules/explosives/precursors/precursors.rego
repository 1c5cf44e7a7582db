# METADATA
# title: Explosives Precursors Regulation fully applied
# description: >-
#   The state has designated a competent authority, set up national contact points for
#   reporting suspicious transactions, and restricts public access to the seven Annex I
#   substances, with an optional licensing or registration regime (Regulation (EU) No
#   98/2013, applicable from 2 September 2014). The JHA ministers asked on 24 March 2016
#   for full implementation.
# related_resources:
#   - description: Regulation (EU) No 98/2013 on the marketing and use of explosives precursors
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32013R0098
#   - description: European Commission, explosives precursors (applicable from 2 September 2014)
#     ref: https://ec.europa.eu/home-affairs/what-we-do/policies/crisis-and-terrorism/explosives/explosives-precursors_en
#   - description: Joint statement of the JHA ministers, 24 March 2016 (fully implement the rules on explosives precursors)
#     ref: https://embassynews.net/2016/03/24/eu-ministers-propose-measures-against-terrorism/
#   - description: Commissioner Avramopoulos on the Regulation not being fully implemented (Trade with Greece, 2016)
#     ref: https://adminportal.acci.gr/images/Journals/Trade/2016/files/assets/basic-html/page52.html
# custom:
#   severity: medium
#   legal_basis: Regulation (EU) No 98/2013
#   deadline: "2014-09-02"
#   reads:
#     - explosives.precursors_regulation
#     - participation.instruments.explosives_precursors
package gapcheck.rules.explosives.precursors

import data.gapcheck.lib

# result is met when the Regulation is fully applied; partial when applied in part.
result := lib.assess({
	"instrument": "explosives_precursors",
	"fact": ["explosives", "precursors_regulation"],
	"what": "Explosives Precursors Regulation",
	"met": {"applied"},
	"partial": {"partial"},
	"gap": {"not_applied"},
})
