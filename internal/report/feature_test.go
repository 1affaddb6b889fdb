package report_test

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// wantFeature checks that AppendFeature writes what json.Marshal writes for the orb feature.
func wantFeature(t *testing.T, id int64, lon, lat float64, p report.FeatureProperties) {
	t.Helper()
	f := geojson.FeatureOf[report.FeatureProperties]{Type: "Feature", Geometry: orb.Point{lon, lat}, Properties: p}
	if id != 0 {
		f.ID = id
	}
	want, wantErr := json.Marshal(f)
	got, err := report.AppendFeature([]byte("x"), id, lon, lat, &p)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, json.Marshal's %v", err, wantErr)
	}
	if err == nil && !bytes.Equal(got, append([]byte("x"), want...)) {
		t.Errorf("AppendFeature wrote\n%s\njson.Marshal\n%s", got[1:], want)
	}
}

func TestAppendFeature(t *testing.T) {
	admin1 := "04"
	empty := ""
	full := report.FeatureProperties{
		Admin1: &admin1, Alternatives: []report.Alternative{{CountryCode: "SY", FeatureCode: "ADM1", GeonameID: 12761935449,
			Lat: 35.83917, Lon: 38.74288, Name: "Raqqa", Population: 270527, Score: 3.986}, {Name: "x", Score: -1e-7}},
		Confidence: 0.788, Corrected: true, CountryCode: "SY", Date: "2017-11-16", DatePrecision: "day", End: 175,
		FeatureCode: "PPLA", GeonameID: 172955, Kind: report.KindPlace, Lang: "fr", Name: "Ar Raqqah",
		Population: 177636, Published: "2017-11", ReportID: "r1", Sentence: "« à Raqqa » <b>&\u2028\u2029\x01\t\n\"\\",
		Source: "BBC", Start: 170, Text: "Raqqa", Title: "T\xff\xfeitle", URL: "https://example.org/?a=1&b=<2>",
	}
	for _, tt := range []struct {
		name     string
		id       int64
		lon, lat float64
		p        report.FeatureProperties
	}{
		{"every member", 7, 39.00788, 35.95283, full},
		{"a mention without alternatives or date", 0, -77.04692, 38.80484, report.FeatureProperties{Admin1: &empty,
			Alternatives: []report.Alternative{}, Confidence: 1, CountryCode: "US", Kind: report.KindCountry, Name: "United States"}},
		{"an event without admin1", 3, 0, 0, report.FeatureProperties{ReportID: "r", Sentence: "s", Published: "2017"}},
		{"tiny and huge numbers", 0, 1e-7, 1e21, report.FeatureProperties{Confidence: 5e-324, Population: math.MaxInt64}},
		{"a NaN fails", 0, math.NaN(), 0, report.FeatureProperties{}},
		{"an infinite confidence fails", 0, 0, 0, report.FeatureProperties{Confidence: math.Inf(1)}},
		{"an infinite score fails", 0, 0, 0, report.FeatureProperties{Alternatives: []report.Alternative{{Score: math.Inf(-1)}}}},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFeature(t, tt.id, tt.lon, tt.lat, tt.p) })
	}
}

func FuzzAppendFeature(f *testing.F) {
	f.Add("Raqqa", "04", int64(172955), 39.00788, 35.95283, 0.788, true)
	f.Add("<\u2028>&\"\\\x00\xff", "", int64(0), 1e-7, -1e21, 0.0, false)
	f.Fuzz(func(t *testing.T, s, admin1 string, id int64, lon, lat, x float64, event bool) {
		p := report.FeatureProperties{Admin1: &admin1, Alternatives: []report.Alternative{{Name: s, Lat: x, Lon: lon, Score: x}},
			Confidence: x, CountryCode: s, Date: s, Kind: report.PlaceKind(s), Name: s, Population: id, Start: int(id), Text: s}
		if event {
			p = report.FeatureProperties{Confidence: x, ReportID: s, Sentence: s, Title: s, URL: admin1, GeonameID: id}
		}
		wantFeature(t, id, lon, lat, p)
	})
}

func TestEventPropertiesOfARange(t *testing.T) {
	days, err := report.ParseDate("2017-10-03/2017-10-05")
	if err != nil {
		t.Fatal(err)
	}
	p := report.EventProperties(&report.Event{Date: days, Published: report.DayDate(2017, 10, 6)})
	if p.Date != "2017-10-03/2017-10-05" || p.DatePrecision != "day" || p.Published != "2017-10-06" {
		t.Errorf("date %q precision %q published %q, want the interval, day, 2017-10-06", p.Date, p.DatePrecision, p.Published)
	}
	b, err := report.AppendFeature(nil, 1, 0, 0, &p)
	if err != nil {
		t.Fatal(err)
	}
	var f geojson.FeatureOf[report.FeatureProperties]
	if err := json.Unmarshal(b, &f); err != nil || f.Properties.Date != p.Date {
		t.Fatalf("%s reads back as %+v, %v", b, f.Properties, err)
	}
	if back, err := report.ParseDate(f.Properties.Date); err != nil || back != days {
		t.Errorf("the feature's date reads back as %v, %v; want %v", back, err, days)
	}
}
