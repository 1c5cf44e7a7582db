package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// maxStepSummary is the most GitHub takes in a step summary: it refuses a larger
// one whole ("$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size
// of 1024k"), and the job's summary is lost.
const maxStepSummary = 1 << 20

// summaryNote ends a step summary cut to fit: how much was left out, and where the
// whole report is.
const summaryNote = "\n---\n\n**gapcheck**: the summary stops here: GitHub takes at most 1 MiB in a step summary, " +
	"and %d bytes of the report (the sections of the states after the last above) are left out. " +
	"The whole report: `gapcheck --format markdown`, or the SARIF and JUnit reports.\n"

// appendStepSummary appends the step summary that r holds (size bytes) to the file
// name: whole when it fits GitHub's limit, else cut at the last section heading
// that lets it fit with a note that says so.
func appendStepSummary(name string, r io.Reader, size int64) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	return errors.Join(writeStepSummary(f, r, size), f.Close())
}

// writeStepSummary writes to w the step summary r holds (size bytes), cut as
// appendStepSummary says.
func writeStepSummary(w io.Writer, r io.Reader, size int64) error {
	bw := bufio.NewWriter(w)
	if size <= maxStepSummary {
		if _, err := io.Copy(bw, r); err != nil {
			return err
		}
		return bw.Flush()
	}
	room := maxStepSummary - int64(len(summaryNote)+20) // the note, with its number
	head := make([]byte, room)
	if _, err := io.ReadFull(r, head); err != nil {
		return err
	}
	cut := bytes.LastIndex(head, []byte("\n## "))
	if cut < 0 {
		cut = bytes.LastIndexByte(head, '\n')
	}
	cut++ // keep the newline
	bw.Write(head[:cut])
	fmt.Fprintf(bw, summaryNote, size-int64(cut))
	return bw.Flush()
}
