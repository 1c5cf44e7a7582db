# METADATA
# title: Contributions to Europol's Focal Point Travellers
# description: >-
#   The state contributes its data on foreign terrorist fighters to Europol's analysis
#   Focal Point Travellers (and the other counter-terrorism focal points). The EU
#   Counter-Terrorism Coordinator encouraged the states that "do not yet contribute or who
#   contribute relatively little to FP Travellers" to increase their contributions
#   (Council doc 6785/16).
# related_resources:
#   - description: EU CTC state of play, Council doc 6785/16 (4 March 2016), recommendations on Europol
#     ref: http://doczz.fr/doc/154516/limite-en---statewatch
#   - description: 'EU CTC, Council doc 7726/16 (14 April 2016): "significant gaps in the information being fed to Europol"'
#     ref: https://statewatch.org/news/2016/april/counter-terrorism-proposals-on-information-sharing-and-operational-cooperation-25-4-16
#   - description: Statewatch (Busch and Monroy) on FP Travellers, set up in April 2014 (21,700 persons, 5,353 verified foreign fighters, April 2016)
#     ref: https://free-group.eu/2017/06/17/counter-terrorism-and-the-inflation-of-eu-databases/
#   - description: Council Decision 2009/371/JHA establishing Europol
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32009D0371
# custom:
#   severity: medium
#   legal_basis: Political commitment (JHA Council conclusions of 20 November 2015; EU CTC recommendation, Council doc 6785/16); Europol under Council Decision 2009/371/JHA
#   applies_from: "2015-11-20"
#   max_evidence_age: 1y
#   reads:
#     - europol.fp_travellers
#     - participation.instruments.europol
package gapcheck.rules.europol.fp_travellers

import data.gapcheck.lib

# result is met when the state contributes; partial when it contributes little.
result := lib.assess({
	"instrument": "europol",
	"fact": ["europol", "fp_travellers"],
	"what": "FP Travellers contributions",
	"met": {"contributing"},
	"partial": {"low"},
	"gap": {"none"},
})
