package checker

import (
	"fmt"
	"time"
)

// A When is a date as precise as its source gives it: a day (2016-11-18), a month
// (2012-07) or a year (2014). It counts from the last day it may mean: a status
// "since 2012-07" is claimed from 2012-07-31, an observation of 2014 is evidence
// from 2014-12-31. So a status is never claimed earlier than the source allows.
type When struct {
	text string    // as written
	end  time.Time // the last day it may mean, UTC midnight
}

// ParseWhen parses YYYY-MM-DD, YYYY-MM or YYYY; a day must exist in its month.
func ParseWhen(s string) (When, error) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err != nil {
			break
		}
		switch layout {
		case "2006-01":
			t = t.AddDate(0, 1, -1)
		case "2006":
			t = t.AddDate(1, 0, -1)
		}
		return When{text: s, end: t}, nil
	}
	return When{}, fmt.Errorf("invalid date %q; want YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no day", s)
}

// String returns the date as written.
func (w When) String() string { return w.text }

// Date returns the day it counts from, as YYYY-MM-DD.
func (w When) Date() string { return w.end.Format(time.DateOnly) }

// IsZero reports whether w is no date.
func (w When) IsZero() bool { return w.text == "" }

// daysBetween returns the whole days from a to b (both YYYY-MM-DD), negative when
// b is before a.
func daysBetween(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}
