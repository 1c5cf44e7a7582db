# METADATA
# title: gapcheck entrypoint
# description: >-
#   The one question the engine asks: the result of every recommendation under
#   data.gapcheck.rules, keyed by its package path (findings.prum.dna is the result
#   of gapcheck.rules.prum.dna). gapcheck names the recommendation by that path,
#   joined with "-" and with "_" written as "-" (prum-dna).
package gapcheck.main

# findings maps each recommendation's area and name to its result object
# {"status", "message", "paths"}.
findings[area][name] := data.gapcheck.rules[area][name].result
