package checker

import (
	"cmp"
	"context"
	"errors"
	"fmt"
)

// ErrUnknownRecommendation is returned by Engine.Detail for an id that is not in
// the engine's catalogue.
var ErrUnknownRecommendation = errors.New("unknown recommendation")

// A FindingDetail is one finding of one profile in full: the recommendation, the
// finding at the date of the evaluation, every dated entry of the facts it rests
// on with the sources they cite, and the finding's status changes up to that
// date.
type FindingDetail struct {
	Recommendation Recommendation
	Profile        ProfileInfo
	At             string // the date of the evaluation (YYYY-MM-DD)
	Finding        Finding
	// Facts are the facts the finding rests on, in the order of its Evidence.
	Facts []FactTimeline
	// Sources are the declared sources that any entry of Facts cites, in the
	// order they are first cited.
	Sources []Source
	// Changes are the finding's status changes from the first change point of
	// the profile's history to At; the first is its status at that point.
	Changes []StatusChange
}

// A FactTimeline is one fact of a profile with all its dated entries.
type FactTimeline struct {
	Path     string      // dotted path, e.g. "prum.dna"
	Location Location    // the fact's key, or its nearest recorded ancestor
	Recorded bool        // false when the profile does not record the fact
	Entries  []FactEntry // in date order
	// InForce is the index in Entries of the entry in force at the date of the
	// evaluation, or -1 when none is (the fact's first entry is later).
	InForce int
}

// A FactEntry is one dated entry of a fact and where it is in the profile.
type FactEntry struct {
	Entry
	Location Location
}

// Detail evaluates the profile at a date (YYYY-MM-DD; "" is its as_of) and
// returns the finding of the recommendation id in full, with its history from
// the profile's first change point to that date. An id that is not in the
// catalogue is an error wrapping ErrUnknownRecommendation.
func (e *Engine) Detail(ctx context.Context, p *Profile, id, at string) (*FindingDetail, error) {
	var rec *Recommendation
	for i := range e.recs {
		if e.recs[i].ID == id {
			rec = &e.recs[i]
		}
	}
	if rec == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownRecommendation, id)
	}
	report, err := e.EvaluateAt(ctx, p, cmp.Or(at, p.AsOf))
	if err != nil {
		return nil, err
	}
	d := &FindingDetail{Recommendation: *rec, Profile: report.Profile, At: report.At, Facts: []FactTimeline{}, Sources: []Source{}, Changes: []StatusChange{}}
	for _, f := range report.Findings {
		if f.ID == id {
			d.Finding = f
		}
	}
	seen := map[string]bool{}
	for _, ev := range d.Finding.Evidence {
		ft := FactTimeline{Path: ev.Path, Recorded: ev.Present, Entries: []FactEntry{}, InForce: -1}
		ft.Location, _ = p.Locate(ev.Path)
		for i, en := range p.Timeline(ev.Path) {
			loc, _ := p.Locate(en.path)
			ft.Entries = append(ft.Entries, FactEntry{Entry: en, Location: loc})
			if en.Date <= d.At {
				ft.InForce = i
			}
			for _, sid := range en.Sources {
				if src, ok := p.source(sid); ok && !seen[sid] {
					seen[sid] = true
					d.Sources = append(d.Sources, src)
				}
			}
		}
		d.Facts = append(d.Facts, ft)
	}
	hs, err := e.History(ctx, []*Profile{p}, "", d.At)
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		if len(h.Reports) == 0 {
			continue
		}
		for _, f := range h.Reports[0].Findings {
			if f.ID == id {
				d.Changes = append(d.Changes, StatusChange{Date: h.Dates[0], ID: id, Severity: f.Severity, To: f.Status,
					Message: f.Message, Location: f.Location, Sources: f.FactSources()})
			}
		}
		for _, c := range h.Changes() {
			if c.ID == id {
				d.Changes = append(d.Changes, c)
			}
		}
	}
	return d, nil
}
