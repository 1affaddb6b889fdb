package storetest

import (
	"context"
	"errors"
	"iter"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// collect returns the events of a stream and the error that ends it, if one does. The stream
// must yield nothing after its error.
func collect(t *testing.T, events iter.Seq2[report.Event, error]) ([]report.Event, error) {
	t.Helper()
	es := []report.Event{}
	var failed error
	for e, err := range events {
		switch {
		case failed != nil:
			t.Fatalf("the stream went on after its error %v", failed)
		case err != nil:
			failed = err
		default:
			es = append(es, e)
		}
	}
	return es, failed
}

// wantInOrder fails unless each event's key sorts after the one before it.
func wantInOrder(t *testing.T, es []report.Event) {
	t.Helper()
	for i := 1; i < len(es); i++ {
		if es[i-1].Key().Compare(es[i].Key()) >= 0 {
			t.Fatalf("event %d, %s (id %d), does not sort after %s (id %d)", i, label(es[i]), es[i].MentionID, label(es[i-1]), es[i-1].MentionID)
		}
	}
}

// allOf returns every event f selects, as QueryEvents lists them.
func allOf(t *testing.T, s Store, f report.EventFilter) []report.Event {
	t.Helper()
	f.Limit, f.Offset = report.MaxEventLimit, 0
	page, err := s.QueryEvents(t.Context(), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != page.Total {
		t.Fatalf("QueryEvents gives %d of %d events", len(page.Events), page.Total)
	}
	return page.Events
}

func testStreamOrder(t *testing.T, s Store) {
	rs := seed(t, s)
	tests := []struct {
		name string
		f    report.EventFilter
	}{
		{"all", report.EventFilter{}},
		{"limit and offset do not apply", report.EventFilter{Limit: 2, Offset: 3}},
		{"bbox", report.EventFilter{BBox: france}},
		{"bbox of the world", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}}},
		{"range", report.EventFilter{From: day(2022, 3, 1), To: day(2022, 3, 15)}},
		{"from only", report.EventFilter{From: day(2022, 3, 16)}},
		{"to only", report.EventFilter{To: day(2021, 3, 1)}},
		{"bbox and range", report.EventFilter{BBox: europe, From: day(2022, 3, 10), To: day(2022, 3, 15)}},
		{"word", report.EventFilter{Q: "flooded"}},
		{"place", report.EventFilter{PlaceID: paris.ID}},
		{"country", report.EventFilter{Country: "fr"}},
		{"source", report.EventFilter{Source: "wire"}},
		{"lang", report.EventFilter{Lang: "fr"}},
		{"report", report.EventFilter{ReportID: rs[1].ID}},
		{"nothing", report.EventFilter{Q: "nowhere"}},
		{"all filters", report.EventFilter{BBox: europe, From: day(2022, 3, 2), Q: "rain", Country: "FR", Source: "wire", Lang: "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := collect(t, s.Events(t.Context(), tt.f, report.EventKey{}))
			if err != nil {
				t.Fatal(err)
			}
			if want := allOf(t, s, tt.f); !reflect.DeepEqual(got, want) {
				t.Errorf("Events = %q, want QueryEvents' %q", labels(got), labels(want))
			}
			wantInOrder(t, got)
		})
	}
	got, err := collect(t, s.Events(t.Context(), report.EventFilter{}, report.EventKey{}))
	if err != nil || !slices.Equal(labels(got), allEvents) {
		t.Errorf("Events = %q, %v; want %q", labels(got), err, allEvents)
	}
}

