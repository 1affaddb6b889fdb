package sqlite_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// TestEventsInSmallBatches checks that a stream read a few keys and events at a time, across
// many batches and windows of dates, yields what QueryEvents lists, from any key on.
func TestEventsInSmallBatches(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, seed := range []uint64{1, 2} {
		s, places := randomStore(t, seed)
		p := places[0]
		filters := []struct {
			name string
			f    report.EventFilter
		}{
			{"all", report.EventFilter{}},
			{"dates", report.EventFilter{From: day(2020, 3, 1), To: day(2020, 9, 1)}},
			{"from a day", report.EventFilter{From: day(2020, 6, 17)}},
			{"bbox", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{-100, -50}, Max: orb.Point{20, 10}}}},
			{"bbox and dates", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{p.Lon, p.Lat}, Max: orb.Point{p.Lon + 40, p.Lat + 20}}, To: day(2020, 1, 1)}},
			{"country", report.EventFilter{Country: "AA"}},
			{"word", report.EventFilter{Q: "flooded"}},
			{"place", report.EventFilter{PlaceID: p.ID}},
		}
		for _, tt := range filters {
			f, ref := tt.f, tt.f
			ref.Limit = report.MaxEventLimit
			page, err := s.QueryEvents(t.Context(), ref)
			if err != nil {
				t.Fatal(err)
			}
			want := page.Events
			for _, batch := range [][2]int{{1, 1}, {3, 2}, {7, 5}, {64, 64}} {
				t.Run(fmt.Sprintf("seed %d %s batches of %d keys %d events", seed, tt.name, batch[0], batch[1]), func(t *testing.T) {
					for _, from := range []int{-1, 0, len(want) / 3, len(want) - 1} { // resume after want[from]
						var after report.EventKey
						switch {
						case from >= len(want):
							continue
						case from >= 0:
							after = want[from].Key()
						}
						got := []report.Event{}
						for e, err := range s.EventsInBatches(t.Context(), f, after, batch[0], batch[1]) {
							if err != nil {
								t.Fatal(err)
							}
							got = append(got, e)
						}
						if rest := want[from+1:]; !reflect.DeepEqual(got, rest) {
							t.Errorf("after event %d: got %d events %v, want %d %v", from, len(got), ids(got), len(rest), ids(rest))
						}
					}
				})
			}
		}
	}
}

// TestEventsWhileWritingInSmallBatches stores a report of two events, one in the dates already
// read and one after every event, after each event stored before that a stream of small batches
// yields: each of those is yielded once and in order, every undated one stored meanwhile too.
func TestEventsWhileWritingInSmallBatches(t *testing.T) {
	s, places := randomStore(t, 3)
	for _, tt := range []struct {
		name string
		f    report.EventFilter
	}{
		{"all", report.EventFilter{}},
		{"country", report.EventFilter{Country: "AA"}},
		{"bbox", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{-180, -80}, Max: orb.Point{180, 80}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, ref := tt.f, tt.f
			ref.Limit = report.MaxEventLimit
			page, err := s.QueryEvents(t.Context(), ref)
			if err != nil {
				t.Fatal(err)
			}
			before := map[int64]bool{}
			for _, e := range page.Events {
				before[e.MentionID] = true
			}
			var got []report.Event
			var added []int64
			for e, err := range s.EventsInBatches(t.Context(), f, report.EventKey{}, 4, 3) {
				if err != nil {
					t.Fatal(err)
				}
				if len(got) > 0 && got[len(got)-1].Key().Compare(e.Key()) >= 0 {
					t.Fatalf("event %d (id %d) does not sort after the one before (id %d)", len(got), e.MentionID, got[len(got)-1].MentionID)
				}
				got = append(got, e)
				if !before[e.MentionID] {
					continue
				}
				text := fmt.Sprintf("%s and %s, while streaming %s %d.", places[1].Name, places[2].Name, tt.name, len(got))
				r, _, err := s.CreateReport(t.Context(), &report.Report{Text: text, Mentions: []report.Mention{
					{Start: 0, End: len(places[1].Name), Place: places[1], Date: e.Date},
					{Start: len(places[1].Name) + 5, End: len(places[1].Name) + 5 + len(places[2].Name), Place: places[2]},
				}}, "")
				if err != nil {
					t.Fatal(err)
				}
				added = append(added, r.Mentions[1].ID)
			}
			var old []int64
			seen := map[int64]bool{}
			for _, e := range got {
				if before[e.MentionID] {
					old = append(old, e.MentionID)
				}
				seen[e.MentionID] = true
			}
			if want := ids(page.Events); !slices.Equal(old, want) {
				t.Errorf("the stream yields %d of the %d events stored before it", len(old), len(want))
			}
			for _, id := range added {
				if !seen[id] {
					t.Errorf("the undated event %d stored while streaming is not yielded", id)
				}
			}
		})
	}
}

// TestEventsWhileWritingOnNewDays: a stream of a filter read by the index of events by date (dates
// with another condition) yields an event stored meanwhile on a day on which no event started when
// the stream began, as it sorts after the keys read so far: each batch plans its days again.
func TestEventsWhileWritingOnNewDays(t *testing.T) {
	s, places := randomStore(t, 4)
	ctx := t.Context()
	f := report.EventFilter{Where: report.And{Args: []report.Expr{
		report.Temporal{Op: report.TAfter, Left: report.Property("date"), Right: report.DateLit{Day: time.Date(2018, 12, 31, 0, 0, 0, 0, time.UTC)}},
		report.Compare{Op: report.Ge, Left: report.Property("confidence"), Right: report.NumberLit(0)},
	}}}
	var added int64
	n, found := 0, false
	for e, err := range s.EventsInBatches(ctx, f, report.EventKey{}, 4, 3) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 { // after every event stored before, on a day of its own
			p := places[1]
			r, _, err := s.CreateReport(ctx, &report.Report{Text: p.Name + " on a new day.",
				Mentions: []report.Mention{{Start: 0, End: len(p.Name), Place: p, Date: report.DayDate(2030, 1, 1)}}}, "")
			if err != nil {
				t.Fatal(err)
			}
			added = r.Mentions[0].ID
		}
		found = found || e.MentionID == added
	}
	if n < 10 || !found {
		t.Errorf("a stream of %d events does not yield the event %d stored while it ran, on a new day after them all", n, added)
	}
}
