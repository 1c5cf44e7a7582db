# METADATA
# title: National PNR legislation in force
# description: >-
#   The state has national legislation in force that obliges air carriers to transfer
#   Passenger Name Record data for the fight against terrorism and serious crime, as
#   Directive (EU) 2016/681 requires. The EU Counter-Terrorism Coordinator asked states to
#   implement the Directive early, "and not wait two years as the directive allows".
# related_resources:
#   - description: Directive (EU) 2016/681 (the PNR Directive), Art. 18
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32016L0681
#   - description: EU CTC state of play, Council doc 6785/16 (4 March 2016)
#     ref: http://doczz.fr/doc/154516/limite-en---statewatch
#   - description: Statewatch on the transposition deadline of 25 May 2018
#     ref: https://statewatch.org/news/2018/mar/eu-council-pnr.htm
# custom:
#   severity: high
#   legal_basis: Directive (EU) 2016/681
#   deadline: "2018-05-25"
#   # Transposition was in flux around the deadline: an observation of it says
#   # little two years on; a status held since a date holds until the next entry.
#   max_observation_age: 2y
#   reads:
#     - pnr.legislation
#     - participation.instruments.pnr_directive
package gapcheck.rules.pnr.legislation

import data.gapcheck.lib

# result is met when a PNR law is in force; partial when adopted but not yet applied.
result := lib.assess({
	"instrument": "pnr_directive",
	"fact": ["pnr", "legislation"],
	"what": "PNR legislation",
	"met": {"in_force"},
	"partial": {"adopted"},
	"gap": {"drafting", "none"},
})
