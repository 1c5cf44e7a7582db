package profiles_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/profiles"
)

// states are the 28 EU member states of 2016 and the four Schengen-associated states.
var states = []string{
	"austria", "belgium", "bulgaria", "croatia", "cyprus", "czech-republic", "denmark", "estonia",
	"finland", "france", "germany", "greece", "hungary", "ireland", "italy", "latvia", "lithuania",
	"luxembourg", "malta", "netherlands", "poland", "portugal", "romania", "slovakia", "slovenia",
	"spain", "sweden", "united-kingdom",
	"iceland", "liechtenstein", "norway", "switzerland",
}

func loadAll(t *testing.T) map[string]*checker.Profile {
	t.Helper()
	loader, err := checker.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*checker.Profile{}
	var list []*checker.Profile
	for _, s := range states {
		p, err := loader.LoadFile(os.DirFS("."), s+".yaml")
		if err != nil {
			t.Errorf("%s: %v", s, err)
			continue
		}
		out[s] = p
		list = append(list, p)
	}
	if err := checker.CheckDistinct(list); err != nil {
		t.Error(err)
	}
	return out
}

// TestShippedProfiles checks that exactly the 32 states are profiled, that each
// loads and validates (schema, ISO code, every cited source declared and every
// declared source cited), names the schema for editors, and is named after its state.
func TestShippedProfiles(t *testing.T) {
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(states))
	for i, s := range states {
		want[i] = s + ".yaml"
	}
	slices.Sort(want)
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Errorf("profiles:\n got %v\nwant %v", files, want)
	}
	for name, p := range loadAll(t) {
		src, _ := os.ReadFile(name + ".yaml")
		if !strings.HasPrefix(string(src), "# yaml-language-server: $schema=./profile.schema.json\n") {
			t.Errorf("%s.yaml: first line must be the yaml-language-server $schema comment", name)
		}
		if got := strings.ReplaceAll(strings.ToLower(p.Name), " ", "-"); got != name {
			t.Errorf("%s.yaml: name %q does not match the file name", name, p.Name)
		}
		if p.AsOf != "2016-03-01" {
			t.Errorf("%s.yaml: as_of %s, want 2016-03-01 (the CTC's March 2016 state of play)", name, p.AsOf)
		}
	}
}

// TestEveryFactRecorded checks that each profile records every fact the schema
// defines, writing "unknown" rather than leaving it out: what nobody knows is
// visible in the file, not only in the report.
func TestEveryFactRecorded(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(profiles.Schema, &schema); err != nil {
		t.Fatal(err)
	}
	var facts []string
	props := schema["properties"].(map[string]any)
	for section, v := range props {
		m := v.(map[string]any)
		if section == "participation" {
			for k := range m["properties"].(map[string]any) {
				if k != "instruments" {
					facts = append(facts, "participation."+k)
				}
			}
			inst := m["properties"].(map[string]any)["instruments"].(map[string]any)["properties"].(map[string]any)
			for k := range inst {
				facts = append(facts, "participation.instruments."+k)
			}
			continue
		}
		if sub, ok := m["properties"].(map[string]any); ok && m["type"] == "object" {
			for k := range sub {
				facts = append(facts, section+"."+k)
			}
		}
	}
	slices.Sort(facts)
	for name, p := range loadAll(t) {
		for _, f := range facts {
			v, ok := p.Lookup(f)
			if m, isMap := v.(map[string]any); !ok || !isMap || m["status"] == nil {
				t.Errorf("%s.yaml: %s is not recorded (write status: unknown if no source says)", name, f)
			}
		}
	}
}

