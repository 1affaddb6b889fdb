package sqlite_test

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
	"github.com/paulmach/orb"
)

// TestDateSelections checks filters of dates alone (From, To, and a Where that reads the date
// only), which the store answers from its counts of events by date range and its index of events
// by date, and filters of dates with other conditions, ORs of them, against report.Match over
// every event: QueryEvents' total and pages at offsets, the
// stream in batches of a few keys, EventsAfter and EventsBefore walked page by page, and the
// histogram. The random stores hold days, months, years and undated events, deleted reports and
// corrected mentions.
func TestDateSelections(t *testing.T) {
	date := report.Property("date")
	d := func(y int, m time.Month, dd int) report.DateLit {
		return report.DateLit{Day: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)}
	}
	month := func(y int, m time.Month) report.Expr {
		return report.Temporal{Op: report.TIntersects, Left: date, Right: report.IntervalLit{Start: d(y, m, 1), End: d(y, m+1, 0)}}
	}
	or := func(es ...report.Expr) report.Expr { return report.Or{Args: es} }
	place := func(id float64) report.Expr {
		return report.Compare{Op: report.Eq, Left: report.Property("geonameid"), Right: report.NumberLit(id)}
	}
	day := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	filters := []struct {
		name string
		f    report.EventFilter
	}{
		{"two months", report.EventFilter{Where: or(month(2019, 3), month(2021, 7))}},
		{"three months, one inside a year", report.EventFilter{Where: or(month(2020, 2), month(2019, 11), month(2020, 12))}},
		{"before", report.EventFilter{Where: report.Temporal{Op: report.TBefore, Left: date, Right: d(2019, 6, 1)}}},
		{"not during a year", report.EventFilter{Where: report.Not{Arg: report.Temporal{Op: report.TDuring, Left: date,
			Right: report.IntervalLit{Start: d(2020, 1, 1), End: d(2020, 12, 31)}}}}},
		{"contains a week", report.EventFilter{Where: report.Temporal{Op: report.TContains, Left: date,
			Right: report.IntervalLit{Start: d(2020, 5, 4), End: d(2020, 5, 10)}}}},
		{"undated or after", report.EventFilter{Where: or(report.IsNull{Arg: date}, report.Temporal{Op: report.TAfter, Left: date, Right: d(2021, 6, 30)})}},
		{"undated", report.EventFilter{Where: report.IsNull{Arg: date}}},
		{"none", report.EventFilter{Where: report.BoolLit(false)}},
		{"range and a month", report.EventFilter{From: day(2019, 1, 1), To: day(2020, 1, 1), Where: or(month(2019, 8), month(2020, 8))}},
		{"range", report.EventFilter{From: day(2020, 3, 1), To: day(2020, 4, 1)}},
		// Dates with other conditions, ORs of them: read by an index on mentions, by the index of
		// events by date, by the union of the arms of an OR (see planEvents).
		{"a month or a place", report.EventFilter{Where: or(month(2020, 2), place(3))}},
		{"two months at three places", report.EventFilter{Where: report.And{Args: []report.Expr{or(month(2019, 3), month(2021, 7)),
			report.In{Arg: report.Property("geonameid"), List: []report.Operand{report.NumberLit(1), report.NumberLit(2), report.NumberLit(5)}}}}}},
		{"a place or sure, in a year", report.EventFilter{From: day(2020, 1, 1), To: day(2021, 1, 1), Where: or(place(2),
			report.Compare{Op: report.Gt, Left: report.Property("confidence"), Right: report.NumberLit(0.8)})}},
		{"a name or undated or a box", report.EventFilter{Where: or(report.Like{Arg: report.Property("name"), Pattern: report.StringLit("Place1%")},
			report.IsNull{Arg: date}, report.Spatial{Op: report.SIntersects, Left: report.Property("geometry"), Right: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{-60, -40}, Max: orb.Point{60, 40}}}})}},
		{"a month and not a box", report.EventFilter{Where: report.And{Args: []report.Expr{month(2020, 5),
			report.Not{Arg: report.Spatial{Op: report.SIntersects, Left: report.Property("geometry"), Right: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{-60, -40}, Max: orb.Point{60, 40}}}}}}}}},
		{"a place in a range", report.EventFilter{PlaceID: 4, From: day(2019, 6, 1), To: day(2021, 1, 1)}},
	}
	for _, seed := range []uint64{1, 2, 3} {
		s, _ := randomStore(t, seed)
		ctx := t.Context()
		all, err := s.QueryEvents(ctx, report.EventFilter{Limit: report.MaxEventLimit})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range filters {
			t.Run(fmt.Sprintf("seed %d %s", seed, tt.name), func(t *testing.T) {
				f := tt.f
				want := []report.Event{}
				bins := report.BinCounts{Size: report.BinWeek, From: f.From, To: f.To}
				for _, e := range all.Events {
					if e.Date.IsZero() && (!f.From.IsZero() || !f.To.IsZero()) ||
						!e.Date.IsZero() && (!f.From.IsZero() && !e.Date.End().After(f.From) || !f.To.IsZero() && !e.Date.Start().Before(f.To)) {
						continue
					}
					if f.PlaceID != 0 && e.Place.ID != f.PlaceID {
						continue
					}
					if f.Where == nil || report.Match(f.Where, &e) {
						want = append(want, e)
						if !e.Date.IsZero() {
							bins.Add(e.Date.Start(), e.Date.End(), 1)
						}
					}
				}
				if len(want) == 0 && tt.name != "none" {
					t.Fatalf("the filter selects no event of %d: a test of nothing", len(all.Events))
				}
				for _, off := range []int{0, 1, len(want) / 2, len(want) - 1, len(want)} {
					q := f
					q.Offset, q.Limit = max(off, 0), 7
					page, err := s.QueryEvents(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					w := want[min(q.Offset, len(want)):min(q.Offset+7, len(want))]
					if page.Total != len(want) || !reflect.DeepEqual(ids(page.Events), ids(w)) {
						t.Errorf("QueryEvents from %d: total %d %v, want %d %v", q.Offset, page.Total, ids(page.Events), len(want), ids(w))
					}
				}
				for _, batch := range []int{1, 3, 64} {
					got := []report.Event{}
					for e, err := range s.EventsInBatches(ctx, f, report.EventKey{}, batch, batch) {
						if err != nil {
							t.Fatal(err)
						}
						got = append(got, e)
					}
					if !reflect.DeepEqual(ids(got), ids(want)) {
						t.Errorf("stream in batches of %d: %v, want %v", batch, ids(got), ids(want))
					}
				}
				var after []report.Event
				var key report.EventKey
				for range len(want) + 1 {
					page, err := s.EventsAfter(ctx, f, key, 5)
					if err != nil {
						t.Fatal(err)
					}
					if len(page) == 0 {
						break
					}
					after, key = append(after, page...), page[len(page)-1].Key()
				}
				if !reflect.DeepEqual(ids(after), ids(want)) {
					t.Errorf("EventsAfter by 5: %v, want %v", ids(after), ids(want))
				}
				var before []report.Event
				key = report.EventKey{Undated: true, MentionID: math.MaxInt64}
				for range len(want) + 1 {
					page, err := s.EventsBefore(ctx, f, key, 5)
					if err != nil {
						t.Fatal(err)
					}
					if len(page) == 0 {
						break
					}
					before, key = append(slices.Clone(page), before...), page[0].Key()
				}
				if !reflect.DeepEqual(ids(before), ids(want)) {
					t.Errorf("EventsBefore by 5: %v, want %v", ids(before), ids(want))
				}
				got, err := s.Histogram(ctx, f, report.BinWeek)
				if err != nil || !reflect.DeepEqual(got, bins.Bins()) {
					t.Errorf("Histogram = %v, %v; want %v", got, err, bins.Bins())
				}
				checkPlacesOf(t, s, f, want)
			})
		}
	}
}

