package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb/geojson"
)

// gdalTools are the paths of GDAL's ogrinfo and ogr2ogr (Debian's gdal-bin). Missing, the test
// fails on CI (.ci/run installs them) and is skipped elsewhere.
func gdalTools(t *testing.T) (ogrinfo, ogr2ogr string) {
	t.Helper()
	ogrinfo, err1 := exec.LookPath("ogrinfo")
	ogr2ogr, err2 := exec.LookPath("ogr2ogr")
	if err1 != nil || err2 != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("GDAL's ogrinfo and ogr2ogr are missing (%v, %v): CI installs Debian's gdal-bin", err1, err2)
		}
		t.Skip("GDAL's ogrinfo and ogr2ogr are missing: apt-get install gdal-bin")
	}
	return ogrinfo, ogr2ogr
}

// gdal runs a GDAL tool and returns what it printed.
func gdal(t *testing.T, tool string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Env = append(os.Environ(), "GDAL_HTTP_TIMEOUT=60", "CPL_DEBUG=OFF", "GDAL_DISABLE_READDIR_ON_OPEN=YES")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(tool), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestGDALReadsOGC: a real client, GDAL's OGC API - Features driver, lists the collections and
// the events' schema and count (ogrinfo), and downloads the events of a bbox and a date range
// through pages of 4 (ogr2ogr): as many as numberMatched, the same events as /api/events for the
// same filter. GDAL sends the box as bbox, and the range, asked as a filter on the date field
// date_start, as datetime.
func TestGDALReadsOGC(t *testing.T) {
	ogrinfo, ogr2ogr := gdalTools(t)
	ts := ogcServer(t)
	dataset := "OAPIF:" + ts.URL + "/ogc"

	out := gdal(t, ogrinfo, "-ro", "-so", dataset)
	for _, layer := range []string{"1: events (title: Events) (Point)", "2: places (title: Places)", "3: reports (title: Reports)"} {
		if !strings.Contains(out, layer) {
			t.Errorf("ogrinfo does not list %s:\n%s", layer, out)
		}
	}

	_, body := ts.get(t, itemsPath+"?limit=1", http.StatusOK)
	total := parseOGCPage(t, body).Matched
	out = gdal(t, ogrinfo, "-ro", "-so", dataset, "events")
	if !strings.Contains(out, fmt.Sprintf("Feature Count: %d\n", total)) {
		t.Errorf("ogrinfo does not count the %d events:\n%s", total, out)
	}
	for _, field := range []string{"name: String", "geonameid: Integer64", "country_code: String", "date: String", "date_start: Date", "date_end: Date", "sentence: String", "report_id: String"} {
		if !strings.Contains(out, field) {
			t.Errorf("ogrinfo lacks the field %s:\n%s", field, out)
		}
	}
	if !regexp.MustCompile(`Extent: \(-?[0-9.]+, -?[0-9.]+\) - \(-?[0-9.]+, -?[0-9.]+\)`).MatchString(out) ||
		!strings.Contains(out, "TEMPORAL_INTERVAL_MIN=") {
		t.Errorf("ogrinfo shows no extent:\n%s", out)
	}

	// The events of Syria and Iraq in October and November 2017, 4 a page.
	const bbox, from, to = "35,30,45,40", "2017-10-01", "2017-11-30"
	_, body = ts.get(t, itemsPath+"?bbox="+bbox+"&datetime="+from+"/"+to, http.StatusOK)
	matched := parseOGCPage(t, body).Matched
	want := apiEventIDs(t, ts, "bbox="+bbox+"&from="+from+"&to="+to)
	if matched != len(want) || matched < 20 {
		t.Fatalf("numberMatched %d, /api/events %d: too few to page", matched, len(want))
	}
	logBefore := len(ts.log.String())
	dst := filepath.Join(t.TempDir(), "events.geojson")
	gdal(t, ogr2ogr, "-f", "GeoJSON", dst, dataset, "events", "-oo", "PAGE_SIZE=4", "-preserve_fid",
		"-spat", "35", "30", "45", "40", "-where", "date_start >= '"+from+"' AND date_start <= '"+to+"'")
	b, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatalf("ogr2ogr's GeoJSON: %v", err)
	}
	got := featureIDs(t, fc.Features)
	if len(got) != matched || !sameIDs(got, want) {
		t.Errorf("ogr2ogr downloaded %d events, numberMatched %d:\n got %v\nwant %v", len(got), matched, got, want)
	}
	for _, f := range fc.Features {
		if f.Properties.MustString("name", "") == "" || f.Properties.MustString("sentence", "") == "" {
			t.Errorf("feature %v lacks its name or sentence: %v", f.ID, f.Properties)
		}
	}

	// GDAL filtered on the server, and paged by next.
	var pages int
	for _, line := range strings.Split(ts.log.String()[logBefore:], "\n") {
		i := strings.Index(line, "uri=")
		if i < 0 || !strings.Contains(line, itemsPath+"?") {
			continue
		}
		uri := strings.Trim(strings.Fields(line[i+len("uri="):])[0], `"`)
		u, err := url.Parse(uri)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if q.Get("bbox") == "" || !strings.HasPrefix(q.Get("datetime"), from) {
			continue // the first pages GDAL reads for the schema
		}
		if q.Get("limit") != "4" {
			t.Errorf("GDAL asked %s, not 4 a page", uri)
		}
		pages++
	}
	t.Logf("ogr2ogr downloaded %d events in %d pages of 4", len(got), pages)
	if wantPages := (matched + 3) / 4; pages < wantPages {
		t.Errorf("GDAL read %d pages with the filter, want %d of 4 for %d events:\n%s", pages, wantPages, matched, strconv.Quote(ts.log.String()[logBefore:]))
	}
}

