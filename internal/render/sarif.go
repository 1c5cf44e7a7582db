package render

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gapcheck/gapcheck/checker"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html):
// one run whose rules are the recommendations and whose results are the findings
// that need attention: gap, partial, unknown, error, and waived (as a suppressed
// result). Met and not applicable findings are not results.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// toolURI is where gapcheck's documentation is.
	toolURI = "https://github.com/gapcheck/gapcheck"
	// srcRoot is the base of relative artifact URIs; GitHub code scanning resolves
	// it to the root of the checkout.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names the partial fingerprint: a hash of the state and the
	// recommendation, so that a finding keeps its identity when the profile's lines move.
	fingerprintKey = "countryRecommendation/v1"
)

type sarifRenderer struct{ version string }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool              `json:"tool"`
	Invocations       []sarifInvocation      `json:"invocations,omitempty"`
	AutomationDetails sarifAutomationDetails `json:"automationDetails"`
	ColumnKind        string                 `json:"columnKind"`
	Results           []sarifResult          `json:"results"`
	Properties        any                    `json:"properties,omitempty"` // *sarifRunProps, or *sarifDiffProps for a diff
}

// sarifInvocation says whether the run judged anything; a run stopped by invalid
// input has executionSuccessful false and the problems as notifications, each on
// its file and line.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
	// Descriptor names the kind of problem.
	Descriptor *sarifDescriptorRef `json:"descriptor,omitempty"`
}

type sarifDescriptorRef struct {
	ID string `json:"id"`
}

// sarifRunProps are the run's properties: the unknown findings, counted per
// profile rather than one result each (a run over the EU has hundreds, and code
// scanning would list each as an alert).
// It names the policies the run was judged by too.
type sarifRunProps struct {
	Policies *checker.PolicySet `json:"policies,omitempty"`
	Unknown  []sarifUnknown     `json:"unknown"`
}

// sarifDiffProps are a diff run's properties: the policies each side was judged by.
type sarifDiffProps struct {
	BasePolicies *checker.PolicySet `json:"basePolicies,omitempty"`
	HeadPolicies *checker.PolicySet `json:"headPolicies,omitempty"`
}

type sarifUnknown struct {
	Profile         string   `json:"profile"`
	Country         string   `json:"country"`
	Count           int      `json:"count"`
	Recommendations []string `json:"recommendations"`
}

// sarifAutomationDetails names the kind of run; GitHub code scanning reads its id
// as the analysis category (upload-sarif's category input replaces it).
type sarifAutomationDetails struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	FullName        string      `json:"fullName"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

// sarifMessage is a SARIF message or multiformatMessageString.
type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// sarifLinkText escapes what SARIF gives meaning to in a plain-text message: "[",
// "]" (an embedded link, SARIF 2.1.0 §3.11.6, which a viewer may render as one)
// and the backslash, each with a backslash (§3.11.5), so that no data makes a link.
var sarifLinkText = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`)

// MarshalJSON writes the message with its text escaped (sarifLinkText): every
// message gapcheck writes is plain text of its own, with data in it.
func (m sarifMessage) MarshalJSON() ([]byte, error) {
	type plain sarifMessage
	m.Text = sarifLinkText.Replace(m.Text)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as writeJSON writes the rest
	if err := enc.Encode(plain(m)); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      *sarifMessage      `json:"fullDescription,omitempty"`
	HelpURI              string             `json:"helpUri,omitempty"`
	Help                 sarifMessage       `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Severity checker.Severity `json:"severity"`
	// SecuritySeverity is the score GitHub code scanning ranks alerts by: 9.5
	// critical, 8.0 high, 5.5 medium, 3.0 low (its bands: 9.0+, 7.0-8.9,
	// 4.0-6.9, 0.1-3.9).
	SecuritySeverity string   `json:"security-severity,omitempty"`
	LegalBasis       string   `json:"legal_basis,omitempty"`
	Deadline         string   `json:"deadline,omitempty"`
	Tags             []string `json:"tags,omitempty"`
}

// securitySeverity is the security-severity score of a severity.
func securitySeverity(s checker.Severity) string {
	switch s {
	case checker.SeverityCritical:
		return "9.5"
	case checker.SeverityHigh:
		return "8.0"
	case checker.SeverityMedium:
		return "5.5"
	case checker.SeverityLow:
		return "3.0"
	}
	return ""
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          sarifResultProps   `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string          `json:"kind"`
	Status        string          `json:"status"`
	Justification string          `json:"justification"`
	Properties    *checker.Waiver `json:"properties,omitempty"`
}

