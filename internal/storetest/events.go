package storetest

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

func testQueryEvents(t *testing.T, s Store) {
	rs := seed(t, s)
	tests := []struct {
		name string
		f    report.EventFilter
		want []string
	}{
		{"all, by date, undated last", report.EventFilter{}, allEvents},
		{"bbox", report.EventFilter{BBox: france}, []string{"Lyon 2022-03", "Paris 2022-03-01", "Paris 2022-03-16", "Lyon undated"}},
		// West east of east crosses the antimeridian: Tokyo (139.7 E) and Lima (77.0 W), not Nairobi.
		{"bbox across the antimeridian", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{100, -60}, Max: orb.Point{-60, 60}}},
			[]string{"Lima 2021-02-28", "Tokyo 2022-02-28"}},
		{"bbox past 180 wraps", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{130, -60}, Max: orb.Point{200, 60}}}, []string{"Tokyo 2022-02-28"}},
		{"bbox wider than the world", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{-400, -90}, Max: orb.Point{400, 90}}}, allEvents},
		{"bbox as tall as the world", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{0, -90}, Max: orb.Point{180, 90}}},
			[]string{"Nairobi 2021", "Tokyo 2022-02-28", "Lyon 2022-03", "Paris 2022-03-01", "Kyiv 2022-03-14", "Paris 2022-03-16", "Lyon undated"}},
		{"bbox and a range inside a month", report.EventFilter{BBox: europe, From: day(2022, 3, 10), To: day(2022, 3, 15)},
			[]string{"Lyon 2022-03", "Kyiv 2022-03-14"}},
		{"range after a month", report.EventFilter{From: day(2022, 4, 1), To: day(2022, 5, 1)}, []string{}},
		{"range on a year's last day", report.EventFilter{From: day(2021, 12, 31), To: day(2022, 1, 1)}, []string{"Nairobi 2021"}},
		{"range inside a day", report.EventFilter{From: day(2022, 3, 14).Add(6 * time.Hour), To: day(2022, 3, 14).Add(7 * time.Hour)},
			[]string{"Lyon 2022-03", "Kyiv 2022-03-14"}},
		{"from only", report.EventFilter{From: day(2022, 3, 16)}, []string{"Lyon 2022-03", "Paris 2022-03-16"}},
		{"to only", report.EventFilter{To: day(2021, 3, 1)}, []string{"Nairobi 2021", "Lima 2021-02-28"}},
		{"word", report.EventFilter{Q: "flooded"}, []string{"Lyon 2022-03", "Kyiv 2022-03-14", "Paris 2022-03-16"}},
		{"word in title", report.EventFilter{Q: "kenya"}, []string{"Nairobi 2021", "Lima 2021-02-28"}},
		{"words all present", report.EventFilter{Q: "rain farmers"}, []string{"Nairobi 2021", "Lima 2021-02-28"}},
		{"prefix", report.EventFilter{Q: "flood*"}, []string{"Lyon 2022-03", "Kyiv 2022-03-14", "Paris 2022-03-16"}},
		{"phrase", report.EventFilter{Q: `"heavy rain"`}, []string{"Lyon 2022-03", "Kyiv 2022-03-14", "Paris 2022-03-16"}},
		{"phrase in other order", report.EventFilter{Q: `"rain heavy"`}, []string{}},
		{"word without its accent", report.EventFilter{Q: "seisme"}, []string{"Tokyo 2022-02-28", "Paris 2022-03-01"}},
		{"FTS5 syntax is read as words", report.EventFilter{Q: "NEAR(kyiv OR"}, []string{}},
		{"place", report.EventFilter{PlaceID: paris.ID}, []string{"Paris 2022-03-01", "Paris 2022-03-16"}},
		{"country, any case", report.EventFilter{Country: "fr"}, []string{"Lyon 2022-03", "Paris 2022-03-01", "Paris 2022-03-16", "Lyon undated"}},
		{"source", report.EventFilter{Source: "wire"}, []string{"Tokyo 2022-02-28", "Lyon 2022-03", "Paris 2022-03-01", "Kyiv 2022-03-14", "Paris 2022-03-16"}},
		{"lang", report.EventFilter{Lang: "fr"}, []string{"Tokyo 2022-02-28", "Paris 2022-03-01"}},
		{"report", report.EventFilter{ReportID: rs[1].ID}, []string{"Nairobi 2021", "Lima 2021-02-28"}},
		{"unknown report", report.EventFilter{ReportID: "nope"}, []string{}},
		{"all filters", report.EventFilter{BBox: europe, From: day(2022, 3, 2), Q: "rain", Country: "FR", Source: "wire", Lang: "en"},
			[]string{"Lyon 2022-03", "Paris 2022-03-16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.QueryEvents(t.Context(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := labels(page.Events); !slices.Equal(got, tt.want) || page.Total != len(tt.want) {
				t.Errorf("QueryEvents = %q total %d, want %q total %d", got, page.Total, tt.want, len(tt.want))
			}
		})
	}
	t.Run("page", func(t *testing.T) {
		for _, offset := range []int{2, 7, 8, 20} {
			page, err := s.QueryEvents(t.Context(), report.EventFilter{Limit: 3, Offset: offset})
			want := allEvents[min(offset, 8):min(offset+3, 8)]
			if got := labels(page.Events); err != nil || !slices.Equal(got, want) || page.Total != 8 {
				t.Errorf("offset %d: QueryEvents = %q total %d, %v; want %q total 8", offset, got, page.Total, err, want)
			}
		}
		// Of a range: Lyon's month began before it, Paris's first day ended before it.
		page, err := s.QueryEvents(t.Context(), report.EventFilter{From: day(2022, 3, 10), Limit: 2, Offset: 1})
		want := []string{"Kyiv 2022-03-14", "Paris 2022-03-16"}
		if got := labels(page.Events); err != nil || !slices.Equal(got, want) || page.Total != 3 {
			t.Errorf("range, offset 1: QueryEvents = %q total %d, %v; want %q total 3", got, page.Total, err, want)
		}
	})
}

