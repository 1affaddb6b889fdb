package export_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"iter"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/export"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// events are three events whose texts hold what each format must escape.
func events(t *testing.T) []report.Event {
	t.Helper()
	day, err := report.ParseDate("2017-11-16")
	if err != nil {
		t.Fatal(err)
	}
	month, _ := report.ParseDate("2017-10")
	span, _ := report.ParseDate("2017-10-03/2017-10-05")
	raqqa := report.Place{ID: 163843, Name: "Ar Raqqah", Lat: 35.95, Lon: 39.01, FeatureCode: "PPLA", CountryCode: "SY", Admin1: "04", Population: 177636}
	suva := report.Place{ID: 2198148, Name: "Suva", Lat: -18.14, Lon: 178.44, FeatureCode: "PPLC", CountryCode: "FJ"}
	return []report.Event{
		{MentionID: 1, ReportID: "r1", Title: `Le convoi "quitte" Raqqa`, Text: "Raqqa", Place: raqqa, Date: day, Confidence: 0.9,
			Sentence: "Un convoi a quitté Raqqa, <dit-on> & plus;\nsur deux lignes, avec des virgules.", URL: "https://example.org/a?b=1&c=2", Published: day},
		{MentionID: 2, ReportID: "r2", Text: "Suva", Place: suva, Date: month, Confidence: 0.5, Sentence: "Storms hit Suva.", Lang: "en"},
		{MentionID: 3, ReportID: "r2", Text: "الرقة", Place: raqqa, Date: span, Sentence: "سيطرت القوات على الرقة."},
	}
}

func stream(es []report.Event, fail error) iter.Seq2[report.Event, error] {
	return func(yield func(report.Event, error) bool) {
		for _, e := range es {
			if !yield(e, nil) {
				return
			}
		}
		if fail != nil {
			yield(report.Event{}, fail)
		}
	}
}

func write(t *testing.T, f export.Format, es []report.Event) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := export.Write(&b, f, stream(es, nil))
	if err != nil || n != len(es) {
		t.Fatalf("%s: wrote %d of %d: %v", f, n, len(es), err)
	}
	return b.Bytes()
}

func TestGeoJSON(t *testing.T) {
	es := events(t)
	fc, err := geojson.UnmarshalFeatureCollection(write(t, export.GeoJSON, es))
	if err != nil {
		t.Fatal(err)
	}
	var lines []*geojson.Feature
	sc := bufio.NewScanner(bytes.NewReader(write(t, export.GeoJSONLines, es)))
	for sc.Scan() {
		f, err := geojson.UnmarshalFeature(sc.Bytes())
		if err != nil {
			t.Fatalf("line %d: %v", len(lines)+1, err)
		}
		lines = append(lines, f)
	}
	for name, fs := range map[string][]*geojson.Feature{"GeoJSON": fc.Features, "GeoJSON Lines": lines} {
		if len(fs) != len(es) {
			t.Fatalf("%s: %d features, want %d", name, len(fs), len(es))
		}
		for i, f := range fs {
			e := es[i]
			if f.ID != float64(e.MentionID) || f.Geometry.(orb.Point) != e.Place.Point() ||
				f.Properties.MustString("sentence") != e.Sentence || f.Properties.MustString("date") != e.Date.String() {
				t.Errorf("%s: feature %d is %v %v %v, want event %+v", name, i, f.ID, f.Geometry, f.Properties, e)
			}
		}
	}
	if fc, err := geojson.UnmarshalFeatureCollection(write(t, export.GeoJSON, nil)); err != nil || len(fc.Features) != 0 {
		t.Errorf("no events: %v, %v", fc, err)
	}
}

func TestCSV(t *testing.T) {
	es := events(t)
	rows, err := csv.NewReader(bytes.NewReader(write(t, export.CSV, es))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(es)+1 || !slices.Equal(rows[0], export.Columns) {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for i, e := range es {
		r := rows[i+1]
		lon, _ := strconv.ParseFloat(r[col["lon"]], 64)
		lat, _ := strconv.ParseFloat(r[col["lat"]], 64)
		if r[col["id"]] != strconv.FormatInt(e.MentionID, 10) || lon != e.Place.Lon || lat != e.Place.Lat ||
			r[col["WKT"]] != "POINT ("+r[col["lon"]]+" "+r[col["lat"]]+")" || r[col["sentence"]] != e.Sentence ||
			r[col["title"]] != e.Title || r[col["date"]] != e.Date.String() || r[col["precision"]] != e.Date.Precision.String() {
			t.Errorf("row %d: %q, want event %+v", i+1, r, e)
		}
	}
	if r := rows[3]; r[col["start"]] != "2017-10-03" || r[col["end"]] != "2017-10-05" {
		t.Errorf("a range's days: %s to %s", r[col["start"]], r[col["end"]])
	}
	if r := rows[2]; r[col["start"]] != "2017-10-01" || r[col["end"]] != "2017-10-31" {
		t.Errorf("a month's days: %s to %s", r[col["start"]], r[col["end"]])
	}
}

func TestKML(t *testing.T) {
	es := events(t)
	var doc struct {
		Placemarks []struct {
			ID          string `xml:"id,attr"`
			Name        string `xml:"name"`
			Description string `xml:"description"`
			Begin       string `xml:"TimeSpan>begin"`
			End         string `xml:"TimeSpan>end"`
			Data        []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value"`
			} `xml:"ExtendedData>Data"`
			Coordinates string `xml:"Point>coordinates"`
		} `xml:"Document>Placemark"`
	}
	if err := xml.Unmarshal(write(t, export.KML, es), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Placemarks) != len(es) {
		t.Fatalf("%d placemarks", len(doc.Placemarks))
	}
	spans := [][2]string{{"2017-11-16T00:00:00Z", "2017-11-16T23:59:59Z"}, {"2017-10-01T00:00:00Z", "2017-10-31T23:59:59Z"}, {"2017-10-03T00:00:00Z", "2017-10-05T23:59:59Z"}}
	for i, p := range doc.Placemarks {
		e := es[i]
		if p.ID != "m"+strconv.FormatInt(e.MentionID, 10) || p.Name != e.Place.Name || p.Description != e.Sentence ||
			p.Coordinates != strconv.FormatFloat(e.Place.Lon, 'f', -1, 64)+","+strconv.FormatFloat(e.Place.Lat, 'f', -1, 64) {
			t.Errorf("placemark %d: %+v, want event %+v", i, p, e)
		}
		if p.Begin != spans[i][0] || p.End != spans[i][1] {
			t.Errorf("placemark %d spans %s to %s, want %s", i, p.Begin, p.End, spans[i])
		}
		data := map[string]string{}
		for _, d := range p.Data {
			data[d.Name] = d.Value
		}
		if data["url"] != e.URL || data["title"] != e.Title || data["text"] != e.Text {
			t.Errorf("placemark %d: data %v", i, data)
		}
	}
}

// TestStreamFailure: an error of the stream ends the file and is returned, with the events written.
func TestStreamFailure(t *testing.T) {
	boom := errors.New("the store went away")
	for _, f := range export.Formats {
		var b bytes.Buffer
		n, err := export.Write(&b, f, stream(events(t)[:2], boom))
		if !errors.Is(err, boom) || n != 2 {
			t.Errorf("%s: %d written, %v", f, n, err)
		}
	}
	if _, err := export.ParseFormat("shp"); err == nil || !strings.Contains(err.Error(), "shp") {
		t.Errorf("an unknown format: %v", err)
	}
}
