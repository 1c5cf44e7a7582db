package render

import (
	"bytes"
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
	"github.com/gapcheck/gapcheck/internal/geo"
)

// The html format: one self-contained page that opens offline and makes no request
// of any kind. Its style and its little script are inline; the map is inline SVG
// (package geo); every chart is inline SVG drawn here. Everything from a profile,
// a policy or a waiver is data that html/template escapes for where it goes.
//
//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"label": label,
}).Parse(htmlSource))

type htmlRenderer struct{ opts Options }

// The status palette: Okabe and Ito's colours, which people with any common
// colour-vision deficiency tell apart, and a symbol per status, as in the text
// matrix, so that no status rests on colour alone. Unknown is hatched grey, never
// a colour of the scale of done and not done.
var htmlStatuses = []struct {
	Status checker.Status
	Help   string
}{
	{checker.StatusMet, "the sourced facts show it is in place"},
	{checker.StatusPartial, "in place in part"},
	{checker.StatusGap, "the sourced facts show it is not in place"},
	{checker.StatusUnknown, "no sourced fact says either way: an evidence gap, not a gap"},
	{checker.StatusNotYetDue, "binds the state, but not yet due"},
	{checker.StatusNotApplicable, "the state is not bound"},
	{checker.StatusWaived, "a gap with a recorded, unexpired justification"},
	{checker.StatusError, "the policy could not be evaluated"},
}

// shareBins are the classes of the map's scale of the share met: each bin is 20
// points of the rounded-down percentage, the last one 80 to 100.
var shareBins = []string{"0-19%", "20-39%", "40-59%", "60-79%", "80-100%"}

// lowEvidence is the evidence share below which the map hatches a state: less
// than half of what applies rests on a sourced fact.
const lowEvidence = 0.5

// htmlPage is what the template renders.
type htmlPage struct {
	Title, Subtitle string
	FilterNote      string
	Single          bool // one report: no ranking, no weakest links
	Statuses        []htmlStatus
	Bins            []string
	Map             template.HTML  // the SVG map, written and escaped by package geo
	MapStates       []htmlMapState // the states of the reports, by name
	Absent          []string       // the names of the other states of the map
	NotOnMap        []htmlMapState // reports on states the map does not draw
	MapData         htmlMapData    // for the script: each state's statuses
	Recs            []htmlRec
	Ranking         []htmlRank
	Heatmap         []htmlRow
	Weakest         []htmlWeak
	Reports         []htmlReport
	Trend           *htmlTrend
	Attribution     string
	Rounding        string
	Policies        string // the policies the reports were judged by
}

type htmlStatus struct {
	Status       checker.Status
	Symbol, Help string
}

type htmlMapState struct {
	Code, Name, Value, Class string
	Anchor                   string // the id of the profile's section
}

// htmlMapData is the JSON the script reads to colour the map by one
// recommendation.
type htmlMapData struct {
	// States maps a state's code to its share class and hover text, and its
	// status per recommendation id.
	States map[string]htmlMapDatum `json:"states"`
}

type htmlMapDatum struct {
	Class    string            `json:"class"`
	Title    string            `json:"title"`
	Value    string            `json:"value"`
	Statuses map[string]string `json:"statuses"`
}

type htmlRec struct {
	ID, Title string
	Severity  checker.Severity
}

type htmlRank struct {
	Rank                      int
	Code, Name, Met, Evidence string // Code is the profile's identity (ProfileInfo.Key)
	Anchor                    string
	MetShare, EvidenceShare   string
	Counts                    checker.Counts
}

type htmlRow struct {
	Code, Name, Anchor      string
	MetShare, EvidenceShare string // for sorting, as decimals
	Met, Evidence           string
	Cells                   []htmlCell
}

type htmlCell struct {
	Status        checker.Status
	Symbol, Title string
	Rank          int  // the status's order of attention, for sorting
	Hidden        bool // a status the filter left out
}

type htmlWeak struct {
	ID, Title     string
	Severity      checker.Severity
	Applicable    int
	Counts        checker.Counts
	Gaps, Partial string
}

type htmlReport struct {
	Code, Name, Path, Heading, Summary, FilterNote string
	Anchor                                         string
	Findings                                       []htmlFinding
}

type htmlFinding struct {
	checker.Finding
	Symbol, Age string
	Evidence    []htmlEvidence
}

