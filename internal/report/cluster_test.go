package report_test

import (
	"reflect"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

func TestClusterGrid(t *testing.T) {
	for _, zoom := range []int{-1, report.MaxClusterZoom + 1} {
		if _, err := report.NewClusterGrid(zoom); report.ErrorKind(err) != report.Invalid {
			t.Errorf("NewClusterGrid(%d) = %v, want an Invalid error", zoom, err)
		}
	}
	// At map zoom 0 the cells are the tiles of zoom 2, 90 degrees wide.
	g, err := report.NewClusterGrid(0)
	if err != nil {
		t.Fatal(err)
	}
	u := func(deg float64) int64 { return int64(deg * report.ClusterUnitsPerDegree) }
	g.Add(11, u(2.5), u(48.5), 1)   // Paris, with Lyon in the north-east cell of Europe
	g.Add(12, u(4.5), u(45.5), 1)   // Lyon
	g.Add(0, u(4.5), u(45.5), 2)    // two more at Lyon, ids not known
	g.Add(13, u(-77), u(-12), 1)    // Lima, alone in its cell, south of the others
	g.Add(14, u(139.5), u(35.5), 1) // Tokyo, in the north
	g.Add(15, u(139.5), u(35.5), 1) // and again
	cs, one := g.Clusters()
	want := []report.Cluster{
		{Point: orb.Point{(2.5 + 3*4.5) / 4, (48.5 + 3*45.5) / 4}, Bound: orb.Bound{Min: orb.Point{2.5, 45.5}, Max: orb.Point{4.5, 48.5}}, Count: 4},
		{Point: orb.Point{139.5, 35.5}, Bound: orb.Bound{Min: orb.Point{139.5, 35.5}, Max: orb.Point{139.5, 35.5}}, Count: 2},
		{Point: orb.Point{-77, -12}, Bound: orb.Bound{Min: orb.Point{-77, -12}, Max: orb.Point{-77, -12}}, Count: 1},
	}
	if !reflect.DeepEqual(cs, want) {
		t.Fatalf("Clusters = %+v\nwant %+v", cs, want)
	}
	wantOne := []report.OnePoint{{Cluster: 1, Lon: u(139.5), Lat: u(35.5), Member: 14}, {Cluster: 2, Lon: u(-77), Lat: u(-12), Member: 13}}
	if !reflect.DeepEqual(one, wantOne) {
		t.Fatalf("one-point clusters = %+v, want %+v", one, wantOne)
	}

	tokyo := report.Place{ID: 1850147, Name: "Tokyo", Lat: 35.6895, Lon: 139.69171, FeatureCode: "PPLC"}
	lima := report.Place{ID: 3936456, Name: "Lima", Lat: -12.04318, Lon: -77.02824, FeatureCode: "PPLC"}
	t.Run("describe", func(t *testing.T) {
		cs := append([]report.Cluster(nil), cs...)
		events := []report.Event{{MentionID: 14, Place: tokyo}, {MentionID: 13, Place: lima}}
		report.DescribeClusters(cs, one, events)
		p := orb.Point{tokyo.Lon, tokyo.Lat}
		if c := cs[1]; c.PlaceID != tokyo.ID || c.Name != "Tokyo" || c.Kind != report.KindPlace || c.Point != p || c.Bound != p.Bound() || c.Event != nil {
			t.Errorf("Tokyo's cluster = %+v, want its place and no event", c)
		}
		if c := cs[2]; c.PlaceID != lima.ID || c.Event == nil || c.Event.MentionID != 13 {
			t.Errorf("Lima's cluster = %+v, want its place and its event", c)
		}
		if c := cs[0]; c.PlaceID != 0 || c.Event != nil {
			t.Errorf("the cluster of two places = %+v, want no place", c)
		}
	})
	t.Run("a member deleted", func(t *testing.T) {
		cs := append([]report.Cluster(nil), cs...)
		report.DescribeClusters(cs, one, []report.Event{{MentionID: 13, Place: lima}})
		if cs[1].PlaceID != 0 || cs[2].PlaceID != lima.ID {
			t.Errorf("clusters = %+v, want Tokyo's without a place, Lima's with one", cs)
		}
	})
}
