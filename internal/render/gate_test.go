package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gapcheck/gapcheck/checker"
)

// hostileDiff is a diff whose data tries every trick: line breaks, workflow
// commands, escapes, Markdown links, images, HTML and mentions.
func hostileDiff() *DiffRun {
	loc := &checker.Location{File: "be.yaml", Line: 3, Column: 3}
	evil := "x\n::error file=README.md::INJECTED ##[error]INJECTED \x1b]0;PWNED\a @octocat ![i](https://evil.example/p.png) [l](javascript:alert(1)) <img src=x>"
	return &DiffRun{Base: "main", BaseCommit: "0123456789abcdef0123", MergeBase: true, Changes: []checker.Change{
		{Kind: checker.ChangeGapOpened, Country: "BE", State: "Bel" + evil, Profile: "be.yaml", Recommendation: "x-y",
			Title: "t" + evil, Severity: checker.SeverityHigh, Base: checker.StatusMet, Head: checker.StatusGap, Worse: true, Fails: true,
			Message: "m" + evil, Location: loc},
		{Kind: checker.ChangeProfileRemoved, Country: "DE", State: "Germany", Profile: "de" + evil + ".yaml", LostEvidence: true,
			Severity: checker.SeverityCritical, Fails: true, Counts: &checker.Counts{Met: 1}},
	}, WaiverChanges: []checker.WaiverChange{{Kind: checker.WaiverAdded, Waiver: checker.WaiverEntry{
		Recommendation: "x-y", Country: "BE", Justification: "j" + evil, Owner: "o" + evil, Expires: "2999-12-31",
		Location: checker.Location{File: "waivers.yaml", Line: 2, Column: 5}}}}}
}

