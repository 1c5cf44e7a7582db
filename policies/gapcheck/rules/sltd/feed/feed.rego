# METADATA
# title: Lost and stolen passport data fed to Interpol SLTD
# description: >-
#   The state exchanges all its present and future data on stolen, lost or misappropriated
#   passports, blank ones included, with Interpol's Stolen and Lost Travel Documents
#   database (SLTD), sending them immediately after they are entered in the national
#   database or SIS, and uses SLTD where appropriate (Council Common Position 2005/69/JHA,
#   due by 31 December 2005).
# related_resources:
#   - description: Council Common Position 2005/69/JHA on exchanging certain data with Interpol (Art. 4, by 31 December 2005)
#     ref: https://eumonitor.eu/9353000/1/j9vvik7m1c3gyxp/vkbflvc4mpyu
#   - description: COM(2006) 167, the Commission's report on Common Position 2005/69/JHA
#     ref: https://eumonitor.eu/9353000/1/j9vvik7m1c3gyxp/vhcrn0jdeuvx
#   - description: Agence Europe on the Commission's 2008 report (all states feeding SLTD, uneven use at borders)
#     ref: https://agenceurope.eu/en/bulletin/article/9717/20/improvements-in-interpol-data-exchange-on-lost-and-stolen-passports
#   - description: 'Joint statement of the JHA ministers, 24 March 2016: "increase as a matter of urgency the systematic feeding" of databases'
#     ref: https://embassynews.net/2016/03/24/eu-ministers-propose-measures-against-terrorism/
# custom:
#   severity: high
#   legal_basis: Council Common Position 2005/69/JHA
#   deadline: "2005-12-31"
#   max_evidence_age: 3y
#   reads:
#     - interpol.sltd_feed
#     - participation.instruments.sltd_common_position
package gapcheck.rules.sltd.feed

import data.gapcheck.lib

# result is met when the state feeds SLTD; partial when it feeds part of its data.
result := lib.assess({
	"instrument": "sltd_common_position",
	"fact": ["interpol", "sltd_feed"],
	"what": "Passport data fed to Interpol SLTD",
	"met": {"feeding"},
	"partial": {"partial"},
	"gap": {"not_feeding"},
})
