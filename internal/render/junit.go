package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// JUnit XML, as CI systems read it: a test suite per profile and a test case per
// recommendation, passes included. Met passes; gap and partial fail; error is an
// error; not applicable, waived and unknown are skipped (unknown fails instead with
// --fail-on-unknown). There are no time attributes, so output is reproducible.
type junitRenderer struct{ unknownFails bool }

// junitSuites is the document. Its attributes are those the Jenkins xUnit
// plugin's junit-10.xsd allows on <testsuites> (no skipped: the count of skipped
// cases is on each <testsuite>).
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitSkipped `xml:"skipped"`
}

// junitProblem is a <failure> or an <error>.
type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func (j junitRenderer) Render(w io.Writer, run *Run) error {
	doc := junitSuites{Name: "gapcheck", Suites: []junitSuite{}}
	for _, r := range run.Reports {
		s := j.runSuite(r, run.Policies)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	return writeJUnit(w, doc)
}

// runSuite is a report's suite in a run judged by policies.
func (j junitRenderer) runSuite(r *checker.Report, policies *checker.PolicySet) junitSuite {
	s := j.suite(r)
	if p := policies; p != nil {
		s.Properties = append(s.Properties, junitProperty{Name: "policies", Value: p.Name}, junitProperty{Name: "policies_digest", Value: p.Digest})
	}
	return s
}

// fitForXML makes every text of a suite fit for XML 1.0.
func fitForXML(s *junitSuite) {
	s.Name = xmlText(s.Name)
	for j := range s.Properties {
		s.Properties[j].Value = xmlText(s.Properties[j].Value)
	}
	for j := range s.Cases {
		c := &s.Cases[j]
		c.Name, c.Classname, c.File = xmlText(c.Name), xmlText(c.Classname), xmlText(c.File)
		for _, p := range []*junitProblem{c.Failure, c.Error} {
			if p != nil {
				p.Message, p.Text = xmlText(p.Message), guardLines(xmlText(p.Text))
			}
		}
		if c.Skipped != nil {
			c.Skipped.Message = xmlText(c.Skipped.Message)
		}
	}
}

// writeJUnit writes a JUnit document, every text in it made fit for XML 1.0.
func writeJUnit(w io.Writer, doc junitSuites) error {
	for i := range doc.Suites {
		fitForXML(&doc.Suites[i])
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// suite is one profile's test suite.
func (j junitRenderer) suite(r *checker.Report) junitSuite {
	s := junitSuite{
		Name: r.Profile.Path,
		Properties: []junitProperty{
			{Name: "country", Value: r.Profile.Country},
			{Name: "state", Value: r.Profile.Name},
			{Name: "as_of", Value: r.Profile.AsOf},
			{Name: "at", Value: reportAt(r)},
		},
	}
	classname := r.Profile.Key()
	if classname == "" {
		classname = r.Profile.Path
	}
	for _, f := range sortedFindings(r.Findings) {
		c := junitCase{Name: f.ID + ": " + f.Title, Classname: classname, File: f.Location.File, Line: f.Location.Line}
		switch {
		case f.Status.Failing() || (f.Status == checker.StatusUnknown && j.unknownFails):
			c.Failure = &junitProblem{Message: f.Message, Type: string(f.Status), Text: problemText(f)}
			s.Failures++
		case f.Status == checker.StatusError:
			c.Error = &junitProblem{Message: f.Message, Type: string(f.Status), Text: problemText(f)}
			s.Errors++
		case f.Status == checker.StatusMet:
		default:
			c.Skipped = &junitSkipped{Message: skipMessage(f)}
			s.Skipped++
		}
		s.Cases = append(s.Cases, c)
	}
	s.Tests = len(s.Cases)
	return s
}

// problemText is the body of a failure or error: what is missing, where, and why
// it is owed.
func problemText(f checker.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", f.Message)
	fmt.Fprintf(&b, "at %s\n", f.Location)
	fmt.Fprintf(&b, "status: %s, severity: %s\n", label(f.Status), f.Severity)
	if f.LegalBasis != "" {
		fmt.Fprintf(&b, "legal basis: %s\n", f.LegalBasis)
	}
	if f.Deadline != "" {
		fmt.Fprintf(&b, "deadline: %s\n", f.Deadline)
	}
	return b.String()
}

// skipMessage says why a test case is skipped.
func skipMessage(f checker.Finding) string {
	if f.Status == checker.StatusWaived && f.Waiver != nil {
		return fmt.Sprintf("waived until %s (owner %s): %s", f.Waiver.Expires, f.Waiver.Owner, f.Waiver.Justification)
	}
	return label(f.Status) + ": " + f.Message
}

// RenderErrors writes a JUnit report of a run that stopped before judging
// anything: one suite, "gapcheck", with an erroring test case per problem.
func (junitRenderer) RenderErrors(w io.Writer, problems []Problem) error {
	s := junitSuite{Name: "gapcheck"}
	for _, p := range problems {
		name := "gapcheck: " + p.Kind
		if p.File != "" {
			name += ": " + p.File
		}
		c := junitCase{Name: name, Classname: "gapcheck", File: p.File, Line: p.Line,
			Error: &junitProblem{Message: p.Message, Type: "invalid " + p.Kind, Text: p.Message + "\n"}}
		s.Cases = append(s.Cases, c)
		s.Errors++
	}
	s.Tests = len(s.Cases)
	return writeJUnit(w, junitSuites{Name: "gapcheck", Tests: s.Tests, Errors: s.Errors, Suites: []junitSuite{s}})
}

// junitStream writes the JUnit document of Render a report at a time: each suite
// as the whole document's encoding indents it, then, once the run is over, the
// document's head with its totals before them (a Prologue).
type junitStream struct {
	j        junitRenderer
	policies *checker.PolicySet
	totals   junitSuites
}

func (t *junitStream) Begin(_ io.Writer, run *Run) error {
	t.policies = run.Policies
	t.totals = junitSuites{Name: "gapcheck", Suites: []junitSuite{}}
	return nil
}

func (t *junitStream) Report(w io.Writer, r *checker.Report) error {
	s := t.j.runSuite(r, t.policies)
	fitForXML(&s)
	t.totals.Tests += s.Tests
	t.totals.Failures += s.Failures
	t.totals.Errors += s.Errors
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("  ", "  ")
	if err := enc.EncodeElement(s, xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
		return err
	}
	return enc.Close()
}

// junitEmpty ends the document's head when it has no suites.
const junitEmpty = "></testsuites>\n"

// Prologue writes the document's head: the XML declaration and <testsuites> with
// the run's totals.
func (t *junitStream) Prologue(w io.Writer, _ *Run, _ int) error {
	var buf bytes.Buffer
	if err := writeJUnit(&buf, t.totals); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte(junitEmpty[1:])))
	return err
}

func (t *junitStream) End(w io.Writer, _ *Run, count int) error {
	end := "\n</testsuites>\n"
	if count == 0 {
		end = junitEmpty[1:]
	}
	_, err := io.WriteString(w, end)
	return err
}