// TestGDALReadsPlaces: ogr2ogr downloads the places layer through pages of 3: as many as
// numberMatched, the same places, each with its count of events.
func TestGDALReadsPlaces(t *testing.T) {
	_, ogr2ogr := gdalTools(t)
	ts := ogcServer(t)
	dataset := "OAPIF:" + ts.URL + "/ogc"
	want, matched, _ := walkItems(t, ts, placesPath, "limit=10000", nil)
	if matched < 10 || len(want) != matched {
		t.Fatalf("%d places of %d: too few to page", len(want), matched)
	}
	logBefore := len(ts.log.String())
	dst := filepath.Join(t.TempDir(), "places.geojson")
	gdal(t, ogr2ogr, "-f", "GeoJSON", dst, dataset, "places", "-oo", "PAGE_SIZE=3", "-preserve_fid")
	b, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatalf("ogr2ogr's GeoJSON: %v", err)
	}
	got := featureIDs(t, fc.Features)
	if len(got) != matched || !sameIDs(got, featureIDs(t, want)) {
		t.Errorf("ogr2ogr downloaded %d places, numberMatched %d:\n got %v\nwant %v", len(got), matched, got, featureIDs(t, want))
	}
	events := map[int64]float64{}
	for _, f := range want {
		events[featureID(t, f)] = f.Properties.MustFloat64("events", 0)
	}
	for _, f := range fc.Features {
		if f.Properties.MustString("name", "") == "" || f.Properties.MustFloat64("events", 0) != events[featureID(t, f)] {
			t.Errorf("place %v: properties %v", f.ID, f.Properties)
		}
	}
	pages := strings.Count(ts.log.String()[logBefore:], placesPath+"?")
	if wantPages := (matched + 2) / 3; pages < wantPages {
		t.Errorf("GDAL read %d pages, want %d of 3 for %d places", pages, wantPages, matched)
	}
	t.Logf("ogr2ogr downloaded %d places in %d requests of the items", len(got), pages)
}

// TestGDALFilters: GDAL counts the events of an attribute filter (ogrinfo -where) as many as the
// same filter in CQL2 selects over HTTP (numberMatched). GDAL 3.6 sends no CQL2: it knows the
// drafts' filter-lang cql-text alone, so it sends an equality on a property the items take as a
// parameter (country_code=SY), and evaluates the rest itself, on the pages it reads.
func TestGDALFilters(t *testing.T) {
	ogrinfo, _ := gdalTools(t)
	ts := ogcServer(t)
	dataset := "OAPIF:" + ts.URL + "/ogc"
	for _, tt := range []struct{ where, filter, sent string }{
		{"country_code = 'SY'", "country_code = 'SY'", "country_code=SY"},
		{"country_code = 'SY' OR country_code = 'FJ'", "country_code IN ('SY', 'FJ')", ""},
		{"lang = 'en' AND geonameid > 300000", "lang = 'en' AND geonameid > 300000", "lang=en"},
	} {
		t.Run(tt.where, func(t *testing.T) {
			_, body := ts.get(t, itemsPath+"?limit=1&filter="+url.QueryEscape(tt.filter), http.StatusOK)
			matched := parseOGCPage(t, body).Matched
			_, body = ts.get(t, itemsPath+"?limit=1", http.StatusOK)
			if total := parseOGCPage(t, body).Matched; matched == 0 || matched == total {
				t.Fatalf("%s selects %d events of %d: the case tests nothing", tt.filter, matched, total)
			}
			logBefore := len(ts.log.String())
			out := gdal(t, ogrinfo, "-ro", "-so", "-where", tt.where, dataset, "events")
			if !strings.Contains(out, fmt.Sprintf("Feature Count: %d\n", matched)) {
				t.Errorf("ogrinfo -where %q does not count the %d events of %s:\n%s", tt.where, matched, tt.filter, out)
			}
			if tt.sent != "" && !strings.Contains(ts.log.String()[logBefore:], tt.sent) {
				t.Errorf("GDAL did not send %s to the server", tt.sent)
			}
		})
	}
}