type sarifResultProps struct {
	Status   checker.Status   `json:"status"`
	Severity checker.Severity `json:"severity"`
	Country  string           `json:"country"`
	// At is the date the profile was evaluated at; EvidenceDate the day the fact
	// the finding rests on counts from.
	At           string `json:"at"`
	EvidenceDate string `json:"evidenceDate,omitempty"`
}

func (s sarifRenderer) Render(w io.Writer, run *Run) error {
	rules, index := sarifRules(run)
	results := []sarifResult{}
	props := &sarifRunProps{Unknown: []sarifUnknown{}}
	for _, r := range sortedReports(run.Reports) {
		results = append(results, sarifReport(r, index, props)...)
	}
	log := s.runLog(rules, results, run.Policies, props)
	return writeJSON(w, log)
}

// sarifReport returns the results of a report, and adds its unknown findings to
// props.
func sarifReport(r *checker.Report, index map[string]int, props *sarifRunProps) []sarifResult {
	var results []sarifResult
	unknown := sarifUnknown{Profile: r.Profile.Path, Country: r.Profile.Country, Recommendations: []string{}}
	for _, f := range sortedFindings(r.Findings) {
		if f.Status == checker.StatusUnknown {
			unknown.Count++
			unknown.Recommendations = append(unknown.Recommendations, f.ID)
			continue
		}
		level, ok := sarifResultLevel(f)
		if !ok {
			continue
		}
		results = append(results, sarifResultOf(r, f, level, index[f.ID]))
	}
	if unknown.Count > 0 {
		props.Unknown = append(props.Unknown, unknown)
	}
	return results
}

// runLog is the log of a check run: its rules and results, the policies that
// judged it and what it could not judge.
func (s sarifRenderer) runLog(rules []sarifRule, results []sarifResult, policies *checker.PolicySet, props *sarifRunProps) sarifLog {
	log := s.log(rules, results)
	props.Policies = policies
	log.Runs[0].Properties = props
	log.Runs[0].Invocations = []sarifInvocation{{ExecutionSuccessful: true}}
	return log
}

// sarifStream writes the SARIF log of Render a report at a time: the log is
// encoded around its results (with none, "results": null marks the place), which
// go in between, each indented as the whole log's encoding indents it. The
// reports must come in path order, as Render sorts them (a run's files are
// sorted), and every finding must be of a recommendation of the run's catalogue.
type sarifStream struct {
	s      sarifRenderer
	rules  []sarifRule
	index  map[string]int
	props  *sarifRunProps
	indent string // of the "results" field
	count  int
	last   string // the path of the last report
}

// sarifResultsMark is how the log encodes with no results: where they go.
const sarifResultsMark = `"results": null`

// sarifAround returns what the encoding of log (whose results are nil) writes
// before and after its results, and the indentation of the results field.
func sarifAround(log sarifLog) (head, tail []byte, indent string, err error) {
	var buf bytes.Buffer
	if err := writeJSON(&buf, log); err != nil {
		return nil, nil, "", err
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte(sarifResultsMark))
	if i < 0 {
		return nil, nil, "", errors.New("the SARIF log has no place for its results")
	}
	line := bytes.LastIndexByte(b[:i], '\n') + 1
	return b[:i+len(`"results": `)], b[i+len(sarifResultsMark):], string(b[line:i]), nil
}

