# METADATA
# title: gapcheck entrypoint
# description: >-
#   The one question the engine asks: the result of every recommendation under
#   data.gapcheck.rules, keyed by its package path (findings.prum.dna is the result
#   of gapcheck.rules.prum.dna), finalized by the library with the recommendation's
#   settings (data.gapcheck.settings.recommendations, which the engine takes from
#   the recommendations' METADATA): evidence too old becomes unknown, a finding
#   before its due date is not yet due. gapcheck names a recommendation by its
#   package path, joined with "-" and with "_" written as "-" (prum-dna).
package gapcheck.main

import data.gapcheck.lib

# findings maps each recommendation's area and name to its result object
# {"status", "message", "paths", "law"}.
findings[area][name] := lib.finalize(result, settings) if {
	some area, name
	result := data.gapcheck.rules[area][name].result
	settings := _settings(area, name)
}

# _settings are the recommendation's settings, {} when the engine gives none (as
# when stock OPA evaluates the bundle without gapcheck's data).
_settings(area, name) := s if {
	s := data.gapcheck.settings.recommendations[area][name]
} else := {}
