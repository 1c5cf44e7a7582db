# METADATA
# title: Passenger Information Unit operational
# description: >-
#   The state has established or designated a Passenger Information Unit that collects
#   PNR data from air carriers, processes it, and exchanges it with the other states'
#   units and Europol (Directive (EU) 2016/681, Art. 4).
# related_resources:
#   - description: Directive (EU) 2016/681, Art. 4
#     ref: https://legislation.gov.uk/eudr/2016/681/chapter/II
#   - description: EU CTC state of play, Council doc 6785/16 (4 March 2016)
#     ref: http://doczz.fr/doc/154516/limite-en---statewatch
# custom:
#   severity: high
#   legal_basis: Directive (EU) 2016/681, Art. 4
#   deadline: "2018-05-25"
#   # Transposition was in flux around the deadline: an observation of it says
#   # little two years on; a status held since a date holds until the next entry.
#   max_observation_age: 2y
#   reads:
#     - pnr.piu
#     - participation.instruments.pnr_directive
package gapcheck.rules.pnr.piu

import data.gapcheck.lib

# result is met when the unit is operational; partial while it is being set up.
result := lib.assess({
	"instrument": "pnr_directive",
	"fact": ["pnr", "piu"],
	"what": "Passenger Information Unit",
	"met": {"operational"},
	"partial": {"being_set_up"},
	"gap": {"none"},
})