func (t *sarifStream) Begin(w io.Writer, run *Run) error {
	t.rules, t.index = sarifRules(run)
	t.props = &sarifRunProps{Unknown: []sarifUnknown{}}
	head, _, indent, err := sarifAround(t.s.runLog(t.rules, nil, run.Policies, t.props))
	if err != nil {
		return err
	}
	t.indent = indent
	_, err = w.Write(head)
	return err
}

func (t *sarifStream) Report(w io.Writer, r *checker.Report) error {
	if t.count > 0 && r.Profile.Path < t.last {
		return fmt.Errorf("sarif: report %s after %s: want the reports in path order", r.Profile.Path, t.last)
	}
	t.last = r.Profile.Path
	for _, f := range r.Findings {
		if _, ok := t.index[f.ID]; !ok {
			return fmt.Errorf("sarif: finding %s of no recommendation of the catalogue", f.ID)
		}
	}
	for _, res := range sarifReport(r, t.index, t.props) {
		b, err := indentedJSON(res, t.indent+"  ")
		if err != nil {
			return err
		}
		open := ",\n"
		if t.count == 0 {
			open = "[\n"
		}
		t.count++
		if _, err := io.WriteString(w, open+t.indent+"  "); err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func (t *sarifStream) End(w io.Writer, run *Run, _ int) error {
	_, tail, _, err := sarifAround(t.s.runLog(t.rules, nil, run.Policies, t.props))
	if err != nil {
		return err
	}
	end := "[]"
	if t.count > 0 {
		end = "\n" + t.indent + "]"
	}
	if _, err := io.WriteString(w, end); err != nil {
		return err
	}
	_, err = w.Write(tail)
	return err
}

// log is a SARIF log of one run of gapcheck with the rules and results.
func (s sarifRenderer) log(rules []sarifRule, results []sarifResult) sarifLog {
	version := cmp.Or(strings.TrimPrefix(s.version, "v"), "(devel)")
	return sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: "gapcheck", FullName: "gapcheck " + version,
				InformationURI: toolURI, Version: version, SemanticVersion: sarifToolVersion(s.version), Rules: rules,
			}},
			AutomationDetails: sarifAutomationDetails{ID: "gapcheck/"},
			ColumnKind:        "unicodeCodePoints", // YAML columns count characters
			Results:           results,
		}},
	}
}

// RenderErrors writes a SARIF log of a run that stopped before judging anything:
// no results, executionSuccessful false, each problem a notification on its file
// and line, so that the upload step has a file and code scanning shows why.
func (s sarifRenderer) RenderErrors(w io.Writer, problems []Problem) error {
	log := s.log([]sarifRule{}, []sarifResult{})
	inv := sarifInvocation{ExecutionSuccessful: false, ToolExecutionNotifications: []sarifNotification{}}
	for _, p := range problems {
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: p.Message}}
		if p.Kind != "" {
			n.Descriptor = &sarifDescriptorRef{ID: p.Kind}
		}
		if p.File != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: physicalLocation(p.File, p.Line, p.Column)}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	log.Runs[0].Invocations = []sarifInvocation{inv}
	return writeJSON(w, log)
}

// physicalLocation is a file, and its line and column when known.
func physicalLocation(file string, line, col int) sarifPhysicalLocation {
	uri, base := artifactURI(file)
	phys := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uri, URIBaseID: base}}
	if line > 0 {
		phys.Region = &sarifRegion{StartLine: line, StartColumn: max(col, 0)}
	}
	return phys
}

// sarifToolVersion is a version as SARIF wants it, starting with a digit: v1.2.3
// becomes 1.2.3, and a version that is not numeric, such as (devel), is left out.
func sarifToolVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return ""
	}
	return v
}

