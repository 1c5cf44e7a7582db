# METADATA
# title: 4th Anti-Money-Laundering Directive transposed early
# description: >-
#   The state has transposed Directive (EU) 2015/849, the 4th Anti-Money-Laundering
#   Directive. The Commission's action plan against terrorist financing of 2 February 2016
#   asked for transposition by end-2016 instead of the legal deadline of June 2017.
# related_resources:
#   - description: Directive (EU) 2015/849 (the 4th Anti-Money-Laundering Directive)
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32015L0849
#   - description: Regulation Tomorrow on the Commission's action plan of 2 February 2016 (transpose by end-2016)
#     ref: https://www.regulationtomorrow.com/eu/commission-presents-action-plan-to-strengthen-the-fight-against-terrorist-financing/
#   - description: Lexology on the action plan and the earlier transposition date
#     ref: https://www.lexology.com/library/detail.aspx?g=9c761710-4633-4701-9c85-ddc4322ce717
#   - description: Conclusions of the JHA Council of 20 November 2015 on counter-terrorism ("Financing of terrorism")
#     ref: https://www.europeansources.info/record/press-release-conclusions-of-the-council-of-the-eu-and-of-the-member-states-meeting-within-the-council-on-counter-terrorism/
# custom:
#   severity: medium
#   legal_basis: Directive (EU) 2015/849
#   deadline: "2016-12-31"
#   reads:
#     - aml.fourth_directive
#     - participation.instruments.aml_directive
package gapcheck.rules.aml.transposition

import data.gapcheck.lib

# result is met when the Directive is transposed; partial when transposed in part.
result := lib.assess({
	"instrument": "aml_directive",
	"fact": ["aml", "fourth_directive"],
	"what": "4th Anti-Money-Laundering Directive",
	"met": {"transposed"},
	"partial": {"partial"},
	"gap": {"not_transposed"},
})
