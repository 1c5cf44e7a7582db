package render

import "io"

// trimWriter passes text through without the spaces at the end of its lines:
// tables pad their last column, and a terminal as narrow as the table would show
// the padding as blank lines.
type trimWriter struct {
	w      io.Writer
	spaces int // spaces held back: they are written only if text follows on the line
}

// trimTrailing returns a writer that writes to w what it is given, less the
// spaces that end a line.
func trimTrailing(w io.Writer) *trimWriter { return &trimWriter{w: w} }

func (t *trimWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p)+t.spaces)
	for _, b := range p {
		switch b {
		case ' ':
			t.spaces++
			continue
		case '\n':
			t.spaces = 0
		default:
			for ; t.spaces > 0; t.spaces-- {
				out = append(out, ' ')
			}
		}
		out = append(out, b)
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
