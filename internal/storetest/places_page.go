package storetest

import (
	"slices"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// testPlacesPages: the places of the events a filter selects, by id, paged both ways, each with
// the count and date span of those events; CountPlaces agrees with the pages.
func testPlacesPages(t *testing.T, s Store) {
	ctx := t.Context()
	rs := seed(t, s)
	// By id: Nairobi 184745, Kyiv 703448, Tokyo 1850147, Paris 2988507, Lyon 2996944, Lima 3936456.
	europe := orb.Bound{Min: orb.Point{-10, 35}, Max: orb.Point{40, 60}}
	tests := []struct {
		name string
		f    report.EventFilter
		want []report.PlaceSummary
	}{
		{"all", report.EventFilter{}, []report.PlaceSummary{
			{Place: nairobi, Count: 1, From: day(2021, 1, 1), To: day(2022, 1, 1)},
			{Place: kyiv, Count: 1, From: day(2022, 3, 14), To: day(2022, 3, 15)},
			{Place: tokyo, Count: 1, From: day(2022, 2, 28), To: day(2022, 3, 1)},
			{Place: paris, Count: 2, From: day(2022, 3, 1), To: day(2022, 3, 17)},
			{Place: lyon, Count: 2, From: day(2022, 3, 1), To: day(2022, 4, 1)}, // one undated
			{Place: lima, Count: 1, From: day(2021, 2, 28), To: day(2021, 3, 1)},
		}},
		{"Europe in March 2022: the counts are of the events selected", report.EventFilter{BBox: &europe, From: day(2022, 3, 1), To: day(2022, 3, 15)}, []report.PlaceSummary{
			{Place: kyiv, Count: 1, From: day(2022, 3, 14), To: day(2022, 3, 15)},
			{Place: paris, Count: 1, From: day(2022, 3, 1), To: day(2022, 3, 2)},
			{Place: lyon, Count: 1, From: day(2022, 3, 1), To: day(2022, 4, 1)},
		}},
		{"French reports", report.EventFilter{Lang: "fr"}, []report.PlaceSummary{
			{Place: tokyo, Count: 1, From: day(2022, 2, 28), To: day(2022, 3, 1)},
			{Place: paris, Count: 1, From: day(2022, 3, 1), To: day(2022, 3, 2)},
		}},
		{"undated Lyon only", report.EventFilter{Q: "lovely"}, []report.PlaceSummary{{Place: lyon, Count: 1}}},
		{"none", report.EventFilter{Country: "BR"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := s.CountPlaces(ctx, tt.f)
			if err != nil || n != len(tt.want) {
				t.Errorf("CountPlaces = %d, %v; want %d", n, err, len(tt.want))
			}
			for _, size := range []int{1, 2, 100} {
				var got []report.PlaceSummary
				for after := int64(0); ; {
					page, err := s.PlacesAfter(ctx, tt.f, after, size)
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, page...)
					if len(page) < size {
						break
					}
					after = page[len(page)-1].Place.ID
				}
				if !equalSummaries(got, tt.want) {
					t.Errorf("PlacesAfter by %d: %+v\nwant %+v", size, got, tt.want)
				}
				var back []report.PlaceSummary
				for before := int64(1) << 62; ; {
					page, err := s.PlacesBefore(ctx, tt.f, before, size)
					if err != nil {
						t.Fatal(err)
					}
					back = append(slices.Clone(page), back...)
					if len(page) < size {
						break
					}
					before = page[0].Place.ID
				}
				if !equalSummaries(back, tt.want) {
					t.Errorf("PlacesBefore by %d: %+v\nwant %+v", size, back, tt.want)
				}
			}
		})
	}
	// The count of all places follows corrections and deletes.
	count := func(when string, want int) {
		t.Helper()
		if n, err := s.CountPlaces(ctx, report.EventFilter{}); err != nil || n != want {
			t.Errorf("%s: CountPlaces = %d, %v; want %d", when, n, err, want)
		}
	}
	if err := s.CorrectMention(ctx, rs[1].ID, rs[1].Mentions[0].ID, nil); err != nil { // Nairobi, not a place
		t.Fatal(err)
	}
	count("Nairobi not a place", 5)
	if err := s.CorrectMention(ctx, rs[1].ID, rs[1].Mentions[1].ID, &tokyo); err != nil { // Lima is Tokyo
		t.Fatal(err)
	}
	count("Lima corrected to Tokyo", 4)
	if err := s.DeleteReport(ctx, rs[0].ID); err != nil { // Kyiv, Paris, Lyon
		t.Fatal(err)
	}
	count("the first report deleted", 3) // Tokyo, Paris (French report), Lyon (notes)
	if ps, err := s.PlacesAfter(ctx, report.EventFilter{}, 0, 10); err != nil || len(ps) != 3 || ps[0].Place != tokyo || ps[0].Count != 2 {
		t.Errorf("the places at the end: %+v, %v", ps, err)
	}
	_, err := s.PlacesAfter(ctx, report.EventFilter{From: day(2022, 3, 1), To: day(2021, 1, 1)}, 0, 10)
	wantKind(t, "PlacesAfter of a reversed range", err, report.Invalid)
	_, err = s.PlacesAfter(ctx, report.EventFilter{}, 0, 0)
	wantKind(t, "PlacesAfter of 0", err, report.Invalid)
}

func equalSummaries(a, b []report.PlaceSummary) bool {
	return slices.EqualFunc(a, b, func(x, y report.PlaceSummary) bool {
		return x.Place == y.Place && x.Count == y.Count && x.From.Equal(y.From) && x.To.Equal(y.To)
	})
}
