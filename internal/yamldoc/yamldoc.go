// Package yamldoc reads the YAML files gapcheck's users write (profiles, waivers,
// the config file) into yaml.Node trees with positions, refusing what the YAML
// parser would accept but gapcheck must not: bytes that are not UTF-8, characters
// YAML does not allow, more than one document, and (after decoding) control
// characters in values. Every problem has a line and, where the parser gives one,
// a column.
package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// An Error is a problem at a position of a YAML file; Line and Column are 0 when
// unknown.
type Error struct {
	Line, Column int
	Err          error
}

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the problem itself.
func (e *Error) Unwrap() error { return e.Err }

// A Kind names what a file must hold, for the messages about it.
type Kind struct {
	Empty    string // the message for a file with no document
	Multiple string // the message for a file with more than one
}

// Parse checks that src is YAML text (a UTF-8 byte order mark is allowed) holding
// exactly one document, and returns that document's root node.
func Parse(src []byte, kind Kind) (*yaml.Node, *Error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if line, col, err := checkText(src); err != nil {
		return nil, &Error{Line: line, Column: col, Err: err}
	}
	root, err := decodeSingleDocument(src, kind)
	if err != nil {
		locateTab(err, src)
		return nil, err
	}
	return root, nil
}

// decodeSingleDocument parses src and returns the root node of its only document.
func decodeSingleDocument(src []byte, kind Kind) (*yaml.Node, *Error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := decode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{Err: errors.New(kind.Empty)}
		}
		return nil, syntaxError(err)
	}
	var extra yaml.Node
	if err := decode(dec, &extra); err == nil {
		return nil, &Error{Line: extra.Line, Column: extra.Column, Err: errors.New(kind.Multiple)}
	} else if !errors.Is(err, io.EOF) {
		return nil, syntaxError(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || isEmptyNode(doc.Content[0]) {
		return nil, &Error{Err: errors.New(kind.Empty)}
	}
	return doc.Content[0], nil
}

// decode decodes the next document of dec into n. The YAML parser panics on some
// malformed input it did not expect ("internal error: ... (please report)"); that
// is an error about the file, not a crash.
func decode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML parser failed on this file (%v)", r)
		}
	}()
	return dec.Decode(n)
}

// isEmptyNode reports whether n is the empty value of a document with nothing in
// it but "---" (or "..."), not a null written out.
func isEmptyNode(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && n.Value == "" && n.Style == 0 && n.Anchor == ""
}

// syntaxError turns a YAML syntax error ("yaml: line 3: ...") into an Error with
// the line.
func syntaxError(err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ": "); ok {
			if line, convErr := strconv.Atoi(n); convErr == nil {
				return &Error{Line: line, Err: fmt.Errorf("invalid YAML: %s", tail)}
			}
		}
	}
	return &Error{Err: fmt.Errorf("invalid YAML: %s", msg)}
}

// locateTab points a YAML error caused by a tab in indentation at the tab. The
// parser names the line where the enclosing construct began (a block scalar, for
// one), not the line of the tab, and gives no column.
func locateTab(e *Error, src []byte) {
	msg := e.Err.Error()
	last := e.Line // the last line that may hold the tab
	switch {
	case strings.Contains(msg, "tab character"):
		last = math.MaxInt
	case strings.Contains(msg, "cannot start any token"):
	default:
		return
	}
	line, col, indent := 1, 1, true
	for i, r := range string(src) {
		switch {
		case line > last:
			return
		case r == '\t' && indent && line >= e.Line:
			e.Line, e.Column, e.Err = line, col, errors.New("invalid YAML: tab in indentation; indent with spaces")
			return
		case EndsLine(src, i, r):
			line, col, indent = line+1, 1, true
			continue
		case r != ' ' && r != '\t' && r != '\r':
			indent = false
		}
		col++
	}
}

// checkText returns the position of the first bytes that are not UTF-8, or of the
// first character YAML does not allow (a control character other than tab and the
// line breaks, U+FFFE, U+FFFF), counting lines as YAML does, so that the YAML
// parser's own message, which has no position, is never needed.
func checkText(src []byte) (line, col int, err error) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, col, errors.New("invalid UTF-8; want a UTF-8 text file")
		case !yamlAllowed(r):
			return line, col, fmt.Errorf("character %U is not allowed; want printable text", r)
		}
		if EndsLine(src, i, r) {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return 0, 0, nil
}

// EndsLine reports whether r, at src[i], ends a line as YAML counts lines: \n, a \r
// not followed by \n, U+0085, U+2028 and U+2029.
func EndsLine(src []byte, i int, r rune) bool {
	switch r {
	case '\n', 0x85, 0x2028, 0x2029:
		return true
	case '\r':
		return i+1 == len(src) || src[i+1] != '\n'
	}
	return false
}

// yamlAllowed reports whether YAML 1.2 allows r in a document (its c-printable set).
func yamlAllowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// Unsafe returns the first character of a decoded value (or key) that gapcheck
// refuses, and whether there is one: a control character (C0 but tab and, where
// multiline is true, line feed; DEL; C1, which includes the terminal's CSI), a line
// or paragraph separator, or a bidirectional override or isolate, which make text
// read differently from what it is. Such characters arrive through YAML's escapes
// ("\e", "\x1b", "\u009b") in a file that is itself printable; printed, they would
// drive a terminal or a CI log.
func Unsafe(s string, multiline bool) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t', r == '\n' && multiline:
		case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F, r == 0x2028, r == 0x2029,
			r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return r, true
		}
	}
	return 0, false
}

// UnsafeError is the message for a refused character.
func UnsafeError(r rune) error {
	return fmt.Errorf("character %U is not allowed (a control, separator or direction character, written through an escape); want printable text", r)
}

// KindOf names the kind of a node as messages name it: "a list", "a single value",
// "an alias", else "a mapping".
func KindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	case yaml.AliasNode:
		return "an alias"
	}
	return "a mapping"
}
