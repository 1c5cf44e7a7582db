package render

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// The CI formats of a diff: GitHub annotations, SARIF and JUnit. Each shows the
// changes that fail the run first, then the other changes for the worse, the
// waivers the change added, changed or removed (each on its line of the waivers
// file, so that a reviewer sees them in the pull request), then what improved.

// diffGitHub writes annotations: a change that fails the run is an error, another
// change for the worse and a waiver change a warning, a closed gap a notice; at
// most annotationsPerKind of each, then the summary line. With a step summary, the
// diff's Markdown goes there.
type diffGitHub struct {
	summary    io.Writer
	fullReport string
}

func (g diffGitHub) RenderDiff(w io.Writer, run *DiffRun) error {
	var anns []annotation
	for _, c := range run.Changes {
		cmd, rank := "", 0
		switch {
		case c.Fails:
			cmd, rank = "error", 0
		case c.Worse || c.LostEvidence:
			cmd, rank = "warning", 1
		case c.Kind == checker.ChangeGapClosed:
			cmd, rank = "notice", 3
		default:
			continue
		}
		file, line, col := c.Profile, 0, 0
		if c.Location != nil {
			file, line, col = c.Location.File, c.Location.Line, c.Location.Column
		}
		title := fmt.Sprintf("%s: %s", kindLabel(c.Kind), c.Recommendation)
		msg := fmt.Sprintf("%s (%s): %s", Line(c.State), Line(c.Country), Line(c.Message))
		if isProfileChange(c) {
			title = kindLabel(c.Kind)
			msg = fmt.Sprintf("%s (%s): %s", Line(c.State), Line(c.Country), profileLine(c, Line, "->"))
		} else {
			msg += "\n" + transition(c, "->") + " (" + string(c.Severity) + ")" + worseMark(c)
		}
		anns = append(anns, annotation{cmd: cmd, rank: rank, msg: msg, props: locationProps(file, line, col, title)})
	}
	for _, c := range run.WaiverChanges {
		e := c.Waiver
		anns = append(anns, annotation{cmd: "warning", rank: 2, msg: "waiver " + waiverLine(c, Line) + "\nA waiver hides a gap: review it.",
			props: locationProps(e.Location.File, e.Location.Line, e.Location.Column, fmt.Sprintf("waiver %s: %s in %s", c.Kind, e.Recommendation, e.Country))})
	}
	bw := bufio.NewWriter(w)
	left := writeAnnotations(bw, anns)
	s := checker.SummarizeChanges(run.Changes)
	fmt.Fprintln(bw, GuardLine(fmt.Sprintf("gapcheck diff %s: %s.", diffSubject(run, Line), diffSummaryLine(s))))
	if l := worseLine(run, s); l != "" {
		fmt.Fprintln(bw, GuardLine(l))
	}
	for _, l := range diffPolicies(run, Line, Line) {
		fmt.Fprintln(bw, GuardLine(l))
	}
	if len(run.WaiverChanges) > 0 {
		fmt.Fprintln(bw, GuardLine(fmt.Sprintf("%d waiver(s) added, changed or removed: see the annotations on the waivers file.", len(run.WaiverChanges))))
	}
	if left != "" {
		fmt.Fprintln(bw, left)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if g.summary == nil {
		return nil
	}
	return diffMarkdown{fullReport: g.fullReport}.RenderDiff(g.summary, run)
}

// diffSARIF writes a SARIF log whose results are the changes for the worse (error
// when they fail the run, warning otherwise) and the waiver changes (warning, on
// the waivers file): what a reviewer must look at. Improvements are not results.
type diffSARIF struct{ version string }

// The rules of a diff's SARIF that are not recommendations.
const (
	ruleProfileRemoved = "gapcheck-profile-removed"
	ruleWaiverChange   = "gapcheck-waiver-change"
)

func (d diffSARIF) RenderDiff(w io.Writer, run *DiffRun) error {
	recs := map[string]checker.Recommendation{}
	var results []sarifResult
	type pending struct {
		rule string
		res  sarifResult
	}
	var todo []pending
	for _, c := range run.Changes {
		if !c.Worse && !c.LostEvidence {
			continue
		}
		level := "warning"
		if c.Fails {
			level = "error"
		}
		rule := c.Recommendation
		if c.Kind == checker.ChangeProfileRemoved {
			rule = ruleProfileRemoved
		} else if _, ok := recs[rule]; !ok {
			recs[rule] = checker.Recommendation{ID: rule, Title: c.Title, Severity: c.Severity}
		}
		file, line, col := c.Profile, 0, 0
		if c.Location != nil {
			file, line, col = c.Location.File, c.Location.Line, c.Location.Column
		}
		text := fmt.Sprintf("%s (%s): %s: %s", c.State, c.Country, kindLabel(c.Kind), transition(c, "->"))
		if c.Message != "" {
			text += ": " + c.Message
		}
		if isProfileChange(c) {
			text = fmt.Sprintf("%s (%s): %s", c.State, c.Country, profileLine(c, func(s string) string { return s }, "->"))
		}
		sum := sha256.Sum256([]byte(c.Country + "\x00" + c.Recommendation + "\x00" + string(c.Kind)))
		todo = append(todo, pending{rule, sarifResult{
			Level: level, Message: sarifMessage{Text: text},
			Locations:           []sarifLocation{{PhysicalLocation: physicalLocation(file, line, col)}},
			PartialFingerprints: map[string]string{fingerprintKey: hex.EncodeToString(sum[:16])},
			Properties:          sarifResultProps{Status: c.Head, Severity: c.Severity, Country: c.Country, At: run.At},
		}})
	}
	for _, c := range run.WaiverChanges {
		e := c.Waiver
		sum := sha256.Sum256([]byte("waiver\x00" + e.Recommendation + "\x00" + e.Country + "\x00" + string(c.Kind)))
		todo = append(todo, pending{ruleWaiverChange, sarifResult{
			Level: "warning", Message: sarifMessage{Text: "waiver " + waiverLine(c, func(s string) string { return s })},
			Locations:           []sarifLocation{{PhysicalLocation: physicalLocation(e.Location.File, e.Location.Line, e.Location.Column)}},
			PartialFingerprints: map[string]string{fingerprintKey: hex.EncodeToString(sum[:16])},
			Properties:          sarifResultProps{Status: checker.StatusWaived, Country: e.Country, At: run.At},
		}})
	}
	ids := make([]string, 0, len(recs))
	for id := range recs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var rules []sarifRule
	index := map[string]int{}
	for _, id := range ids {
		index[id] = len(rules)
		rules = append(rules, sarifRuleOf(recs[id]))
	}
	index[ruleProfileRemoved] = len(rules)
	rules = append(rules, sarifRule{ID: ruleProfileRemoved, Name: "ProfileRemoved",
		ShortDescription:     sarifMessage{Text: "A state's profile was removed: every finding it had, and its evidence, is gone"},
		Help:                 sarifMessage{Text: "A change that removes a profile loses its evidence; it fails gapcheck diff unless --accept-lost-evidence is given."},
		DefaultConfiguration: sarifConfiguration{Level: "error"},
		Properties:           sarifRuleProps{Severity: checker.SeverityHigh, SecuritySeverity: securitySeverity(checker.SeverityHigh)}})
	index[ruleWaiverChange] = len(rules)
	rules = append(rules, sarifRule{ID: ruleWaiverChange, Name: "WaiverChange",
		ShortDescription:     sarifMessage{Text: "A waiver was added, changed or removed: a waiver hides a gap"},
		Help:                 sarifMessage{Text: "Review the waiver: its justification, its owner and its expiry."},
		DefaultConfiguration: sarifConfiguration{Level: "warning"},
		Properties:           sarifRuleProps{Severity: checker.SeverityMedium, SecuritySeverity: securitySeverity(checker.SeverityMedium)}})
	for _, p := range todo {
		p.res.RuleID, p.res.RuleIndex = p.rule, index[p.rule]
		results = append(results, p.res)
	}
	if results == nil {
		results = []sarifResult{}
	}
	log := sarifRenderer{version: d.version}.log(rules, results)
	log.Runs[0].AutomationDetails.ID = "gapcheck-diff/"
	if run.BasePolicies != nil || run.HeadPolicies != nil {
		log.Runs[0].Properties = &sarifDiffProps{BasePolicies: run.BasePolicies, HeadPolicies: run.HeadPolicies}
	}
	log.Runs[0].Invocations = []sarifInvocation{{ExecutionSuccessful: true}}
	return writeJSON(w, log)
}

// diffJUnit writes a test suite per state with a test case per finding change
// (failing when the change fails the run), and a suite "waivers" with a skipped
// case per waiver change.
type diffJUnit struct{}

func (diffJUnit) RenderDiff(w io.Writer, run *DiffRun) error {
	doc := junitSuites{Name: "gapcheck diff " + diffSubject(run, func(s string) string { return s }), Suites: []junitSuite{}}
	if run.BasePolicies != nil && run.HeadPolicies != nil {
		// A suite of no test that says which policies judged each side.
		doc.Suites = append(doc.Suites, junitSuite{Name: "policies", Properties: []junitProperty{
			{Name: "base_policies", Value: run.BasePolicies.Name}, {Name: "base_policies_digest", Value: run.BasePolicies.Digest},
			{Name: "head_policies", Value: run.HeadPolicies.Name}, {Name: "head_policies_digest", Value: run.HeadPolicies.Digest},
		}})
	}
	for _, group := range byState(run.Changes) {
		first := group[0]
		s := junitSuite{Name: fmt.Sprintf("%s (%s)", first.State, first.Country),
			Properties: []junitProperty{{Name: "country", Value: first.Country}, {Name: "profile", Value: first.Profile}}}
		for _, c := range group {
			name := kindLabel(c.Kind)
			if c.Recommendation != "" {
				name += ": " + c.Recommendation
			}
			tc := junitCase{Name: name, Classname: first.Country, File: c.Profile}
			if c.Location != nil {
				tc.File, tc.Line = c.Location.File, c.Location.Line
			}
			text := transition(c, "->") + worseMark(c) + "\n" + c.Message + "\n"
			if isProfileChange(c) {
				text = profileLine(c, func(s string) string { return s }, "->") + "\n"
			}
			if c.Fails {
				tc.Failure = &junitProblem{Message: strings.TrimSpace(strings.SplitN(text, "\n", 2)[0]), Type: string(c.Kind), Text: text}
				s.Failures++
			}
			s.Cases = append(s.Cases, tc)
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, s)
	}
	if len(run.WaiverChanges) > 0 {
		s := junitSuite{Name: "waivers"}
		for _, c := range run.WaiverChanges {
			e := c.Waiver
			s.Cases = append(s.Cases, junitCase{Name: fmt.Sprintf("waiver %s: %s in %s", c.Kind, e.Recommendation, e.Country),
				Classname: "waivers", File: e.Location.File, Line: e.Location.Line,
				Skipped: &junitSkipped{Message: waiverLine(c, func(s string) string { return s })}})
			s.Skipped++
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Suites = append(doc.Suites, s)
	}
	return writeJUnit(w, doc)
}
