package render

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gapcheck/gapcheck/checker"
)

// Escaping, in one place. Profile, waiver and policy data is hostile: a pull
// request writes it, and gapcheck prints it to terminals, CI logs, pull-request
// comments and code-scanning alerts. Every format escapes every data-derived
// string by its own rules:
//
//   - line-oriented text (the table, the diff table, stderr): Line, and the
//     output passes through a LineGuard;
//   - GitHub workflow commands: escapeData and escapeProperty (github.go), and
//     Line for the lines that are not commands;
//   - Markdown: mdText, mdCell, mdLinkText, mdCode (below);
//   - XML (JUnit): encoding/xml, after xmlText drops what XML 1.0 cannot hold;
//   - JSON and SARIF: encoding/json, which escapes every control character.
//
// GitHub Actions reads two kinds of workflow command in a step's output: "::cmd
// ...::data" at the start of a line, after leading white space (the runner trims
// it), and the legacy "##[cmd ...]data" anywhere in a line
// (actions/runner, src/Runner.Common/ActionCommand.cs: TryParseV2 and TryParse).
// Data must never produce either, nor a line of its own.

// unsafeRune reports whether r must not reach a terminal or a log as itself: a
// control character (C0 but tab, DEL, C1, which holds the terminal's CSI), a line
// or paragraph separator, or a bidirectional override or isolate.
func unsafeRune(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F, r == 0x2028, r == 0x2029,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == utf8.RuneError:
		return true
	}
	return false
}

// legacyCommand is the marker of GitHub's legacy workflow commands, read anywhere
// in a line; legacyBroken is how gapcheck writes it in data.
const (
	legacyCommand = "##["
	legacyBroken  = `#\#[`
)

// Line makes a data string safe as part of one line of text: line breaks (and
// tabs) become spaces, other unsafe characters are written as Go escapes
// (\x1b, \u202e), bytes that are not UTF-8 as \xff, and GitHub's legacy
// command marker "##[" is broken as "#\#[".
func Line(s string) string {
	if !needsLine(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case r == '\r' && strings.HasPrefix(s[i+size:], "\n"):
			// \r\n is one break
		case r == '\n', r == '\r', r == '\t', r == 0x85, r == 0x2028, r == 0x2029:
			b.WriteByte(' ')
		case unsafeRune(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return strings.ReplaceAll(b.String(), legacyCommand, legacyBroken)
}

func needsLine(s string) bool {
	if strings.Contains(s, legacyCommand) || !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r == '\t' || unsafeRune(r) {
			return true
		}
	}
	return false
}

func hex2(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&0xF]})
}

// escapeRune writes r as a Go escape: \x1b for one byte, \u202e otherwise.
func escapeRune(r rune) string {
	if r < 0x100 {
		return `\x` + hex2(byte(r))
	}
	const digits = "0123456789abcdef"
	return `\u` + string([]byte{digits[r>>12&0xF], digits[r>>8&0xF], digits[r>>4&0xF], digits[r&0xF]})
}

// GuardLine makes one line of output safe for a CI log: a line that would start
// (after white space) with "::" gets a backslash before it, "##[" is broken, and
// unsafe characters are escaped (keep lists the exact escape sequences gapcheck
// itself writes, the table's colours, which pass). A line of gapcheck's own that
// is a workflow command must not pass through here.
func GuardLine(line string, keep ...string) string {
	line = escapeUnsafe(line, keep)
	line = strings.ReplaceAll(line, legacyCommand, legacyBroken)
	trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
	if strings.HasPrefix(trimmed, "::") {
		line = line[:len(line)-len(trimmed)] + `\` + trimmed
	}
	return line
}

// escapeUnsafe escapes unsafe characters of line but line breaks and the
// sequences of keep.
func escapeUnsafe(line string, keep []string) string {
	var b strings.Builder
	changed := false
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			kept := false
			for _, k := range keep {
				if strings.HasPrefix(line[i:], k) {
					b.WriteString(k)
					i += len(k)
					kept = true
					break
				}
			}
			if kept {
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x` + hex2(line[i]))
			changed = true
		case r == '\n' || r == '\r' && !strings.HasPrefix(line[i+size:], "\n"):
			b.WriteByte('\n')
			changed = changed || r == '\r'
		case r == '\r':
			b.WriteByte('\r')
		case unsafeRune(r):
			b.WriteString(escapeRune(r))
			changed = true
		default:
			b.WriteString(line[i : i+size])
		}
		i += size
	}
	if !changed {
		return line
	}
	return b.String()
}

