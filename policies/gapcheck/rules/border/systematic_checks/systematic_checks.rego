# METADATA
# title: Systematic database checks at the external borders, including of EU citizens
# description: >-
#   The state checks persons enjoying free movement systematically against the databases
#   relevant to the fight against terrorism (SIS, SLTD) when they cross its external
#   borders, as the Schengen Borders Code already allowed; for third-country nationals
#   such checks were already mandatory. Asked "immediately" by the European Council (12
#   February 2015) and the JHA Council (20 November 2015); made mandatory only by Regulation
#   (EU) 2017/458, in force on 7 April 2017, so there was no legal deadline in 2016.
# related_resources:
#   - description: Statement of the Members of the European Council, 12 February 2015
#     ref: https://www.europeansources.info/record/informal-european-council-brussels-12-february-2015/
#   - description: 'EUobserver on the JHA Council of 20 November 2015: "implement immediately the necessary systematic and coordinated checks"'
#     ref: https://euobserver.com/rule-of-law/ar7ae72671
#   - description: Commission factsheet on systematic checks at external borders
#     ref: https://id.scribd.com/document/326262718/Systematic-Checks-at-External-Borders-En
#   - description: Regulation (EC) No 562/2006 (the Schengen Borders Code)
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006R0562
#   - description: Regulation (EU) 2017/458, which later made the checks mandatory
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32017R0458
# custom:
#   severity: critical
#   legal_basis: Schengen Borders Code, Regulation (EC) No 562/2006 (codified as (EU) 2016/399); political commitment of 12 February and 20 November 2015
#   applies_from: "2015-11-20"
#   max_evidence_age: 3y
#   reads:
#     - borders.systematic_checks
#     - participation.instruments.schengen_borders_code
package gapcheck.rules.border.systematic_checks

import data.gapcheck.lib

# result is met when the checks are systematic; partial when they are made only in part.
result := lib.assess({
	"instrument": "schengen_borders_code",
	"fact": ["borders", "systematic_checks"],
	"what": "Systematic database checks at external borders",
	"met": {"systematic"},
	"partial": {"partial"},
	"gap": {"none"},
})
