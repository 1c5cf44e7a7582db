# METADATA
# title: gapcheck entrypoint
# description: >-
#   The one question the engine asks: the result of every recommendation under
#   data.gapcheck.rules, keyed by its id. A recommendation's id is its package path
#   below gapcheck.rules, joined with "-" and with "_" written as "-"
#   (gapcheck.rules.prum.dna is prum-dna).
package gapcheck.main

# findings maps each recommendation id to its result object
# {"status", "message", "paths"}.
findings[id] := result if {
	some area, name
	result := data.gapcheck.rules[area][name].result
	id := replace(concat("-", [area, name]), "_", "-")
}
