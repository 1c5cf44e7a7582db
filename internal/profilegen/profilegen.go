// Package profilegen writes synthetic profiles for benchmarks: valid against the
// profile schema, with every fact recorded and a given number of dated changes,
// cycling through each fact's statuses so that every policy branch runs. They are
// test data, never facts: their sources point at example.org.
package profilegen

import (
	"fmt"
	"strings"
)

// facts are the implementation facts and their statuses, in the profile schema's
// vocabulary.
var facts = []struct {
	path     string
	statuses []string
}{
	{"prum.dna", []string{"not_operational", "authorised", "operational"}},
	{"prum.fingerprints", []string{"not_operational", "authorised", "operational"}},
	{"prum.vehicle_registration", []string{"not_operational", "authorised", "operational"}},
	{"ecris.connection", []string{"not_connected", "testing", "connected"}},
	{"eurojust.terrorism_reporting", []string{"not_reporting", "partial", "reporting"}},
	{"europol.eis_contribution", []string{"none", "low", "contributing"}},
	{"europol.fp_travellers", []string{"none", "low", "contributing"}},
	{"europol.ectc_secondment", []string{"none", "seconded"}},
	{"sis.connection", []string{"not_connected", "police_only", "full"}},
	{"sis.ftf_alerts", []string{"none", "some", "systematic"}},
	{"borders.sltd_checks", []string{"none", "some_crossings", "all_crossings"}},
	{"borders.systematic_checks", []string{"none", "partial", "systematic"}},
	{"interpol.sltd_feed", []string{"not_feeding", "partial", "feeding"}},
	{"pnr.legislation", []string{"none", "drafting", "adopted", "in_force"}},
	{"pnr.piu", []string{"none", "being_set_up", "operational"}},
	{"api.transmission", []string{"not_operational", "partial", "operational"}},
	{"national.ct_coordination", []string{"none", "exists"}},
	{"national.ftf_database", []string{"none", "partial", "shared"}},
	{"firearms.deactivation_standards", []string{"not_applied", "partial", "applied"}},
	{"explosives.precursors_regulation", []string{"not_applied", "partial", "applied"}},
	{"aml.fourth_directive", []string{"not_transposed", "partial", "transposed"}},
}

// Profile returns the YAML of synthetic profile i, reviewed to asOf (YYYY-MM-DD,
// after 2006), with changes dated entries spread over the facts, a month apart
// from January 2006, each fact starting at its first status. Profiles differ by
// i: the statuses start at different points of their cycles. The changes are
// spread evenly from 2006 to 2024.
func Profile(i, changes int, asOf string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Synthetic profile %d for benchmarks: not facts.\n", i)
	fmt.Fprintf(&b, "country: BE\nname: Belgium\nunit: generated %05d\nas_of: %s\n", i, asOf)
	b.WriteString("sources:\n  - id: S1\n    title: A synthetic source\n    url: https://example.org/synthetic\n")
	b.WriteString("participation:\n  eu:\n    status: member\n    since: 1958-01-01\n    sources: [S1]\n")
	b.WriteString("  schengen:\n    status: full\n    since: 1995-03-26\n    sources: [S1]\n")
	perFact := make([]int, len(facts))
	for c := range changes {
		perFact[(c*7+i)%len(facts)]++
	}
	month, step := 0, max(1, 19*12/max(changes, 1))
	section := ""
	for f, fact := range facts {
		sec, name, _ := strings.Cut(fact.path, ".")
		if sec != section {
			fmt.Fprintf(&b, "%s:\n", sec)
			section = sec
		}
		fmt.Fprintf(&b, "  %s:\n", name)
		n := perFact[f] + 1
		for e := range n {
			status := fact.statuses[(i+e)%len(fact.statuses)]
			date := fmt.Sprintf("%04d-%02d", 2006+month/12, month%12+1)
			if e == 0 {
				date = "2005"
			} else {
				month += step
			}
			kind := "since"
			if e%3 == 2 {
				kind = "observed"
			}
			fmt.Fprintf(&b, "    - status: %s\n      %s: %q\n      sources: [S1]\n", status, kind, date)
		}
	}
	return []byte(b.String())
}