// TestPinnedFacts pins facts from the public record (../shared/docs/facts.md and
// facts-addendum.md, section in the comment) to the finding they must produce.
func TestPinnedFacts(t *testing.T) {
	tests := []struct {
		state, id string
		want      checker.Status
		why       string
	}{
		{"belgium", "prum-dna", checker.StatusMet, "facts.md §1: the NFI's 20th DNA partner, summer 2014"},
		{"italy", "prum-dna", checker.StatusGap, "facts.md §1: no automated exchange in any category (LFN Sept 2016)"},
		{"greece", "prum-dna", checker.StatusGap, "facts.md §1: launch decision only 27 Mar 2017 (inferred)"},
		{"switzerland", "prum-dna", checker.StatusNotApplicable, "facts.md §1, P26: agreement only signed 27 Jun 2019"},
		{"portugal", "ecris-connected", checker.StatusGap, "facts.md §2: not connected until Jan 2017"},
		{"slovenia", "ecris-connected", checker.StatusGap, "facts.md §2: test only from Apr 2014"},
		{"malta", "ecris-connected", checker.StatusMet, "facts.md §2: connected Feb 2016, the 26th state"},
		{"croatia", "sis-connected", checker.StatusNotApplicable, "facts.md §5: SIS provisions applied only by Decision 2017/733"},
		{"united-kingdom", "sis-connected", checker.StatusMet, "facts.md §5: police and judicial use only, the border part does not apply"},
		{"ireland", "sis-connected", checker.StatusUnknown, "facts.md §5: not connected, but no source says which part binds Ireland"},
		{"denmark", "pnr-legislation", checker.StatusNotApplicable, "facts.md §4: not bound by the PNR Directive (opt-out)"},
		// Fixed by the 2016 audit (issue #16, docs/audit.md): this row pinned a gap for an obligation
		// that did not exist on 2016-03-01 (Directive 2016/681, adopted 27 Apr 2016, due 25 May 2018).
		{"germany", "pnr-legislation", checker.StatusNotApplicable, "measures.md §3B: Directive 2016/681 adopted 27 Apr 2016, due 25 May 2018 (pending); no PNR law until FlugDaG of 6 Jun 2017"},
		// Fixed by the 2016 audit: the SANS Act amendment stays recorded as pnr.legislation: adopted,
		// but the recommendation assesses Directive 2016/681, which bound no state on 2016-03-01.
		{"bulgaria", "pnr-legislation", checker.StatusNotApplicable, "measures.md §3B: Directive 2016/681 did not exist on 2016-03-01 (pending); facts-addendum.md §3: SANS Act amendment of 10 Feb 2016 kept as a national fact"},
		{"norway", "pnr-legislation", checker.StatusNotApplicable, "measures.md §4: not bound; EU-NO PNR agreement only in 2025"},
		{"france", "europol-ectc-secondment", checker.StatusMet, "facts-addendum.md §4: 3 seconded experts in Task Force Fraternité"},

		// Audit of 2016 (issue #16, docs/audit.md): Directive (EU) 2016/681 was adopted on 27 Apr 2016
		// and due on 25 May 2018, so no state was bound by it on 2016-03-01 (X1).
		{"belgium", "pnr-legislation", checker.StatusNotApplicable, "audit X1, measures.md §3B: Directive 2016/681 adopted 27 Apr 2016 (pending), not a gap"},
		{"belgium", "pnr-piu", checker.StatusNotApplicable, "audit X1, measures.md §3B: no PIU obligation before the Directive existed"},
		{"germany", "pnr-piu", checker.StatusNotApplicable, "audit X1, measures.md §3B: no PIU obligation before the Directive existed"},
		{"united-kingdom", "pnr-piu", checker.StatusNotApplicable, "audit X1: the UK's opt-in could bind it only once the Directive existed"},
		{"ireland", "pnr-legislation", checker.StatusNotApplicable, "audit X1: Ireland's Protocol 21 opt-in could bind it only once the Directive existed"},
		// Items 2-5: who was bound by Prüm, ECRIS and Decision 2005/671/JHA on 2016-03-01.
		{"united-kingdom", "prum-dna", checker.StatusNotApplicable, "audit §7: Prüm ceased to apply to the UK on 1 Dec 2014; re-participation only by Commission Decision (EU) 2016/809 of 20 May 2016"},
		{"united-kingdom", "prum-fingerprints", checker.StatusNotApplicable, "audit §7, Decision (EU) 2016/809 recital 2; OEIL summary of the Latvian VRD decision (A10): UK not bound"},
		{"united-kingdom", "prum-vehicle-registration", checker.StatusNotApplicable, "audit §7, Decision (EU) 2016/809: outside Prüm on 2016-03-01"},
		{"norway", "prum-dna", checker.StatusNotApplicable, "audit §8: Storting consent sought only in Prop. 54 S (2015-2016); data supply from the date set by Decision (EU) 2023/2915"},
		{"norway", "prum-fingerprints", checker.StatusNotApplicable, "audit §8, Prop. 54 S (2015-2016): agreement not yet in force for Norway"},
		{"norway", "prum-vehicle-registration", checker.StatusNotApplicable, "audit §8, Prop. 54 S (2015-2016): agreement not yet in force for Norway"},
		{"norway", "ecris-connected", checker.StatusNotApplicable, "facts-2016-more.md: FD 2009/315/JHA binds Member States only (Art. 1)"},
		{"norway", "eurojust-terrorism-reporting", checker.StatusNotApplicable, "facts-2016-more.md: Decision 2005/671/JHA binds Member States only (Art. 2)"},
		{"switzerland", "ecris-connected", checker.StatusNotApplicable, "facts-2016-more.md: FD 2009/315/JHA binds Member States only"},
		{"liechtenstein", "eurojust-terrorism-reporting", checker.StatusNotApplicable, "facts-2016-more.md: Decision 2005/671/JHA binds Member States only"},
		// Items 6-7 and the missed evidence, each checked at its source (docs/audit.md).
		{"belgium", "national-ftf-database", checker.StatusPartial, "audit §1: circular of 27 Aug 2015 (koengeens.be); OCAM database in trial, access via OCAM until the RD of 21 Jul 2016 (bx1)"},
		{"germany", "prum-fingerprints", checker.StatusMet, "DE-AT automated fingerprint exchange under the Prüm Treaty since 4 Jun 2007 (BMI release, OTS 5 Jun 2007)"},
		{"austria", "prum-fingerprints", checker.StatusMet, "AT-DE automated fingerprint exchange since 4 Jun 2007 (OTS 5 Jun 2007)"},
		{"germany", "national-ftf-database", checker.StatusMet, "Antiterrordatei switched on 30 Mar 2007 (GHDI); 11,853 persons in Jul 2017 (CILIP)"},
		{"france", "national-ct-coordination", checker.StatusMet, "facts-national.md §1: UCLAT, ministerial order of 8 Oct 1984 (sfhp.fr; Assembly report p. 32)"},
		{"france", "national-ftf-database", checker.StatusMet, "facts-national.md §2: FSPRT (decree of 2015), shared with services of several ministries (DGSI; decree of 30 Oct 2015)"},
		{"denmark", "national-ct-coordination", checker.StatusMet, "facts-national.md §1: Center for Terror Analysis, a fusion centre set up on 1 Jan 2007 (pet.dk)"},
		{"belgium", "eurojust-terrorism-reporting", checker.StatusMet, "facts-2016-more.md rows 5-16: TE-SAT 2017 Annex 3, 120 individuals in 2015 as reported to Eurojust"},
		{"spain", "eurojust-terrorism-reporting", checker.StatusMet, "facts-2016-more.md rows 5-16: TE-SAT 2017 Annex 3, 166 individuals in 2015"},
		{"united-kingdom", "eurojust-terrorism-reporting", checker.StatusPartial, "facts-2016-more.md rows 5-16: TE-SAT 2017, 106 individuals in 2015, convictions only"},
		{"italy", "eurojust-terrorism-reporting", checker.StatusUnknown, "TE-SAT 2017 Annex 3: none in 2015 (4 in 2014, 11 in 2016), a zero is no evidence either way"},
		// Cross-cutting X2 and the check of the other 24 profiles (docs/audit.md).
		{"greece", "firearms-deactivation", checker.StatusNotApplicable, "facts-2016-more.md: Implementing Reg. 2015/2403 applied only from 8 Apr 2016 (pending)"},
		{"united-kingdom", "firearms-deactivation", checker.StatusNotApplicable, "facts-2016-more.md: Reg. 2015/2403 applied from Apr 2016 (EP press page)"},
		{"poland", "national-ct-coordination", checker.StatusMet, "facts-national.md §1: ABW Counter-Terrorism Centre (CAT), operating from 1 Oct 2008"},
		{"sweden", "national-ct-coordination", checker.StatusMet, "facts-national.md §1: NCT (Säpo, FRA, MUST), permanent since 2009"},
		{"norway", "national-ct-coordination", checker.StatusMet, "facts-national.md §1: PST/NIS Joint Counter-Terrorism Centre since Feb 2014"},
	}
	all := loadAll(t)
	engine, err := checker.NewEngine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.state+"/"+tt.id, func(t *testing.T) {
			r, err := engine.Evaluate(context.Background(), all[tt.state])
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range r.Findings {
				if f.ID == tt.id {
					if f.Status != tt.want {
						t.Errorf("%s %s: got %s (%s), want %s: %s", tt.state, tt.id, f.Status, f.Message, tt.want, tt.why)
					}
					return
				}
			}
			t.Errorf("no finding %s", tt.id)
		})
	}
}
