# METADATA
# title: Terrorism prosecutions and convictions reported to Eurojust
# description: >-
#   The state has designated a Eurojust national correspondent for terrorism matters (or
#   another competent authority) who sends Eurojust all relevant information on
#   prosecutions and convictions for terrorist offences, and a specialised police service
#   that sends Europol the information on terrorism investigations (Council Decision
#   2005/671/JHA, Art. 2).
# related_resources:
#   - description: Council Decision 2005/671/JHA on the exchange of information and cooperation concerning terrorist offences
#     ref: https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32005D0671
#   - description: Council Decision 2005/671/JHA, consolidated text
#     ref: https://inenuitvoer.sdu.nl/content/CELEX-02005D0671-20170420-ENG
#   - description: EUR-Lex summary of Council Decision 2005/671/JHA
#     ref: https://eur-lex.europa.eu/legal-content/EN/LSU/?uri=LEGISSUM%3Al33252
#   - description: >-
#       Council doc 7782/16, Terrorism Working Party of 6 April 2016: the EU CTC asks states to
#       "share information with Eurojust and in particular Europol"
#     ref: https://paperzz.com/doc/8825071/7782-16-aca-jg-1-dgd-1c-joint-twp-coter--morning-session
#   - description: 'EU CTC, Council doc 9201/16 (31 May 2016): "Use of Europol and Eurojust"'
#     ref: https://vdocuments.net/limite-en-statewatch-terrorist-sleeper-cells-in-two-member-states-on-this-basis.html
# custom:
#   severity: high
#   legal_basis: Council Decision 2005/671/JHA, Art. 2
#   max_evidence_age: 2y
#   reads:
#     - eurojust.terrorism_reporting
#     - participation.instruments.terrorism_information_exchange
package gapcheck.rules.eurojust.terrorism_reporting

import data.gapcheck.lib

# result is met when the state reports; partial when it reports some of what it must.
result := lib.assess({
	"instrument": "terrorism_information_exchange",
	"fact": ["eurojust", "terrorism_reporting"],
	"what": "Terrorism reporting to Eurojust",
	"met": {"reporting"},
	"partial": {"partial"},
	"gap": {"not_reporting"},
})
