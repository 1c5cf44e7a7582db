# METADATA
# title: Prüm fingerprint exchange operational
# description: >-
#   The state makes its automated fingerprint identification system available for automated searching by the other states, and has passed the Council's evaluation (a launch decision) for dactyloscopic data.
# related_resources:
#   - description: Council Decision 2008/615/JHA (the Prüm Decision), Art. 8-9
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32008D0615
#   - description: COM(2012)732, the Commission's report on Prüm implementation
#     ref: https://parlementairemonitor.nl/9353000/1/j4nvhdfcs8bljza_j9tvgajcor7dxyk_j9vvij5epmj1ey0/vj5btafgt0of
#   - description: EU CTC state of play, Council doc 6785/16 (4 March 2016)
#     ref: http://doczz.fr/doc/154516/limite-en---statewatch
# custom:
#   severity: high
#   legal_basis: Council Decisions 2008/615/JHA and 2008/616/JHA
#   deadline: "2011-08-26"
#   reads:
#     - prum.fingerprints
#     - participation.instruments.prum
package gapcheck.rules.prum.fingerprints

import data.gapcheck.lib

# result is met when the exchange is operational, or authorised by a Council launch
# decision (the Council's evaluation passed); gap when it is not operational.
result := lib.assess({
	"instrument": "prum",
	"fact": ["prum", "fingerprints"],
	"what": "Prüm fingerprint exchange",
	"met": {"operational", "authorised"},
	"partial": set(),
	"gap": {"not_operational"},
})
