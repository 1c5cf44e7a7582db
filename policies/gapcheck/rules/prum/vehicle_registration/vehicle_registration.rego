# METADATA
# title: Prüm vehicle registration data exchange operational
# description: >-
#   The state gives the other states automated access to its national vehicle registration data, and has passed the Council's evaluation (a launch decision) for vehicle registration data.
# related_resources:
#   - description: Council Decision 2008/615/JHA (the Prüm Decision), Art. 12
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
#     - prum.vehicle_registration
#     - participation.instruments.prum
package gapcheck.rules.prum.vehicle_registration

import data.gapcheck.lib

# result is met when the exchange is operational, or authorised by a Council launch
# decision (the Council's evaluation passed); gap when it is not operational.
result := lib.assess({
	"instrument": "prum",
	"fact": ["prum", "vehicle_registration"],
	"what": "Prüm vehicle registration exchange",
	"met": {"operational", "authorised"},
	"partial": set(),
	"gap": {"not_operational"},
})
