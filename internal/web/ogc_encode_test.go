package web

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb/geojson"
)

// TestAppendOGCItems checks the page of items written without reflection against what
// json.Marshal writes for the FeatureCollection of ogcFeatures with the same members: the same
// JSON value, for events with and without dates, ranges, divisions, corrections, and text
// that JSON and HTML escape.
func TestAppendOGCItems(t *testing.T) {
	admin := "09"
	rng, _ := report.DateRange(report.DayDate(2017, 10, 30), report.DayDate(2017, 11, 2))
	es := []report.Event{
		{MentionID: 7, ReportID: "r-1", Title: "L'armée <b>reprend</b> \"Deir\" & co", Source: "AFP", URL: "https://x.test/a?b=1&c=2", Lang: "fr",
			Published: report.DayDate(2017, 11, 3), Text: "Abou Kamal", Date: report.DayDate(2017, 11, 3), Confidence: 0.8125,
			Place:    report.Place{ID: 170794, Name: "Abū Kamāl", Lat: 34.45, Lon: 40.92, FeatureCode: "PPL", CountryCode: "SY", Admin1: admin, Population: 46518},
			Sentence: "Les forces ont atteint Abou Kamal.\u2028\t\x01", Start: 23, End: 33},
		{MentionID: 8, ReportID: "r-2", Text: "Syrie", Date: report.MonthDate(2017, 11), Confidence: 1, Corrected: true,
			Place: report.Place{ID: 163843, Name: "Syria", Lat: 35, Lon: 38, FeatureCode: "PCLI", CountryCode: "SY"}, Sentence: "Syrie", End: 5},
		{MentionID: 9, ReportID: "r-3", Text: "Raqqa", Date: rng, Published: report.YearDate(2017),
			Place: report.Place{ID: 163915, Name: "Ar Raqqah", Lat: 35.95, Lon: 39.01, FeatureCode: "PPLA", CountryCode: "SY", Admin1: "04"}},
		{MentionID: 10, ReportID: "r-4", Text: "Undated", Place: report.Place{ID: 1, Name: "Nowhere", Lat: -0.5, Lon: -179.99999, FeatureCode: "PPL"}},
	}
	links := []ogc.Link{{Href: "https://x.test/ogc/collections/events/items?bbox=1,2,3,4&limit=2", Rel: "self", Type: ogc.MediaGeoJSON, Title: "This page"}}
	for _, n := range []int{0, 1, len(es)} {
		got, err := appendOGCItems(nil, es[:n], 42, links)
		if err != nil {
			t.Fatal(err)
		}
		fc := &geojson.FeatureCollectionOf[ogcProperties]{Type: "FeatureCollection", Features: []*geojson.FeatureOf[ogcProperties]{}}
		for i := range es[:n] {
			fc.Features = append(fc.Features, ogcFeature(&es[i]))
		}
		fc.ExtraMembers = geojson.Properties{"numberMatched": 42, "numberReturned": n, "links": links}
		want, err := json.Marshal(fc)
		if err != nil {
			t.Fatal(err)
		}
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("%d events: %v in %s", n, err, got)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%d events:\n got %s\nwant %s", n, got, want)
		}
		if got[len(got)-1] != '\n' {
			t.Errorf("%d events: no final newline", n)
		}
	}
}