// checkPlacesOf checks the places of the events f selects, want, as CountPlaces, PlacesAfter
// and PlacesBefore list them a few at a time: each place once, by id, with its count of those
// events and the span of their dates.
func checkPlacesOf(t *testing.T, s *sqlite.Store, f report.EventFilter, want []report.Event) {
	t.Helper()
	ctx := t.Context()
	byID := map[int64]*report.PlaceSummary{}
	var ids []int64
	for _, e := range want {
		ps := byID[e.Place.ID]
		if ps == nil {
			ps = &report.PlaceSummary{Place: e.Place}
			byID[e.Place.ID], ids = ps, append(ids, e.Place.ID)
		}
		ps.Count++
		if !e.Date.IsZero() {
			if ps.From.IsZero() || e.Date.Start().Before(ps.From) {
				ps.From = e.Date.Start()
			}
			if e.Date.End().After(ps.To) {
				ps.To = e.Date.End()
			}
		}
	}
	slices.Sort(ids)
	var wantPlaces []report.PlaceSummary
	for _, id := range ids {
		wantPlaces = append(wantPlaces, *byID[id])
	}
	if n, err := s.CountPlaces(ctx, f); err != nil || n != len(ids) {
		t.Errorf("CountPlaces = %d, %v; want %d", n, err, len(ids))
	}
	var after []report.PlaceSummary
	key := int64(0)
	for range len(ids) + 1 {
		page, err := s.PlacesAfter(ctx, f, key, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		after, key = append(after, page...), page[len(page)-1].Place.ID
	}
	if !reflect.DeepEqual(after, wantPlaces) {
		t.Errorf("PlacesAfter by 3:\n got %+v\nwant %+v", after, wantPlaces)
	}
	if len(wantPlaces) > 0 {
		last := wantPlaces[len(wantPlaces)-1].Place.ID
		before, err := s.PlacesBefore(ctx, f, last, 2)
		if w := wantPlaces[max(0, len(wantPlaces)-3) : len(wantPlaces)-1]; err != nil || !reflect.DeepEqual(before, w) && len(w) > 0 {
			t.Errorf("PlacesBefore %d = %+v, %v; want %+v", last, before, err, w)
		}
	}
}