// sarifRules returns the rules, sorted by id, and each id's index: the catalogue's
// recommendations, plus any a finding names that the catalogue lacks.
func sarifRules(run *Run) ([]sarifRule, map[string]int) {
	recs := map[string]checker.Recommendation{}
	for _, rec := range run.Recommendations {
		recs[rec.ID] = rec
	}
	for _, r := range run.Reports {
		for _, f := range r.Findings {
			if _, ok := recs[f.ID]; !ok {
				recs[f.ID] = checker.Recommendation{ID: f.ID, Title: f.Title, Severity: f.Severity, LegalBasis: f.LegalBasis, Deadline: f.Deadline}
			}
		}
	}
	ids := make([]string, 0, len(recs))
	for id := range recs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	rules := make([]sarifRule, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		rules[i], index[id] = sarifRuleOf(recs[id]), i
	}
	return rules, index
}

func sarifRuleOf(rec checker.Recommendation) sarifRule {
	title := rec.Title
	if title == "" {
		title = rec.ID
	}
	rule := sarifRule{
		ID:                   rec.ID,
		Name:                 pascalCase(rec.ID),
		ShortDescription:     sarifMessage{Text: title},
		Help:                 ruleHelp(rec),
		DefaultConfiguration: sarifConfiguration{Level: severityLevel(rec.Severity)},
		Properties: sarifRuleProps{Severity: rec.Severity, SecuritySeverity: securitySeverity(rec.Severity),
			LegalBasis: rec.LegalBasis, Deadline: rec.Deadline},
	}
	if rec.Description != "" {
		rule.FullDescription = &sarifMessage{Text: rec.Description}
	}
	if len(rec.Resources) > 0 && isHTTP(rec.Resources[0].URL) {
		rule.HelpURI = rec.Resources[0].URL
	}
	if area := ruleArea(rec.Package); area != "" {
		rule.Properties.Tags = []string{area}
	}
	return rule
}

// ruleHelp is a rule's help: what the recommendation asks, its legal basis and
// deadline, and the documents it rests on.
func ruleHelp(rec checker.Recommendation) sarifMessage {
	var text, md strings.Builder
	if rec.Description != "" {
		text.WriteString(rec.Description + "\n\n")
		md.WriteString(mdText(rec.Description) + "\n\n")
	}
	if rec.LegalBasis != "" {
		fmt.Fprintf(&text, "Legal basis: %s\n", rec.LegalBasis)
		fmt.Fprintf(&md, "**Legal basis:** %s\n", mdText(rec.LegalBasis))
	}
	if rec.Deadline != "" {
		fmt.Fprintf(&text, "Deadline: %s\n", rec.Deadline)
		fmt.Fprintf(&md, "\n**Deadline:** %s\n", mdText(rec.Deadline))
	}
	if len(rec.Resources) > 0 {
		text.WriteString("\nSources:\n")
		md.WriteString("\n**Sources:**\n\n")
		for _, r := range rec.Resources {
			fmt.Fprintf(&text, "- %s: %s\n", r.Description, r.URL)
			if isHTTP(r.URL) {
				fmt.Fprintf(&md, "- [%s](%s)\n", mdLinkText(r.Description), mdURL(r.URL))
			} else {
				fmt.Fprintf(&md, "- %s: %s\n", mdText(r.Description), mdCode(r.URL))
			}
		}
	}
	t, m := strings.TrimSpace(text.String()), strings.TrimSpace(md.String())
	if t == "" {
		t, m = rec.ID, ""
	}
	return sarifMessage{Text: t, Markdown: m}
}

// ruleArea is the policy area of a recommendation's package, its first segment
// below gapcheck.rules: "prum" for data.gapcheck.rules.prum.dna.
func ruleArea(pkg string) string {
	rest, ok := strings.CutPrefix(pkg, "data.gapcheck.rules.")
	if !ok {
		return ""
	}
	area, _, _ := strings.Cut(rest, ".")
	return area
}

