package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"iter"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/paulmach/orb/geojson"
)

// ogr is the path of GDAL's ogrinfo; the tests that read files back with it fail without it in CI
// (.ci/run installs gdal-bin) and are skipped elsewhere.
func ogr(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ogrinfo is missing: install gdal-bin")
		}
		t.Skip("ogrinfo is missing (Debian gdal-bin)")
	}
	return path
}

// TestExports: an export of a view, in each format, holds exactly the events of that view (the ids
// /api/events lists for the same query), read back with orb, encoding/csv, encoding/xml, and with
// GDAL's ogrinfo.
func TestExports(t *testing.T) {
	ts := newDemoServer(t, nil)
	for _, view := range []string{"from=2017-10-01&to=2017-10-31", "q=Raqqa", "bbox=38,34,42,37&from=2017-09", "from=2099-01-01"} {
		res, body := ts.do(t, http.MethodGet, "/api/events?limit=10000&"+view, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		fc, err := geojson.UnmarshalFeatureCollection(body)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, f := range fc.Features {
			want = append(want, strconv.FormatInt(int64(f.ID.(float64)), 10))
		}
		if len(want) == 0 && view != "from=2099-01-01" {
			t.Fatalf("%s: no events to export", view)
		}
		for format, ids := range map[string]func([]byte) []string{
			"geojson": func(b []byte) (ids []string) {
				fc, err := geojson.UnmarshalFeatureCollection(b)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range fc.Features {
					ids = append(ids, strconv.FormatInt(int64(f.ID.(float64)), 10))
				}
				return ids
			},
			"geojsonl": func(b []byte) (ids []string) {
				sc := bufio.NewScanner(bytes.NewReader(b))
				for sc.Scan() {
					var f struct{ ID int64 }
					if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
						t.Fatal(err)
					}
					ids = append(ids, strconv.FormatInt(f.ID, 10))
				}
				return ids
			},
			"csv": func(b []byte) (ids []string) {
				rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
				if err != nil || len(rows) == 0 || rows[0][0] != "id" {
					t.Fatalf("CSV: %v, %q", err, rows)
				}
				for _, r := range rows[1:] {
					ids = append(ids, r[0])
				}
				return ids
			},
			"kml": func(b []byte) (ids []string) {
				var doc struct {
					Placemarks []struct {
						ID string `xml:"id,attr"`
					} `xml:"Document>Placemark"`
				}
				if err := xml.Unmarshal(b, &doc); err != nil {
					t.Fatal(err)
				}
				for _, p := range doc.Placemarks {
					ids = append(ids, strings.TrimPrefix(p.ID, "m"))
				}
				return ids
			},
		} {
			res, body := ts.do(t, http.MethodGet, "/export/events."+format+"?"+view, "", nil)
			wantStatus(t, res, body, http.StatusOK)
			if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="dateline-events.`+format+`"` {
				t.Errorf("%s: Content-Disposition %q", format, cd)
			}
			if got := ids(body); !slices.Equal(got, want) {
				t.Errorf("%s of %s: %d events %v, want the %d of /api/events %v", format, view, len(got), got, len(want), want)
			}
		}
	}
	res, body := ts.do(t, http.MethodGet, "/export/events.csv?q=Raqqa&limit=2", "", nil)
	wantStatus(t, res, body, http.StatusOK)
	if n := strings.Count(string(body), "\n"); n != 3 {
		t.Errorf("limit=2: %d lines", n)
	}
	for path, msg := range map[string]string{
		"/export/events.shp":                  `"shp"`,
		"/export/events.csv?from=2017-13-45":  "from",
		"/export/events.kml?bbox=1,2,3":       "bbox",
		"/export/events.geojson?limit=banana": "limit",
	} {
		res, body := ts.do(t, http.MethodGet, path, "", nil)
		wantError(t, res, body, http.StatusBadRequest, msg)
	}
}

// TestExportsReadByGDAL: GDAL opens each export of a view and counts its events as /api/events does.
func TestExportsReadByGDAL(t *testing.T) {
	ogrinfo := ogr(t)
	ts := newDemoServer(t, nil)
	view := "from=2017-10-01&to=2017-10-31"
	res, body := ts.do(t, http.MethodGet, "/api/events?limit=10000&"+view, "", nil)
	wantStatus(t, res, body, http.StatusOK)
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		t.Fatal(err)
	}
	b := fc.Features[0].Geometry.Bound()
	for _, f := range fc.Features {
		b = b.Union(f.Geometry.Bound())
	}
	extent := fmt.Sprintf("Extent: (%f, %f) - (%f, %f)", b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat())
	dir := t.TempDir()
	for _, format := range []string{"geojson", "geojsonl", "csv", "kml"} {
		res, body := ts.do(t, http.MethodGet, "/export/events."+format+"?"+view, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		path := filepath.Join(dir, "events."+format)
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(ogrinfo, "-ro", "-al", "-so", path).CombinedOutput()
		if err != nil {
			t.Fatalf("ogrinfo %s: %v\n%s", format, err, out)
		}
		counts := map[string]bool{}
		for _, line := range strings.Split(string(out), "\n") {
			if n, ok := strings.CutPrefix(line, "Feature Count: "); ok {
				counts[n] = true
			}
		}
		if want := strconv.Itoa(len(fc.Features)); !counts[want] || len(counts) != 1 {
			t.Errorf("ogrinfo reads %v features in the %s export, want %s:\n%s", slices.Collect(maps.Keys(counts)), format, want, out)
		}
		if !strings.Contains(string(out), extent) {
			t.Errorf("ogrinfo reads in the %s export no points of the extent %s:\n%s", format, extent, out)
		}
	}
}

// gatedEvents is an event store whose streams wait for gate to close before their first event,
// and say when they start.
type gatedEvents struct {
	web.EventStore
	gate    chan struct{}
	started chan struct{}
}

func (g gatedEvents) Events(ctx context.Context, f report.EventFilter, after report.EventKey) iter.Seq2[report.Event, error] {
	return func(yield func(report.Event, error) bool) {
		g.started <- struct{}{}
		<-g.gate
		for e, err := range g.EventStore.Events(ctx, f, after) {
			if !yield(e, err) {
				return
			}
		}
	}
}

// TestExportsAreBounded: past MaxExports (2 by default) running at once, an export is a 503 with
// Retry-After; the running ones hold no worker, so that reads go on meanwhile, with one worker.
func TestExportsAreBounded(t *testing.T) {
	gate, started := make(chan struct{}), make(chan struct{}, 2)
	ts := newDemoServer(t, func(c *web.Config) {
		c.Workers = 1
		c.Events = gatedEvents{EventStore: c.Events, gate: gate, started: started}
	})
	done := make(chan int, 2)
	for range 2 {
		go func() {
			res, err := ts.Client().Get(ts.URL + "/export/events.kml")
			if err != nil {
				done <- 0
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			done <- res.StatusCode
		}()
	}
	<-started
	<-started // both exports run, waiting on the gate
	res, body := ts.do(t, http.MethodGet, "/export/events.csv", "", nil)
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("a third export: %d, Retry-After %q: %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	for range 3 {
		res, body = ts.do(t, http.MethodGet, "/api/events?limit=1", "", nil)
		wantStatus(t, res, body, http.StatusOK)
	}
	close(gate)
	if a, b := <-done, <-done; a != http.StatusOK || b != http.StatusOK {
		t.Errorf("the two exports: %d and %d", a, b)
	}
	res, body = ts.do(t, http.MethodGet, "/export/events.csv", "", nil)
	wantStatus(t, res, body, http.StatusOK)
}
