# METADATA
# title: Common firearms deactivation standards applied
# description: >-
#   The state applies the common deactivation standards: firearms are deactivated by
#   authorised entities, verified and certified, and marked with a common marking, and the
#   national measures are notified to the Commission (Implementing Regulation (EU)
#   2015/2403, Arts. 2-8). Its date of application, believed to be 8 April 2016, is not
#   confirmed, so no deadline is given.
# related_resources:
#   - description: Commission Implementing Regulation (EU) 2015/2403 on common guidelines on deactivation standards
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32015R2403
#   - description: Commission Implementing Regulation (EU) 2015/2403, Arts. 2-8
#     ref: https://legalize.dev/eu/law/32015R2403
#   - description: Conclusions of the JHA Council of 20 November 2015 on counter-terrorism, firearms point (a)
#     ref: https://europa.rs/conclusions-of-the-meeting-within-the-council-on-counter-terrorism/?lang=en
# custom:
#   severity: medium
#   legal_basis: Commission Implementing Regulation (EU) 2015/2403, under Directive 91/477/EEC
#   reads:
#     - firearms.deactivation_standards
#     - participation.instruments.firearms_deactivation
package gapcheck.rules.firearms.deactivation

import data.gapcheck.lib

# result is met when the standards are applied; partial when applied in part.
result := lib.assess({
	"instrument": "firearms_deactivation",
	"fact": ["firearms", "deactivation_standards"],
	"what": "Common deactivation standards",
	"met": {"applied"},
	"partial": {"partial"},
	"gap": {"not_applied"},
})
