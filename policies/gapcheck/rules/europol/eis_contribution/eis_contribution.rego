# METADATA
# title: Foreign-fighter data contributed to the Europol Information System
# description: >-
#   The state enters its data on foreign terrorist fighters and other counter-terrorism
#   data into the Europol Information System (EIS). The EU Counter-Terrorism Coordinator
#   encouraged the states that "do not yet contribute or who contribute relatively little"
#   to the EIS to increase their contributions (Council doc 6785/16).
# related_resources:
#   - description: EU CTC state of play, Council doc 6785/16 (4 March 2016), recommendations on Europol
#     ref: http://doczz.fr/doc/154516/limite-en---statewatch
#   - description: 'EU CTC, Council doc 7726/16 (14 April 2016): "significant gaps in the information being fed to Europol"'
#     ref: https://statewatch.org/news/2016/april/counter-terrorism-proposals-on-information-sharing-and-operational-cooperation-25-4-16
#   - description: Leiden Security and Global Affairs on the March 2016 report (the EIS held data on over 3,800 foreign fighters and associates)
#     ref: https://www.leidensecurityandglobalaffairs.nl/articles/european-information-exchange-on-foreign-fighters-work-in-progress
#   - description: Council Decision 2009/371/JHA establishing Europol
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32009D0371
# custom:
#   severity: medium
#   legal_basis: Political commitment (EU CTC recommendation, Council doc 6785/16); Europol under Council Decision 2009/371/JHA
#   applies_from: "2016-03-01"
#   max_evidence_age: 1y
#   reads:
#     - europol.eis_contribution
#     - participation.instruments.europol
package gapcheck.rules.europol.eis_contribution

import data.gapcheck.lib

# result is met when the state contributes; partial when it contributes little.
result := lib.assess({
	"instrument": "europol",
	"fact": ["europol", "eis_contribution"],
	"what": "Europol Information System contributions",
	"met": {"contributing"},
	"partial": {"low"},
	"gap": {"none"},
})
