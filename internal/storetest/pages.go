package storetest

import (
	"math"
	"reflect"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// pageFilters are the filters the tests of pages walk: by the index of dates (none, dates) and by
// the query (a box, words, both with dates, a box across the antimeridian).
var pageFilters = []struct {
	name string
	f    report.EventFilter
}{
	{"all", report.EventFilter{}},
	{"range", report.EventFilter{From: day(2022, 3, 1), To: day(2022, 3, 15)}},
	{"from only", report.EventFilter{From: day(2022, 3, 1)}},
	{"bbox", report.EventFilter{BBox: france}},
	{"bbox across the antimeridian", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{100, -60}, Max: orb.Point{-60, 60}}}},
	{"bbox and range", report.EventFilter{BBox: europe, From: day(2022, 3, 10), To: day(2022, 3, 17)}},
	{"word", report.EventFilter{Q: "rain"}},
	{"source", report.EventFilter{Source: "wire"}},
	{"nothing", report.EventFilter{Q: "nowhere"}},
}

// testEventsAfter: pages of every size, walked forward from the zero key with each page's last
// key, hold the events of Events in order, each once.
func testEventsAfter(t *testing.T, s Store) {
	seed(t, s)
	for _, tt := range pageFilters {
		t.Run(tt.name, func(t *testing.T) {
			all := allOf(t, s, tt.f)
			for n := 1; n <= len(all)+1; n++ {
				var got []report.Event
				var after report.EventKey
				for pages := 0; ; pages++ {
					if pages > len(all)+1 {
						t.Fatalf("pages of %d do not end", n)
					}
					page, err := s.EventsAfter(t.Context(), tt.f, after, n)
					if err != nil {
						t.Fatal(err)
					}
					if len(page) > n {
						t.Fatalf("a page of %d holds %d events", n, len(page))
					}
					if len(page) == 0 {
						break
					}
					got = append(got, page...)
					after = page[len(page)-1].Key()
				}
				if !reflect.DeepEqual(nonNil(got), all) {
					t.Errorf("pages of %d after each other: %q, want %q", n, labels(got), labels(all))
				}
			}
		})
	}
	page, err := s.EventsAfter(t.Context(), report.EventFilter{}, report.EventKey{}, 0)
	if err != nil || len(page) != 0 {
		t.Errorf("a page of 0: %q, %v", labels(page), err)
	}
}

// testEventsBefore: walked backward from past the last event with each page's first key, the
// pages hold the events in order, each once; the page before an event's key is the events
// before it.
func testEventsBefore(t *testing.T, s Store) {
	seed(t, s)
	end := report.EventKey{Undated: true, MentionID: math.MaxInt64}
	for _, tt := range pageFilters {
		t.Run(tt.name, func(t *testing.T) {
			all := allOf(t, s, tt.f)
			for n := 1; n <= len(all)+1; n++ {
				var got []report.Event
				before := end
				for pages := 0; ; pages++ {
					if pages > len(all)+1 {
						t.Fatalf("pages of %d do not end", n)
					}
					page, err := s.EventsBefore(t.Context(), tt.f, before, n)
					if err != nil {
						t.Fatal(err)
					}
					if len(page) > n {
						t.Fatalf("a page of %d holds %d events", n, len(page))
					}
					if len(page) == 0 {
						break
					}
					wantInOrder(t, page)
					got = append(append([]report.Event{}, page...), got...)
					before = page[0].Key()
				}
				if !reflect.DeepEqual(nonNil(got), all) {
					t.Errorf("pages of %d before each other: %q, want %q", n, labels(got), labels(all))
				}
			}
			for i, e := range all {
				page, err := s.EventsBefore(t.Context(), tt.f, e.Key(), 2)
				if want := all[max(0, i-2):i]; err != nil || !reflect.DeepEqual(nonNil(page), nonNil(want)) {
					t.Errorf("2 before %s: %q, %v; want %q", label(e), labels(page), err, labels(want))
				}
			}
		})
	}
	for _, tt := range []struct {
		name   string
		before report.EventKey
		want   []string
	}{
		{"the zero key", report.EventKey{}, []string{}},
		{"before every date", report.EventKey{Start: day(1000, 1, 1), MentionID: math.MaxInt64}, []string{}},
		{"after a day's events", report.EventKey{Start: day(2022, 3, 1), MentionID: math.MaxInt64}, allEvents[3:5]},
		{"before a day's events", report.EventKey{Start: day(2022, 3, 1), MentionID: 1}, allEvents[1:3]},
		{"after every date", report.EventKey{Start: day(4000, 1, 1), MentionID: 1}, allEvents[5:7]},
	} {
		page, err := s.EventsBefore(t.Context(), report.EventFilter{}, tt.before, 2)
		if err != nil || !reflect.DeepEqual(labels(page), tt.want) {
			t.Errorf("%s: EventsBefore = %q, %v; want %q", tt.name, labels(page), err, tt.want)
		}
	}
	_, err := s.EventsBefore(t.Context(), report.EventFilter{BBox: &orb.Bound{Min: orb.Point{0, 10}, Max: orb.Point{1, 5}}}, end, 2)
	wantKind(t, "EventsBefore with a bbox upside down", err, report.Invalid)
}

// testGetEvent: an event is found by its mention's id, as QueryEvents lists it; a mention that
// is not a place, and an id that is no mention's, are not found.
func testGetEvent(t *testing.T, s Store) {
	rs := seed(t, s)
	for _, want := range allOf(t, s, report.EventFilter{}) {
		got, err := s.GetEvent(t.Context(), want.MentionID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("GetEvent(%d) = %+v, %v; want %+v", want.MentionID, got, err, want)
		}
	}
	_, err := s.GetEvent(t.Context(), rs[2].Mentions[2].ID) // Will, not a place
	wantKind(t, "GetEvent of a mention that is not a place", err, report.NotFound)
	_, err = s.GetEvent(t.Context(), math.MaxInt64)
	wantKind(t, "GetEvent of no mention", err, report.NotFound)
}

// nonNil is es, or an empty slice for nil, so that DeepEqual compares events alone.
func nonNil(es []report.Event) []report.Event {
	if es == nil {
		return []report.Event{}
	}
	return es
}
