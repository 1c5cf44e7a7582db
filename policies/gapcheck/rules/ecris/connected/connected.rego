# METADATA
# title: Connected to and exchanging through ECRIS
# description: >-
#   The state exchanges information on convictions electronically with the other
#   Member States through the European Criminal Records Information System, and uses
#   ECRIS "to its full potential" (JHA Council conclusions of 20 November 2015).
# related_resources:
#   - description: Council Framework Decision 2009/315/JHA
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32009F0315
#   - description: Council Decision 2009/316/JHA (ECRIS)
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32009D0316
#   - description: COM(2016)6, report on the implementation of Framework Decision 2009/315/JHA
#     ref: https://oeil.europarl.europa.eu/oeil/en/document-summary?id=1420931
# custom:
#   severity: high
#   legal_basis: Council Framework Decision 2009/315/JHA and Council Decision 2009/316/JHA
#   reads:
#     - ecris.connection
#     - participation.instruments.ecris
package gapcheck.rules.ecris.connected

import data.gapcheck.lib

# result is met when connected; a test-only connection exchanges nothing and is a gap.
result := lib.assess({
	"instrument": "ecris",
	"fact": ["ecris", "connection"],
	"what": "ECRIS connection",
	"met": {"connected"},
	"partial": set(),
	"gap": {"testing", "not_connected"},
})
