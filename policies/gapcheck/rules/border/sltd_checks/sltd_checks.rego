# METADATA
# title: Every external border crossing point checks travel documents against Interpol SLTD
# description: >-
#   All of the state's external border crossing points are electronically connected to
#   Interpol's databases, in particular the Stolen and Lost Travel Documents database
#   (SLTD), with automatic screening of travel documents. The JHA Council of 20 November
#   2015 asked for this "by March 2016", a political commitment; the deadline below reads
#   it as the end of that month.
# related_resources:
#   - description: Interpol on the JHA Council conclusions of 20 November 2015 (all external border crossing points connected by March 2016)
#     ref: https://sd-magazine.com/interpols-databases-endorsement-at-border-points-in-eu/
#   - description: Statewatch, draft conclusions of the JHA Council of 20 November 2015 on counter-terrorism
#     ref: https://statewatch.org/news/2015/november/eu-justice-and-home-affairs-council-20-november-2015-draft-conclusions-of-the-council-of-the-eu-and-of-the-member-states-meeting-within-the-council-on-counter-terrorism
#   - description: Homeland Security Today on the border-control measures after the Paris attacks
#     ref: https://www.hstoday.us/subject-matter-areas/border-security/border-control-amendments-in-wake-of-paris-attacks/
#   - description: EU CTC state of play, Council doc 6785/16 (4 March 2016)
#     ref: http://doczz.fr/doc/154516/limite-en---statewatch
#   - description: Regulation (EC) No 562/2006 (the Schengen Borders Code)
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32006R0562
# custom:
#   severity: critical
#   legal_basis: JHA Council conclusions of 20 November 2015 (political commitment), at the external borders under the Schengen Borders Code, Regulation (EC) No 562/2006
#   deadline: "2016-03-31"
#   max_evidence_age: 3y
#   reads:
#     - borders.sltd_checks
#     - participation.instruments.schengen_borders_code
package gapcheck.rules.border.sltd_checks

import data.gapcheck.lib

# result is met when every external crossing point is connected; partial when some are.
result := lib.assess({
	"instrument": "schengen_borders_code",
	"fact": ["borders", "sltd_checks"],
	"what": "SLTD checks at external border crossings",
	"met": {"all_crossings"},
	"partial": {"some_crossings"},
	"gap": {"none"},
})