func testEventFields(t *testing.T, s Store) {
	rs := seed(t, s)
	for _, tt := range []struct {
		r        *report.Report
		m        int
		sentence string
	}{
		{rs[0], 0, "Heavy rain flooded Kyiv on 14 March."},
		{rs[2], 1, "Paris a envoyé des secours le 1er mars."},
	} {
		m := tt.r.Mentions[tt.m]
		page, err := s.QueryEvents(t.Context(), report.EventFilter{ReportID: tt.r.ID, PlaceID: m.Place.ID})
		if err != nil || len(page.Events) != 1 {
			t.Fatalf("QueryEvents = %+v, %v; want one event", page, err)
		}
		want := report.Event{
			MentionID: m.ID, ReportID: tt.r.ID, Title: tt.r.Title, Source: tt.r.Source, URL: tt.r.URL, Lang: tt.r.Lang,
			Published: tt.r.Published, Text: m.Text, Place: m.Place, Date: m.Date, Confidence: m.Confidence,
			Sentence: tt.sentence, Start: m.Start - m.SentenceStart, End: m.End - m.SentenceStart,
		}
		if got := page.Events[0]; !reflect.DeepEqual(got, want) || got.Sentence[got.Start:got.End] != m.Text {
			t.Errorf("event = %+v\nwant %+v", got, want)
		}
	}
}

func testInvalidFilters(t *testing.T, s Store) {
	seed(t, s)
	tests := []struct {
		name string
		f    report.EventFilter
	}{
		{"unclosed quote", report.EventFilter{Q: `"heavy rain`}},
		{"no words", report.EventFilter{Q: `*** -- ""`}},
		{"bbox with its west east of its east beyond 180", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{190, 0}, Max: orb.Point{170, 10}}}},
		{"bbox with its south above its north", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{0, 10}, Max: orb.Point{10, 0}}}},
		{"bbox taller than the world", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{0, -100}, Max: orb.Point{180, 100}}}},
		{"q of too many words", report.EventFilter{Q: strings.Repeat("word ", 2) + "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg"}},
		{"empty range", report.EventFilter{From: day(2022, 3, 1), To: day(2022, 3, 1)}},
		{"negative offset", report.EventFilter{Offset: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.QueryEvents(t.Context(), tt.f)
			wantKind(t, "QueryEvents", err, report.Invalid)
			_, err = s.Histogram(t.Context(), tt.f, report.BinDay)
			wantKind(t, "Histogram", err, report.Invalid)
			_, err = s.Clusters(t.Context(), tt.f, 3)
			wantKind(t, "Clusters", err, report.Invalid)
			_, err = collect(t, s.Events(t.Context(), tt.f, report.EventKey{}))
			wantKind(t, "Events", err, report.Invalid)
		})
	}
	_, err := s.Histogram(t.Context(), report.EventFilter{}, "fortnight")
	wantKind(t, "Histogram(fortnight)", err, report.Invalid)
	_, err = s.Clusters(t.Context(), report.EventFilter{}, 23)
	wantKind(t, "Clusters(zoom 23)", err, report.Invalid)
}