// guardLines passes every line of s through GuardLine.
func guardLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = GuardLine(l)
	}
	return strings.Join(lines, "\n")
}

// A LineGuard is a writer that passes every line through GuardLine: the last
// defence of a line-oriented format, where a renderer wraps text and data can
// land at the start of a line. Close writes what is left of an unfinished line.
type LineGuard struct {
	w     io.Writer
	guard func(string) string // GuardLine, or htmlGuardLine
	buf   []byte
	err   error
}

// NewLineGuard returns a LineGuard writing to w; keep are the escape sequences
// that pass (see GuardLine).
func NewLineGuard(w io.Writer, keep ...string) *LineGuard {
	return &LineGuard{w: w, guard: func(l string) string { return GuardLine(l, keep...) }}
}

// newHTMLGuard returns a LineGuard for HTML: it breaks what a CI log would read
// as a workflow command with character references (htmlGuardLine), which a
// browser shows as the characters they stand for.
func newHTMLGuard(w io.Writer) *LineGuard { return &LineGuard{w: w, guard: htmlGuardLine} }

// htmlGuardLine is GuardLine for a line of HTML: "##[" is written "##&#91;", and
// the first colon of a line that would start (after white space) with "::" is
// written "&#58;". A page printed to a CI log (stdout in a step) then holds no
// workflow command, whatever its data.
func htmlGuardLine(line string) string {
	line = strings.ReplaceAll(line, legacyCommand, "##&#91;")
	trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
	if strings.HasPrefix(trimmed, "::") {
		line = line[:len(line)-len(trimmed)] + "&#58;" + trimmed[1:]
	}
	return line
}

func (g *LineGuard) Write(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	g.buf = append(g.buf, p...)
	for {
		i := bytes.IndexByte(g.buf, '\n')
		if i < 0 {
			break
		}
		line := g.guard(string(g.buf[:i]))
		if _, err := io.WriteString(g.w, line+"\n"); err != nil {
			g.err = err
			return 0, err
		}
		g.buf = g.buf[i+1:]
	}
	return len(p), nil
}

// Close writes the unfinished last line, if any.
func (g *LineGuard) Close() error {
	if g.err != nil || len(g.buf) == 0 {
		return g.err
	}
	_, err := io.WriteString(g.w, g.guard(string(g.buf)))
	g.buf = nil
	return err
}

// Markdown escaping: every Markdown gapcheck writes (reports, the diff's
// pull-request comment, the catalogue reference, SARIF help, the GitHub step
// summary) passes data through these. Data may not open a link or an image, a
// raw HTML tag, emphasis or code, or mention a person or a team.

// mdReplacer escapes what Markdown (GitHub's) gives meaning to inside a line;
// "@" gets a zero-width space after it, as bots do, so that no one is mentioned.
var mdReplacer = strings.NewReplacer(
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r", "",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "~", `\~`, "[", `\[`, "]", `\]`,
	"@", "@&#8203;",
)