// TestDiffFormatsEscapeData (item 7): in every diff format no data makes a line,
// a workflow command, a terminal escape, a link, an image, HTML or a mention.
func TestDiffFormatsEscapeData(t *testing.T) {
	for _, format := range DiffNames() {
		r, err := NewDiff(format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := r.RenderDiff(&b, hostileDiff()); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, line := range strings.Split(out, "\n") {
			trimmed := strings.TrimLeft(line, " \t")
			if strings.HasPrefix(trimmed, "::") && !strings.HasPrefix(line, "::error file=") && !strings.HasPrefix(line, "::warning file=") {
				t.Errorf("%s: a workflow command from data: %q", format, line)
			}
			if strings.Contains(line, "##[") || strings.ContainsAny(line, "\x1b\a") || strings.HasPrefix(trimmed, "INJECTED") {
				t.Errorf("%s: data reached the output raw: %q", format, line)
			}
		}
		if format == FormatMarkdown {
			prose := regexp.MustCompile("`[^`]*`").ReplaceAllString(out, "") // code spans are literal
			for _, bad := range []string{"![i](", "[l](", "<img", "@octocat"} {
				if strings.Contains(prose, bad) {
					t.Errorf("markdown: %q is live:\n%s", bad, out)
				}
			}
		}
		if format == FormatJSON || format == FormatSARIF {
			var v any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Errorf("%s: not JSON: %v", format, err)
			}
			text := fmt.Sprint(v)
			if format == FormatSARIF { // a SARIF message escapes brackets (§3.11.5): no embedded link from data
				if strings.Contains(text, "[l](javascript") || strings.Contains(text, "[i](https") {
					t.Errorf("sarif: a link from data in a message:\n%s", text)
				}
				text = strings.NewReplacer(`\[`, "[", `\]`, "]", `\\`, `\`).Replace(text)
			}
			if !strings.Contains(text, "##[error]INJECTED") {
				t.Errorf("%s: the data does not round-trip", format)
			}
		}
	}
}

func TestEscapers(t *testing.T) {
	for in, want := range map[string]string{
		"a\nb\r\nc\td":    "a b c d",
		"\x1b[31mred\a":   `\x1b[31mred\x07`,
		"\u009b2J \u202e": `\x9b2J \u202e`,
		"x ##[error]y":    `x #\#[error]y`,
		"bad \xff byte":   `bad \xff byte`,
		"plain text, é ü": "plain text, é ü",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"  ::error::x":        `  \::error::x`,
		"\u3000::warning::x":  "\u3000\\::warning::x",
		"ok ::notice in line": "ok ::notice in line",
		"\x1b[2J\x1b[32mok":   `\x1b[2J` + "\x1b[32mok",
		"text ##[group]x":     `text #\#[group]x`,
	} {
		if got := GuardLine(in, "\x1b[32m"); got != want {
			t.Errorf("GuardLine(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"@octocat and @org/team":    "@&#8203;octocat and @&#8203;org/team",
		"![x](https://e/p.png)":     `!\[x\](https://e/p.png)`,
		"<script>a|b</script>":      `&lt;script&gt;a\|b&lt;/script&gt;`,
		"*bold* _it_ `code` ~s~ \\": "\\*bold\\* \\_it\\_ \\`code\\` \\~s\\~ \\\\",
		"one\ntwo":                  "one two",
	} {
		if got := mdCell(in); got != want {
			t.Errorf("mdCell(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := mdText("# heading\n- list\n1. item\n::error::x"), "\\# heading\n\\- list\n1\\. item\n\\::error::x"; got != want {
		t.Errorf("mdText = %q, want %q", got, want)
	}
	if got, want := mdCode("a`b|c"), "`` a`b\\|c ``"; got != want {
		t.Errorf("mdCode = %q, want %q", got, want)
	}
	if isHTTP("javascript:alert(1)") || isHTTP("data:text/html,x") || !isHTTP("https://eur-lex.europa.eu/x") {
		t.Error("isHTTP lets a non-http link through or refuses an http one")
	}
}

// TestSARIFHelpURIOnlyHTTP: a recommendation's javascript: reference never becomes
// a link (helpUri, or the Markdown help).
func TestSARIFHelpURIOnlyHTTP(t *testing.T) {
	rec := checker.Recommendation{ID: "x-y", Title: "T", Severity: checker.SeverityHigh,
		Resources: []checker.Resource{{URL: "javascript:alert(1)", Description: "click"}}}
	rule := sarifRuleOf(rec)
	if rule.HelpURI != "" || strings.Contains(rule.Help.Markdown, "](javascript:") {
		t.Errorf("helpUri %q, help %q", rule.HelpURI, rule.Help.Markdown)
	}
	if rule.Properties.SecuritySeverity != "8.0" {
		t.Errorf("security-severity %q, want 8.0", rule.Properties.SecuritySeverity)
	}
}

// TestDiffMarkdownFitsAComment (item 23): the diff's Markdown never exceeds
// GitHub's comment limit; what is left out is said, with where the full report is.
func TestDiffMarkdownFitsAComment(t *testing.T) {
	run := &DiffRun{Base: "main"}
	for s := range 400 {
		for r := range 12 {
			run.Changes = append(run.Changes, checker.Change{Kind: checker.ChangeGapOpened, Country: fmt.Sprintf("S%03d", s),
				State: fmt.Sprintf("State %03d", s), Profile: "p.yaml", Recommendation: fmt.Sprintf("rec-%02d", r),
				Title: strings.Repeat("A long title ", 3), Severity: checker.SeverityHigh, Base: checker.StatusMet, Head: checker.StatusGap,
				Worse: true, Message: strings.Repeat("a message ", 5), Location: &checker.Location{File: "p.yaml", Line: r + 1}})
		}
	}
	var b strings.Builder
	if err := (diffMarkdown{fullReport: "gapcheck-diff.json"}).RenderDiff(&b, run); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if len(out) > MaxCommentSize {
		t.Errorf("%d bytes, over the limit of %d", len(out), MaxCommentSize)
	}
	if !strings.Contains(out, "states left out** to fit GitHub's comment limit of 65536 characters: it is in `gapcheck-diff.json`.") {
		t.Errorf("no truncation line naming the full report:\n%s", out[len(out)-400:])
	}
	small := &DiffRun{Base: "main", Changes: run.Changes[:12]}
	b.Reset()
	diffMarkdown{}.RenderDiff(&b, small)
	if strings.Contains(b.String(), "left out") {
		t.Error("a small diff was cut")
	}
}

// xmllint validates a file against an XML Schema, or skips the test.
func xmllint(t *testing.T, schema, file string) error {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not found (Debian: libxml2-utils; .ci/run installs it): the JUnit output is not validated against junit-10.xsd")
	}
	out, err := exec.Command(bin, "--noout", "--schema", schema, file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

// TestJUnitValidatesAgainstXSD (item 25): every JUnit gapcheck writes (reports,
// --fail-on-unknown, diffs with waiver changes, the errors of a stopped run) is
// valid against the Jenkins xUnit plugin's junit-10.xsd, which CI consumers use;
// and the schema has teeth (skipped on <testsuites> fails it).
func TestJUnitValidatesAgainstXSD(t *testing.T) {
	schema := filepath.Join("testdata", "junit-10.xsd")
	dir := t.TempDir()
	docs := map[string]string{
		"one":           renderString(t, FormatJUnit, Options{}, oneState()),
		"three":         renderString(t, FormatJUnit, Options{}, threeStates()),
		"unknown-fails": renderString(t, FormatJUnit, Options{UnknownFails: true}, threeStates()),
	}
	var b strings.Builder
	if err := (diffJUnit{}).RenderDiff(&b, hostileDiff()); err != nil {
		t.Fatal(err)
	}
	docs["diff"] = b.String()
	b.Reset()
	if err := (junitRenderer{}).RenderErrors(&b, []Problem{{Kind: "profile", File: "b.yaml", Line: 3, Column: 4, Message: "bad"}, {Kind: "error", Message: "no position"}}); err != nil {
		t.Fatal(err)
	}
	docs["errors"] = b.String()
	for name, doc := range docs {
		f := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(f, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := xmllint(t, schema, f); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	bad := filepath.Join(dir, "bad.xml")
	os.WriteFile(bad, []byte(strings.Replace(docs["one"], `<testsuites name="gapcheck"`, `<testsuites name="gapcheck" skipped="1"`, 1)), 0o644)
	if err := xmllint(t, schema, bad); err == nil {
		t.Error("the schema accepts skipped on <testsuites>: it has no teeth")
	}
}

// TestDiffSARIFValidatesAgainstSchema: the diff's SARIF, and the SARIF of a
// stopped run, are valid SARIF 2.1.0.
func TestDiffSARIFValidatesAgainstSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	var b strings.Builder
	if err := (diffSARIF{version: "v1.2.3"}).RenderDiff(&b, hostileDiff()); err != nil {
		t.Fatal(err)
	}
	var errs strings.Builder
	if err := (sarifRenderer{version: "v1.2.3"}).RenderErrors(&errs, []Problem{{Kind: "profile", File: "b.yaml", Line: 3, Column: 4, Message: "bad"}}); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{"diff": b.String(), "errors": errs.String()} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s: invalid SARIF: %v", name, err)
		}
	}
}

// hostileText is what a profile's text may hold once loaded (the loader refuses
// control characters, and line breaks but in notes): workflow commands, table
// cells, a link, an image, HTML, a mention and a formula.
const hostileText = "::error file=README.md::INJECTED ##[error]INJECTED | cell <img src=x> @octocat ![i](https://evil.example/p.png) [l](javascript:alert(1)) =HYPERLINK(1)"

// hostileRun is threeStatesOverTime with hostile text in every place a profile
// gives a report: the state's name and unit, a finding's message, a fact's note
// (over several lines), a source's title and URL.
func hostileRun() *Run {
	run := threeStatesOverTime()
	for _, r := range append(append([]*checker.Report{}, run.Reports...), run.Histories[0].Reports...) {
		r.Profile.Name += " " + hostileText
		r.Profile.Unit = "u|<b>@octocat=1"
		for i := range r.Findings {
			f := &r.Findings[i]
			f.Message += " " + hostileText
			for j := range f.Evidence {
				f.Evidence[j].Note = "note\n" + hostileText + "\n  " + hostileText
			}
			for j := range f.Sources {
				f.Sources[j].Title += " " + hostileText
				f.Sources[j].URL += "/a)|b`c\\ d(" // a URL the schema's pattern lets through
			}
		}
	}
	run.Histories[0].Profile = run.Reports[0].Profile
	return run
}

// TestReportFormatsEscapeData: in every report format, as a whole run and as a
// stream, and in every timeline format and explain, no profile text makes a
// workflow command or a legacy one ("##["), and in Markdown none makes a link, an
// image, HTML, a mention or a table cell.
func TestReportFormatsEscapeData(t *testing.T) {
	check := func(t *testing.T, format, out string) {
		t.Helper()
		for _, line := range strings.Split(out, "\n") {
			trimmed := strings.TrimLeft(line, " \t")
			if strings.HasPrefix(trimmed, "::") && !strings.HasPrefix(line, "::error file=") && !strings.HasPrefix(line, "::warning file=") {
				t.Errorf("%s: a workflow command from data: %.120q", format, line)
			}
			if strings.Contains(line, "##[") {
				t.Errorf("%s: a legacy workflow command from data: %.120q", format, line)
			}
		}
		if format == FormatMarkdown {
			prose := regexp.MustCompile("`[^`]*`").ReplaceAllString(out, "") // code spans are literal
			for _, bad := range []string{"![i](", "[l](", "<img", "<b>", "@octocat", "u|<", "/a)|b"} {
				if strings.Contains(prose, bad) {
					t.Errorf("markdown: %q is live", bad)
				}
			}
		}
	}
	for _, format := range Names() {
		var summary bytes.Buffer
		o := Options{StepSummary: &summary}
		run := hostileRun()
		check(t, format, renderString(t, format, o, run))
		check(t, FormatMarkdown, summary.String()) // github's step summary
		if s, ok := NewStream(format, o, len(run.Reports)); ok {
			sorted := *run
			sorted.Reports = sortedReports(run.Reports)
			var b bytes.Buffer
			if err := renderStream(s, &b, &sorted); err != nil {
				t.Fatal(err)
			}
			check(t, format, b.String())
		}
	}
	for _, format := range TimelineNames() {
		r, err := NewTimeline(format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		run := hostileRun()
		var b bytes.Buffer
		if err := r.RenderTimeline(&b, &TimelineRun{Histories: run.Histories, Trend: nil}); err != nil {
			t.Fatal(err)
		}
		check(t, format, b.String())
	}
}
