# METADATA
# title: Counter-terrorism experts seconded to the ECTC
# description: >-
#   The state seconds counter-terrorism staff to the European Counter Terrorism Centre at
#   Europol, launched on 1 January 2016. The JHA Council said on 20 November 2015 that
#   "Member States will second counter-terrorism experts to the ECTC", and the EU
#   Counter-Terrorism Coordinator asked them to "further increase secondments" (Council
#   doc 6785/16). A political commitment with no legal deadline.
# related_resources:
#   - description: EU CTC state of play, Council doc 6785/16 (4 March 2016), recommendations on Europol
#     ref: http://doczz.fr/doc/154516/limite-en---statewatch
#   - description: Europol on the JHA Council of 20 November 2015 (ECTC from 1 January 2016; states will second experts)
#     ref: https://eurosecglobal.de/ministers-commit-to-reinforcing-europols-counter-terrorism-capabilities.html
#   - description: Europol report on the ECTC, Council doc 8881/16
#     ref: https://dokumen.tips/documents/european-counter-terrorism-centre-at-europol.html
#   - description: Leiden Security and Global Affairs on the March 2016 report (4 seconded national experts in Task Force Fraternité)
#     ref: https://www.leidensecurityandglobalaffairs.nl/articles/european-information-exchange-on-foreign-fighters-work-in-progress
#   - description: Council Decision 2009/371/JHA establishing Europol
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32009D0371
# custom:
#   severity: medium
#   legal_basis: Political commitment (JHA Council conclusions of 20 November 2015); Europol under Council Decision 2009/371/JHA
#   applies_from: "2015-11-20"
#   max_evidence_age: 2y
#   reads:
#     - europol.ectc_secondment
#     - participation.instruments.europol
package gapcheck.rules.europol.ectc_secondment

import data.gapcheck.lib

# result is met when the state has seconded experts to the ECTC; gap when it has none.
result := lib.assess({
	"instrument": "europol",
	"fact": ["europol", "ectc_secondment"],
	"what": "ECTC secondment",
	"met": {"seconded"},
	"partial": set(),
	"gap": {"none"},
})
