package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb/geojson"
)

// strictFeatures decodes the properties of a FeatureCollection's features into report.FeatureProperties,
// failing on a member the type does not have, and checks that encoding them again gives the same JSON:
// no member lost, renamed or of another type.
func strictFeatures(t *testing.T, fc []byte) []report.FeatureProperties {
	t.Helper()
	var raw struct {
		Features []struct {
			Properties json.RawMessage `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(fc, &raw); err != nil {
		t.Fatalf("%v\n%.500s", err, fc)
	}
	var ps []report.FeatureProperties
	for _, f := range raw.Features {
		dec := json.NewDecoder(bytes.NewReader(f.Properties))
		dec.DisallowUnknownFields()
		var p report.FeatureProperties
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("properties %s: %v", f.Properties, err)
		}
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var want, got any
		if json.Unmarshal(f.Properties, &want) != nil || json.Unmarshal(again, &got) != nil || !reflect.DeepEqual(want, got) {
			t.Errorf("properties change through report.FeatureProperties:\n%s\n%s", f.Properties, again)
		}
		ps = append(ps, p)
	}
	return ps
}

// TestOneFeatureType checks that a report's features (what geoparse writes) and its events (/api/events)
// are one type, report.FeatureProperties, and agree on the mention's place, date and confidence.
func TestOneFeatureType(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.post(t, "text/plain", readSeed(t))
	wantStatus(t, res, body, http.StatusCreated)
	var posted struct {
		ID      string          `json:"id"`
		GeoJSON json.RawMessage `json:"geojson"`
	}
	if err := json.Unmarshal(body, &posted); err != nil {
		t.Fatal(err)
	}
	mentions := strictFeatures(t, posted.GeoJSON)
	res, body = ts.do(t, http.MethodGet, "/api/events", "", nil)
	wantStatus(t, res, body, http.StatusOK)
	events := strictFeatures(t, body)
	if len(mentions) != 7 || len(events) != len(mentions) {
		t.Fatalf("%d mentions, %d events; want 7 of each", len(mentions), len(events))
	}
	fcM, err := geojson.UnmarshalFeatureCollection(posted.GeoJSON)
	if err != nil {
		t.Fatal(err)
	}
	fcE, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[any]report.FeatureProperties{}
	for i, f := range fcE.Features {
		byID[f.ID] = events[i]
	}
	for i, f := range fcM.Features {
		m := mentions[i]
		e, ok := byID[f.ID]
		if !ok {
			t.Errorf("mention %v (%s) is no event", f.ID, m.Text)
			continue
		}
		if m.Alternatives == nil || e.Alternatives != nil {
			t.Errorf("%s: alternatives %v as a mention, %v as an event; want [] or more, and none", m.Text, m.Alternatives, e.Alternatives)
		}
		if m.Admin1 == nil || (e.Admin1 == nil) != (*m.Admin1 == "") {
			t.Errorf("%s: admin1 %v as a mention, %v as an event", m.Text, m.Admin1, e.Admin1)
		}
		if m.ReportID != "" || m.Sentence != "" || e.ReportID != posted.ID || e.Sentence == "" {
			t.Errorf("%s: report_id %q and sentence %q in a mention; %q and %q in its event", m.Text, m.ReportID, m.Sentence, e.ReportID, e.Sentence)
		}
		// What the mention and the event share.
		shared := func(p report.FeatureProperties) report.FeatureProperties {
			return report.FeatureProperties{Confidence: p.Confidence, CountryCode: p.CountryCode, Date: p.Date,
				DatePrecision: p.DatePrecision, FeatureCode: p.FeatureCode, GeonameID: p.GeonameID, Kind: p.Kind,
				Name: p.Name, Population: p.Population, Text: p.Text}
		}
		if !reflect.DeepEqual(shared(m), shared(e)) || m.Date == "" {
			t.Errorf("mention and event differ:\n%+v\n%+v", shared(m), shared(e))
		}
	}
}