type htmlEvidence struct {
	checker.Evidence
	Age string
}

// Render writes the page.
func (h htmlRenderer) Render(w io.Writer, run *Run) error {
	page, err := newHTMLPage(run)
	if err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func newHTMLPage(run *Run) (*htmlPage, error) {
	o := run.overview()
	reports := sortedReports(run.Reports)
	p := &htmlPage{
		Single:      len(reports) == 1,
		Bins:        shareBins,
		Attribution: geo.Attribution,
		Rounding:    "Percentages are rounded down (5 of 21 is 23%).",
		Policies:    policiesOf(run),
		FilterNote:  filterNote(run.Filter, run.Reports),
		MapData:     htmlMapData{States: map[string]htmlMapDatum{}},
	}
	p.Title = fmt.Sprintf("gapcheck: %d states %s, %d recommendations", len(o.Columns), runAt(run), len(o.Matrix))
	if p.Single {
		r := reports[0]
		p.Title = fmt.Sprintf("gapcheck: %s (%s) at %s", r.Profile.Name, r.Profile.Key(), reportAt(r))
	}
	p.Subtitle = "Which agreed counter-terrorism information-sharing measures each state has in place, what is known and what is not, why, and on what source."
	for _, s := range htmlStatuses {
		p.Statuses = append(p.Statuses, htmlStatus{Status: s.Status, Symbol: symbol(s.Status), Help: s.Help})
	}
	recs := map[string]checker.Recommendation{}
	for _, r := range run.Recommendations {
		recs[r.ID] = r
	}
	for _, row := range o.Matrix {
		p.Recs = append(p.Recs, htmlRec{ID: row.ID, Title: cmp.Or(recs[row.ID].Title, row.ID), Severity: row.Severity})
	}

	// The map: each state's share class and hover text; the script's data.
	m := geo.Europe()
	svgStates := map[string]geo.StateOptions{}
	for col, info := range o.Profiles {
		var sum checker.Summary
		for _, s := range o.States {
			if s.Profile.Path == info.Path {
				sum = s.Summary
			}
		}
		class, value := shareClass(sum), shareValue(sum)
		title := fmt.Sprintf("%s (%s): %s", info.Name, info.Key(), value)
		d := htmlMapDatum{Class: class, Title: title, Value: value, Statuses: map[string]string{}}
		for _, row := range o.Matrix {
			st := row.Statuses[col]
			if run.Filter != nil && !run.Filter.SelectsStatus(st) {
				st = "hidden"
			}
			d.Statuses[row.ID] = string(st)
		}
		ms := htmlMapState{Code: info.Key(), Name: info.Name, Value: value, Class: class, Anchor: anchor(info)}
		// The map draws states: a profile of a part of one (a unit), or of a state
		// it does not have, is listed beside it instead.
		if _, ok := m.State(info.Country); !ok || info.Unit != "" {
			p.NotOnMap = append(p.NotOnMap, ms)
			continue
		}
		p.MapData.States[info.Country] = d
		svgStates[info.Country] = geo.StateOptions{ID: "map-" + info.Country, Class: append([]string{"state"}, strings.Fields(class)...), Title: title}
	}
	for _, s := range m.States {
		if ms, ok := svgStates[s.Code]; ok {
			d := p.MapData.States[s.Code]
			p.MapStates = append(p.MapStates, htmlMapState{Code: s.Code, Name: s.Name, Value: d.Value, Class: strings.Join(ms.Class[1:], " "), Anchor: anchor(checker.ProfileInfo{Country: s.Code})})
			continue
		}
		svgStates[s.Code] = geo.StateOptions{ID: "map-" + s.Code, Class: []string{"state", "no-report"}, Title: s.Name + ": no profile in this report"}
		p.Absent = append(p.Absent, s.Name)
	}
	slices.Sort(p.Absent)
	slices.SortFunc(p.MapStates, func(a, b htmlMapState) int { return cmp.Compare(a.Name, b.Name) })
	var svg bytes.Buffer
	mapLabel := "Map of Europe: the share of applicable recommendations each state has met; hatched where less than half of it rests on evidence"
	if err := m.WriteSVG(&svg, geo.SVGOptions{ID: "map", Class: []string{"map", "mode-share"}, Label: mapLabel, States: svgStates}); err != nil {
		return nil, err
	}
	p.Map = template.HTML(svg.String()) // package geo escapes every text it writes

	for _, s := range o.States {
		p.Ranking = append(p.Ranking, htmlRank{Rank: s.Rank, Code: s.Profile.Key(), Anchor: anchor(s.Profile), Name: s.Profile.Name,
			Met: percent(s.Summary.MetShare), Evidence: percent(s.Summary.EvidenceShare),
			MetShare: share(s.Summary.MetShare), EvidenceShare: share(s.Summary.EvidenceShare), Counts: s.Summary.Counts})
	}
	for col, info := range o.Profiles {
		var sum checker.Summary
		for _, s := range o.States {
			if s.Profile.Path == info.Path {
				sum = s.Summary
			}
		}
		row := htmlRow{Code: info.Key(), Anchor: anchor(info), Name: info.Name, Met: percent(sum.MetShare), Evidence: percent(sum.EvidenceShare),
			MetShare: share(sum.MetShare), EvidenceShare: share(sum.EvidenceShare)}
		for _, mr := range o.Matrix {
			st := mr.Statuses[col]
			c := htmlCell{Status: st, Symbol: symbol(st), Rank: statusOrder[st], Title: fmt.Sprintf("%s (%s), %s: %s", info.Name, info.Key(), mr.ID, label(st))}
			if run.Filter != nil && !run.Filter.SelectsStatus(st) {
				c.Hidden, c.Symbol = true, "."
			}
			row.Cells = append(row.Cells, c)
		}
		p.Heatmap = append(p.Heatmap, row)
	}
	slices.SortStableFunc(p.Heatmap, func(a, b htmlRow) int { return cmp.Compare(a.Name, b.Name) })
	for _, l := range o.Weakest {
		p.Weakest = append(p.Weakest, htmlWeak{ID: l.ID, Title: l.Title, Severity: l.Severity, Applicable: l.Applicable, Counts: l.Counts,
			Gaps: strings.Join(l.Gaps, " "), Partial: strings.Join(l.Partial, " ")})
	}

	for _, r := range reports {
		hr := htmlReport{Code: r.Profile.Key(), Anchor: anchor(r.Profile), Name: r.Profile.Name, Path: r.Profile.Path, Heading: heading(r),
			Summary: summaryLine(r.Summary), FilterNote: filterNote(run.Filter, []*checker.Report{r})}
		for _, f := range byAttention(r.Findings) {
			hf := htmlFinding{Finding: f, Symbol: symbol(f.Status), Age: age(f.EvidenceAge)}
			for _, ev := range f.Evidence {
				hf.Evidence = append(hf.Evidence, htmlEvidence{Evidence: ev, Age: age(ev.AgeDays)})
			}
			hr.Findings = append(hr.Findings, hf)
		}
		p.Reports = append(p.Reports, hr)
	}
	if len(run.Histories) > 0 {
		p.Trend = newHTMLTrend(run)
	}
	return p, nil
}

// anchor is the id of a profile's section: "state-" and its identity
// (ProfileInfo.Key), each character but a letter, a digit or a hyphen written as
// "_" and its hex code, so that a unit's name makes a valid, unique id.
func anchor(p checker.ProfileInfo) string {
	var b strings.Builder
	b.WriteString("state-")
	for _, c := range []byte(p.Key()) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	return b.String()
}

// shareClass is the map class of a state's summary: its bin of the share met, and
// low-evidence when less than half of what applies rests on evidence.
func shareClass(s checker.Summary) string {
	if s.Applicable == 0 {
		return "share-none"
	}
	pct := int(s.MetShare*100 + 1e-9)
	class := "share-" + strconv.Itoa(min(pct/20, len(shareBins)-1))
	if s.EvidenceShare < lowEvidence {
		class += " low-evidence"
	}
	return class
}

// shareValue says a state's summary for the map: "42% met of 21, evidence 47%"
// (of the 21 recommendations that apply).
func shareValue(s checker.Summary) string {
	if s.Applicable == 0 {
		return "nothing applies"
	}
	return fmt.Sprintf("%s met of %d, evidence %s", percent(s.MetShare), s.Applicable, percent(s.EvidenceShare))
}

// share writes a share as a decimal for sorting.
func share(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }

// age says an evidence age in days: "112 days old"; "" when there is none.
func age(days *int) string {
	switch {
	case days == nil:
		return ""
	case *days == 1:
		return "1 day old"
	}
	return fmt.Sprintf("%d days old", *days)
}
