package checker

import (
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/internal/policy"
)

// minimalLaw is a smallest valid law catalogue; tests patch it.
const minimalLaw = `prum:
  title: the Prüm Decisions
  acts:
    - title: Council Decision 2008/615/JHA
      url: https://eur-lex.europa.eu/eli/dec/2008/615/oj
  binds:
    eu: bound
  due:
    date: 2011-08-26
    source:
      title: Council Decision 2008/615/JHA, Art. 36
      url: https://eur-lex.europa.eu/eli/dec/2008/615/oj
`

func TestLoadLawValid(t *testing.T) {
	_, laws, err := loadLaw(policy.DataFile{File: "p/data.yaml", Src: []byte(minimalLaw)})
	if err != nil {
		t.Fatal(err)
	}
	l := laws["prum"]
	if l.Title != "the Prüm Decisions" || l.Due != "2011-08-26" || l.InForce != "" || len(l.Acts) != 1 || l.Acts[0].URL != "https://eur-lex.europa.eu/eli/dec/2008/615/oj" {
		t.Errorf("got %+v", l)
	}
}

// TestLoadLawErrors pins the message for each class of bad catalogue entry.
func TestLoadLawErrors(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(minimalLaw, old) {
			t.Fatalf("minimalLaw has no %q", old)
		}
		return strings.Replace(minimalLaw, old, new, 1)
	}
	positions := "  countries:\n    DK:\n      - status: not_bound\n        since: 2017-05\n        note: Protocol 22.\n        source: {title: TFEU Protocol 22, url: https://example.org/p22}\n      - status: bound\n        since: 2016\n        note: Later.\n        source: {title: X, url: https://example.org/x}\n"
	tests := []struct{ name, src, want string }{
		{"no act", replace("  acts:\n    - title: Council Decision 2008/615/JHA\n      url: https://eur-lex.europa.eu/eli/dec/2008/615/oj\n", ""),
			`p/data.yaml:1:1: prum: missing required key "acts"`},
		{"empty acts", replace("  acts:\n    - title: Council Decision 2008/615/JHA\n      url: https://eur-lex.europa.eu/eli/dec/2008/615/oj\n", "  acts: []\n"),
			"p/data.yaml:3:9: prum.acts: want at least 1 item(s)"},
		{"act without a URL", replace("      url: https://eur-lex.europa.eu/eli/dec/2008/615/oj\n", ""),
			`p/data.yaml:4:7: prum.acts[0]: missing required key "url"`},
		{"unknown group", replace("    eu: bound\n", "    nato: bound\n"),
			`p/data.yaml:7:5: prum.binds.nato: unknown key; want one of eea, eu, schengen, schengen_associated, schengen_pending`},
		{"bad date", replace("    date: 2011-08-26\n", "    date: 2011-02-30\n"),
			`p/data.yaml:9:11: prum.due.date: invalid date "2011-02-30"; want YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no day`},
		{"due without a source", replace("    source:\n      title: Council Decision 2008/615/JHA, Art. 36\n      url: https://eur-lex.europa.eu/eli/dec/2008/615/oj\n", ""),
			`p/data.yaml:8:3: prum.due: missing required key "source"`},
		{"not a country", minimalLaw + strings.Replace(strings.Replace(positions, "DK:", "XX:", 1), "since: 2016\n", "since: 2018\n", 1),
			`p/data.yaml:14:5: prum.countries.XX: "XX" is not an ISO 3166-1 alpha-2 country code`},
		{"positions out of order", minimalLaw + positions,
			"p/data.yaml:20:16: prum.countries.DK[1].since: 2016 is not after the position above; want the positions in date order"},
		{"empty catalogue", "# nothing\n", "p/data.yaml: empty law catalogue: want a mapping of instruments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := loadLaw(policy.DataFile{File: "p/data.yaml", Src: []byte(tt.src)})
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}
