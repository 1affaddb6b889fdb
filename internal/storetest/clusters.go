package storetest

import (
	"reflect"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

func testClusters(t *testing.T, s Store) {
	seed(t, s)
	tests := []struct {
		name string
		f    report.EventFilter
		zoom int
		want map[string]int // name (or "" for mixed places) -> count
	}{
		// At zoom 0 cells are the tiles of zoom 2, 90° wide: Europe's five events fall in one.
		{"world", report.EventFilter{}, 0, map[string]int{"": 5, "Tokyo": 1, "Nairobi": 1, "Lima": 1}},
		{"places", report.EventFilter{}, 8, map[string]int{"Paris": 2, "Lyon": 2, "Kyiv": 1, "Tokyo": 1, "Nairobi": 1, "Lima": 1}},
		{"bbox and range", report.EventFilter{BBox: france, From: day(2022, 3, 2)}, 8, map[string]int{"Paris": 1, "Lyon": 1}},
		{"word", report.EventFilter{Q: "séisme"}, 1, map[string]int{"Tokyo": 1, "Paris": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := s.Clusters(t.Context(), tt.f, tt.zoom)
			if err != nil {
				t.Fatal(err)
			}
			page, err := s.QueryEvents(t.Context(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			got, sum := map[string]int{}, 0
			for _, c := range cs {
				got[c.Name] += c.Count
				sum += c.Count
				if !c.Bound.Contains(c.Point) {
					t.Errorf("cluster %+v: point outside its bound", c)
				}
				if (c.Count == 1) != (c.Event != nil) || c.Event != nil && (c.Event.Place.ID != c.PlaceID || c.Event.Place.Point() != c.Point) {
					t.Errorf("cluster %+v: want its event exactly when it has one, at its place", c)
				}
			}
			if !reflect.DeepEqual(got, tt.want) || sum != page.Total {
				t.Errorf("clusters %v sum %d, want %v and QueryEvents' total %d", got, sum, tt.want, page.Total)
			}
		})
	}
	t.Run("one place", func(t *testing.T) {
		cs, err := s.Clusters(t.Context(), report.EventFilter{PlaceID: paris.ID}, 3)
		want := []report.Cluster{{Point: paris.Point(), Bound: paris.Point().Bound(), Count: 2, PlaceID: paris.ID, Name: "Paris",
			Kind: report.KindPlace}}
		if err != nil || !reflect.DeepEqual(cs, want) {
			t.Errorf("Clusters = %+v, %v; want %+v", cs, err, want)
		}
	})
}
