package sqlite_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
	"github.com/paulmach/orb"
)

// randomStore stores random reports, then deletes some and corrects others, so that the running
// counts have seen inserts, deletes and updates. Each place is at a point of its own, in the
// country AA.
func randomStore(t *testing.T, seed uint64) (*sqlite.Store, []report.Place) {
	t.Helper()
	ctx := t.Context()
	s := open(t, filepath.Join(t.TempDir(), "dateline.db"))
	rng := rand.New(rand.NewPCG(seed, 7))
	places := make([]report.Place, 25)
	for i := range places {
		places[i] = report.Place{ID: int64(i + 1), Name: fmt.Sprintf("Place%d", i+1), Lat: -80 + 160*rng.Float64(), Lon: -180 + 360*rng.Float64(),
			FeatureCode: "PPL", CountryCode: "AA"}
	}
	// A few places near one another, to share cells at every zoom.
	for i := range 3 {
		p := &places[i+3]
		p.Lat, p.Lon = places[0].Lat+0.001*float64(i+1), places[0].Lon
	}
	first := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	randomDate := func() report.Date {
		d := report.FromTime(first.AddDate(0, 0, rng.IntN(3*365)))
		switch rng.IntN(10) {
		case 0:
			return report.Date{}
		case 1:
			return report.YearDate(d.Year)
		case 2, 3:
			return report.MonthDate(d.Year, d.Month)
		}
		return d
	}
	var stored []*report.Report
	for i := range 80 {
		var text strings.Builder
		fmt.Fprintf(&text, "Report %d. ", i)
		var ms []report.Mention
		for range 1 + rng.IntN(5) {
			p := places[rng.IntN(len(places))]
			start := text.Len()
			text.WriteString(p.Name + " flooded. ")
			ms = append(ms, report.Mention{Start: start, End: start + len(p.Name), Place: p, SentenceStart: start, SentenceEnd: text.Len() - 1,
				Date: randomDate(), Confidence: rng.Float64(), NotAPlace: rng.IntN(12) == 0})
		}
		r, _, err := s.CreateReport(ctx, &report.Report{Title: fmt.Sprintf("Report %d", i), Text: text.String(), Mentions: ms}, "")
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, r)
	}
	for i, r := range stored {
		switch {
		case i%9 == 0:
			if err := s.DeleteReport(ctx, r.ID); err != nil {
				t.Fatal(err)
			}
		case i%5 == 0:
			m := r.Mentions[0]
			var p *report.Place // not a place
			if i%2 == 0 {
				p = &places[rng.IntN(len(places))]
			}
			if err := s.CorrectMention(ctx, r.ID, m.ID, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s, places
}

// TestRunningCountsMatchEvents checks that the list, the timeline and the clusters of a filter of
// a box and dates, answered from running counts, event_points and the index by date, are those
// the R*Tree and the other indexes give for the same events: the same filter and the country that
// every place is in.
func TestRunningCountsMatchEvents(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	ranges := []struct {
		name     string
		from, to time.Time
	}{
		{"no dates", time.Time{}, time.Time{}},
		{"a month", day(2020, 3, 1), day(2020, 4, 1)},
		{"from a day", day(2020, 6, 17), time.Time{}},
		{"to a day", time.Time{}, day(2019, 9, 2)},
		{"every date", day(2000, 1, 1), day(2030, 1, 1)},
		{"no event's date", day(2030, 1, 1), day(2031, 1, 1)},
	}
	for _, seed := range []uint64{1, 2, 3} {
		s, places := randomStore(t, seed)
		p := places[0]
		boxes := []*orb.Bound{
			nil,
			{Min: orb.Point{-180, -85}, Max: orb.Point{180, 85}},
			{Min: orb.Point{-100, -50}, Max: orb.Point{20, 10}},
			{Min: orb.Point{p.Lon, p.Lat}, Max: orb.Point{p.Lon + 40, p.Lat + 20}}, // a place on its edge
			{Min: orb.Point{p.Lon, p.Lat}, Max: orb.Point{p.Lon, p.Lat}},
		}
		for _, r := range ranges {
			for _, box := range boxes {
				t.Run(fmt.Sprintf("seed %d %s box %v", seed, r.name, box), func(t *testing.T) {
					f := report.EventFilter{BBox: box, From: r.from, To: r.to}
					compareFilters(t, s, f)
				})
			}
		}
	}
}

// compareFilters compares what s answers for f and for f in the country every event is in.
func compareFilters(t *testing.T, s *sqlite.Store, f report.EventFilter) {
	t.Helper()
	ctx := t.Context()
	ref := f
	ref.Country = "AA"
	ref.Limit = report.MaxEventLimit
	all, err := s.QueryEvents(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Events) != all.Total {
		t.Fatalf("the reference gives %d of %d events", len(all.Events), all.Total)
	}
	for _, page := range []struct{ limit, offset int }{{5000, 0}, {7, 0}, {7, 3}, {10, 40}, {3, max(0, all.Total-2)}, {5, all.Total}, {5, all.Total + 10}} {
		f, ref := f, ref
		f.Limit, f.Offset, ref.Limit, ref.Offset = page.limit, page.offset, page.limit, page.offset
		got, err := s.QueryEvents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.QueryEvents(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || !reflect.DeepEqual(ids(got.Events), ids(want.Events)) {
			t.Errorf("limit %d offset %d: got %d of %d events %v, want %d of %d %v", page.limit, page.offset,
				len(got.Events), got.Total, ids(got.Events), len(want.Events), want.Total, ids(want.Events))
		} else if !reflect.DeepEqual(got.Events, want.Events) {
			t.Errorf("limit %d offset %d: the events differ", page.limit, page.offset)
		}
	}
	for zoom := range 8 {
		got, err := s.Clusters(ctx, f, zoom)
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.Clusters(ctx, ref, zoom)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("zoom %d: clusters\n got %+v\nwant %+v", zoom, got, want)
		}
		n := 0
		for _, c := range got {
			n += c.Count
		}
		if n != all.Total {
			t.Errorf("zoom %d: the clusters count %d events, want %d", zoom, n, all.Total)
		}
	}
	got, err := s.Histogram(ctx, f, report.BinWeek)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Histogram(ctx, ref, report.BinWeek)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("histogram\n got %v\nwant %v", got, want)
	}
}

func ids(es []report.Event) []int64 {
	var ids []int64
	for _, e := range es {
		ids = append(ids, e.MentionID)
	}
	return ids
}