// mdText keeps prose from being read as Markdown or HTML. Line breaks stay;
// other unsafe characters are escaped as Line escapes them, "##[" broken; each
// line loses its indentation (which would make a code block), and a line that
// would start a heading, a list or a table is escaped at its start.
func mdText(s string) string {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")), "\n")
	for i, l := range lines {
		l = mdReplacer.Replace(Line(strings.TrimLeft(l, " ")))
		if strings.HasPrefix(l, "::") { // a workflow command, were the Markdown printed to a log
			l = `\` + l
		}
		switch {
		case l == "":
		case strings.ContainsRune("#-+=|", rune(l[0])):
			l = `\` + l
		case l[0] >= '0' && l[0] <= '9':
			if j := strings.IndexFunc(l, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (l[j] == '.' || l[j] == ')') {
				l = l[:j] + `\` + l[j:]
			}
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// mdCell keeps text from breaking a Markdown table cell: mdText on one line, with
// "|" escaped.
func mdCell(s string) string {
	return strings.ReplaceAll(mdReplacer.Replace(Line(strings.TrimSpace(s))), "|", `\|`)
}

// mdLinkText is text for inside [...]: mdCell (which escapes the brackets).
func mdLinkText(s string) string { return mdCell(s) }

// mdCode writes s as inline code, in a table cell too: fenced with one backtick
// more than the longest run of backticks in it, "|" escaped, on one line.
func mdCode(s string) string {
	s = strings.ReplaceAll(Line(s), "|", `\|`)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// xmlText drops what XML 1.0 cannot hold (C0 controls but tab, line feed and
// carriage return; U+FFFE, U+FFFF; bytes that are not UTF-8), writing Line's
// escape in its place; encoding/xml escapes the rest.
func xmlText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x` + hex2(s[i]))
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || r >= 0x7F && r <= 0x9F:
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return strings.ReplaceAll(b.String(), legacyCommand, legacyBroken)
}

// colorCodes are the escape sequences the table writes with Options.Color: the
// only ones a LineGuard lets through.
func colorCodes() []string {
	codes := []string{"\x1b[0m"}
	for _, c := range statusColor {
		codes = append(codes, c)
	}
	return codes
}

// guardedTable is the table renderer of reports behind the defences of a
// line-oriented format: every data string of the run through Line (no line break
// or control character from data), the output through a LineGuard.
type guardedTable struct {
	r     Renderer
	color bool
}

func (g guardedTable) Render(w io.Writer, run *Run) error {
	return guarded(w, g.color, func(w io.Writer) error { return g.r.Render(w, lineRun(run)) })
}

// guarded runs render on w behind a LineGuard that lets through only the colour
// codes, and only with color.
func guarded(w io.Writer, color bool, render func(io.Writer) error) error {
	var keep []string
	if color {
		keep = colorCodes()
	}
	return guardedBy(NewLineGuard(w, keep...), render)
}

// guardedBy runs render on guard, then closes it.
func guardedBy(guard *LineGuard, render func(io.Writer) error) error {
	if err := render(guard); err != nil {
		return err
	}
	return guard.Close()
}

// lineGuarded is a report renderer whose output passes through a LineGuard: the
// formats that carry multi-line text (a note, a justification) in cells or
// elements, csv-matrix and html (csv guards its stream itself), so that printed to
// a CI log they make no workflow command.
type lineGuarded struct {
	r     Renderer
	guard func(io.Writer) *LineGuard
}

func (g lineGuarded) Render(w io.Writer, run *Run) error {
	return guardedBy(g.guard(w), func(w io.Writer) error { return g.r.Render(w, run) })
}

// plainGuard is NewLineGuard without escape sequences to keep.
func plainGuard(w io.Writer) *LineGuard { return NewLineGuard(w) }

// lineRun returns a copy of run whose data strings, those the table prints, are
// passed through Line.
func lineRun(run *Run) *Run {
	out := *run
	out.Reports = make([]*checker.Report, len(run.Reports))
	for i, r := range run.Reports {
		c := *r
		c.Profile.Path, c.Profile.Name, c.Profile.Country, c.Profile.AsOf = Line(r.Profile.Path), Line(r.Profile.Name), Line(r.Profile.Country), Line(r.Profile.AsOf)
		c.Profile.Unit = Line(r.Profile.Unit)
		c.Findings = make([]checker.Finding, len(r.Findings))
		for j, f := range r.Findings {
			f.ID, f.Title, f.Message, f.Location.File = Line(f.ID), Line(f.Title), Line(f.Message), Line(f.Location.File)
			c.Findings[j] = f
		}
		out.Reports[i] = &c
	}
	return &out
}

type guardedCatalogue struct{ r CatalogueRenderer }

func (g guardedCatalogue) RenderCatalogue(w io.Writer, recs []checker.Recommendation, set *checker.PolicySet) error {
	return guarded(w, false, func(w io.Writer) error { return g.r.RenderCatalogue(w, recs, set) })
}

type guardedTimeline struct {
	r     TimelineRenderer
	color bool
}

func (g guardedTimeline) RenderTimeline(w io.Writer, run *TimelineRun) error {
	return guarded(w, g.color, func(w io.Writer) error { return g.r.RenderTimeline(w, run) })
}

// mdURL keeps a URL from ending a Markdown link or its table cell early: spaces,
// parentheses, angle brackets, pipes, backticks and backslashes are
// percent-encoded.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "|", "%7C", "`", "%60", `\`, "%5C").Replace(strings.TrimSpace(u))
}