func testStreamResumes(t *testing.T, s Store) {
	seed(t, s)
	filters := []report.EventFilter{{}, {BBox: france}, {From: day(2022, 3, 1)}, {Q: "rain"}, {Source: "wire"}}
	for _, f := range filters {
		all := allOf(t, s, f)
		for i, e := range all {
			cursor := e.Key().String()
			after, err := report.ParseEventKey(cursor)
			if err != nil || after.Compare(e.Key()) != 0 {
				t.Fatalf("ParseEventKey(%q) = %+v, %v; want %+v", cursor, after, err, e.Key())
			}
			got, err := collect(t, s.Events(t.Context(), f, after))
			if want := all[i+1:]; err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%+v after %s: Events = %q, %v; want %q", f, label(e), labels(got), err, labels(want))
			}
		}
	}

	// Keys that are no event's.
	for _, tt := range []struct {
		name  string
		after report.EventKey
		want  []string
	}{
		{"before every date", report.EventKey{Start: day(1000, 1, 1), MentionID: math.MaxInt64}, allEvents},
		{"after a day's events", report.EventKey{Start: day(2022, 3, 1), MentionID: math.MaxInt64}, allEvents[5:]},
		{"before a day's events", report.EventKey{Start: day(2022, 3, 1), MentionID: 1}, allEvents[3:]},
		{"after every date", report.EventKey{Start: day(4000, 1, 1), MentionID: 1}, allEvents[7:]},
		{"after every event", report.EventKey{Undated: true, MentionID: math.MaxInt64}, []string{}},
	} {
		got, err := collect(t, s.Events(t.Context(), report.EventFilter{}, tt.after))
		if err != nil || !slices.Equal(labels(got), tt.want) {
			t.Errorf("%s: Events = %q, %v; want %q", tt.name, labels(got), err, tt.want)
		}
	}

	for _, cursor := range []string{"not a cursor", "MTIzNDU", "dS4w", "MDEyLjU", "ei4x", "MTIuMS4x", "OTk5OTk5OTkuMQ"} {
		_, err := report.ParseEventKey(cursor)
		wantKind(t, "ParseEventKey("+cursor+")", err, report.Invalid)
	}
}

// testStreamWhileWriting stores reports while a stream is read. Every event stored before is
// yielded once and in order, those stored after the stream's place (undated, after every event)
// too, and no event twice; those dated before the stream's place are not.
func testStreamWhileWriting(t *testing.T, s Store) {
	seed(t, s)
	before := allOf(t, s, report.EventFilter{})
	var got []report.Event
	var added []int64 // the undated events stored while streaming
	for e, err := range s.Events(t.Context(), report.EventFilter{}, report.EventKey{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
		if len(got) > 3 {
			continue
		}
		text := "Lima and Tokyo, " + label(e) + "."
		r := create(t, s, &report.Report{Title: "While streaming", Text: text, Mentions: []report.Mention{
			at(text, "Lima", 0, lima, report.DayDate(2020, 1, len(got))), // before the stream's place
			at(text, "Tokyo", 0, tokyo, report.Date{}),
		}}, "")
		added = append(added, r.Mentions[1].ID)
	}
	wantInOrder(t, got)
	var kept, extra []int64
	for _, e := range got {
		if slices.ContainsFunc(before, func(b report.Event) bool { return b.MentionID == e.MentionID }) {
			kept = append(kept, e.MentionID)
		} else {
			extra = append(extra, e.MentionID)
		}
	}
	if want := ids(before); !slices.Equal(kept, want) {
		t.Errorf("the stream yields the events stored before it %v, want %v", kept, want)
	}
	if !slices.Equal(extra, added) {
		t.Errorf("the stream yields the events stored while it runs %v, want the undated ones %v", extra, added)
	}
}

func testStreamCancelled(t *testing.T, s Store) {
	seed(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	n := 0
	got, err := collect(t, func(yield func(report.Event, error) bool) {
		for e, err := range s.Events(ctx, report.EventFilter{}, report.EventKey{}) {
			if n++; n == 2 {
				cancel()
			}
			if !yield(e, err) {
				return
			}
		}
	})
	if !errors.Is(err, context.Canceled) || len(got) != 2 {
		t.Errorf("cancelled after 2 events: the stream yields %d events and %v, want 2 and context.Canceled", len(got), err)
	}
	got, err = collect(t, s.Events(ctx, report.EventFilter{}, report.EventKey{}))
	if !errors.Is(err, context.Canceled) || len(got) != 0 {
		t.Errorf("cancelled before: the stream yields %d events and %v, want none and context.Canceled", len(got), err)
	}
}

func ids(es []report.Event) []int64 {
	ids := []int64{}
	for _, e := range es {
		ids = append(ids, e.MentionID)
	}
	return ids
}