// pascalCase turns a recommendation id into a SARIF rule name: prum-dna -> PrumDna.
func pascalCase(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// severityLevel is the SARIF level of a failing finding of a severity.
func severityLevel(s checker.Severity) string {
	switch s {
	case checker.SeverityCritical, checker.SeverityHigh:
		return "error"
	case checker.SeverityLow:
		return "note"
	}
	return "warning"
}

// sarifResultLevel is the level of a finding's result; ok is false for findings
// that are not results (met, not applicable, not yet due; unknown ones are counted
// in the run's properties instead).
func sarifResultLevel(f checker.Finding) (level string, ok bool) {
	switch f.Status {
	case checker.StatusGap, checker.StatusPartial, checker.StatusWaived:
		return severityLevel(f.Severity), true
	case checker.StatusUnknown:
		return "note", true
	case checker.StatusError:
		return "error", true
	}
	return "", false
}

func sarifResultOf(r *checker.Report, f checker.Finding, level string, ruleIndex int) sarifResult {
	p := r.Profile
	msg := f.Message
	if msg == "" {
		msg = f.Title
	}
	file := f.Location.File
	if file == "" {
		file = p.Path
	}
	phys := physicalLocation(file, f.Location.Line, f.Location.Column)
	res := sarifResult{
		RuleID:              f.ID,
		RuleIndex:           ruleIndex,
		Level:               level,
		Message:             sarifMessage{Text: fmt.Sprintf("%s: %s", stateName(p), msg)},
		Locations:           []sarifLocation{{PhysicalLocation: phys}},
		PartialFingerprints: map[string]string{fingerprintKey: fingerprint(p, f.ID)},
		Properties: sarifResultProps{Status: f.Status, Severity: f.Severity, Country: p.Country,
			At: reportAt(r), EvidenceDate: f.EvidenceDate},
	}
	if f.Status == checker.StatusWaived {
		s := sarifSuppression{Kind: "external", Status: "accepted", Justification: "waived"}
		if f.Waiver != nil {
			s.Justification, s.Properties = f.Waiver.Justification, f.Waiver
		}
		res.Suppressions = []sarifSuppression{s}
	}
	return res
}

// stateName names the state a profile is about, for messages.
func stateName(p checker.ProfileInfo) string {
	switch {
	case p.Name != "" && p.Country != "":
		return fmt.Sprintf("%s (%s)", p.Name, p.Key())
	case p.Name != "":
		return p.Name
	case p.Country != "":
		return p.Key()
	}
	return p.Path
}

// fingerprint identifies a finding across runs: the state (its country code, or
// the profile's path when it has none) and the recommendation.
func fingerprint(p checker.ProfileInfo, id string) string {
	state := p.Key()
	if state == "" {
		state = p.Path
	}
	sum := sha256.Sum256([]byte(state + "\x00" + id))
	return hex.EncodeToString(sum[:16])
}

// artifactURI turns a profile path into a SARIF artifact location: a relative
// URI reference against %SRCROOT%, or a file: URI for an absolute path.
func artifactURI(path string) (uri, base string) {
	slashed := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(slashed, "/") {
			slashed = "/" + slashed // C:/x -> /C:/x
		}
		return (&url.URL{Scheme: "file", Path: slashed}).String(), ""
	}
	return (&url.URL{Path: slashed}).String(), srcRoot
}

// sortedReports returns the reports sorted by profile path.
func sortedReports(rs []*checker.Report) []*checker.Report {
	out := append([]*checker.Report(nil), rs...)
	slices.SortStableFunc(out, func(a, b *checker.Report) int { return cmp.Compare(a.Profile.Path, b.Profile.Path) })
	return out
}

// sortedFindings returns the findings sorted by recommendation id.
func sortedFindings(fs []checker.Finding) []checker.Finding {
	out := append([]checker.Finding(nil), fs...)
	slices.SortStableFunc(out, func(a, b checker.Finding) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// isHTTP reports whether a reference is an http or https URL: the only links
// gapcheck writes (a javascript: or data: reference is shown as text).
func isHTTP(ref string) bool {
	u, err := url.Parse(ref)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
