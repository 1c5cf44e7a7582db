package checker

// Span returns the span of the data of histories: from the first change point on
// which a finding of any state rests on evidence (met, partial or gap) to the
// latest end of a history, which is also the start when no finding ever does.
// Both are "" without histories.
func Span(histories []*History) (from, to string) {
	for _, h := range histories {
		to = max(to, h.To)
		for i, r := range h.Reports {
			if (from == "" || h.Dates[i] < from) && judged(r) {
				from = h.Dates[i]
				break
			}
		}
	}
	if from == "" {
		from = to
	}
	return from, to
}

// judged reports whether a report has a finding that rests on evidence.
func judged(r *Report) bool {
	c := r.Summary.Counts
	return c.Met+c.Partial+c.Gap > 0
}
