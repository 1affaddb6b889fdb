package web_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

// eventIDs are the ids of the events of an /api/events answer, parsed back with orb.
func eventIDs(t *testing.T, ts *testServer, path string) []string {
	t.Helper()
	res, body := ts.do(t, http.MethodGet, path, "", nil)
	wantStatus(t, res, body, http.StatusOK)
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var ids []string
	for _, f := range fc.Features {
		ids = append(ids, jsonString(f.ID))
	}
	return ids
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestCountryByName: country= takes a country's code in any case or its name in any language, and
// selects the same events; a name of no country is a 400 that names it, on the API and the page.
func TestCountryByName(t *testing.T) {
	ts := newDemoServer(t, nil)
	want := eventIDs(t, ts, "/api/events?limit=500&country=SY")
	if len(want) < 5 {
		t.Fatalf("country=SY: %d events, want 5 or more", len(want))
	}
	for _, name := range []string{"Syria", "syria", "Syrie", "sy", "Siria", "سوريا"} {
		t.Run(name, func(t *testing.T) {
			if got := eventIDs(t, ts, "/api/events?limit=500&country="+url.QueryEscape(name)); !slices.Equal(got, want) {
				t.Errorf("country=%s: %d events, country=SY %d", name, len(got), len(want))
			}
		})
	}
	t.Run("Narnia", func(t *testing.T) {
		res, body := ts.do(t, http.MethodGet, "/api/events?country=Narnia", "", nil)
		wantStatus(t, res, body, http.StatusBadRequest)
		var e struct{ Error string }
		if err := json.Unmarshal(body, &e); err != nil || !strings.Contains(e.Error, `"Narnia"`) {
			t.Errorf("the error %q (%v) does not name Narnia", e.Error, err)
		}
		page := ts.page(t, "/?country=Narnia", http.StatusBadRequest)
		if !strings.Contains(page, "Narnia") {
			t.Error("the page's 400 does not name Narnia")
		}
	})
	t.Run("the page's links carry the code", func(t *testing.T) {
		page := ts.page(t, "/?country=Syrie", http.StatusOK)
		if !strings.Contains(page, `data-query="country=SY"`) || !strings.Contains(page, `href="/?country=SY&amp;from=`) {
			t.Errorf("the map's query and the timeline's links do not carry country=SY: %q", regexp.MustCompile(`.{40}country=[A-Za-z]+.{10}`).FindAllString(page, 5))
		}
	})
}

var geoNamesLink = regexp.MustCompile(`href="https://www\.geonames\.org/([0-9]+)"`)

// TestCountryPage: a country's page names it in the reader's language with the gazetteer's name
// beside it, shows no population (the gazetteer has no right one for countries) and links to no
// GeoNames id of Dateline's own; a town's page links to its GeoNames id and shows its population.
func TestCountryPage(t *testing.T) {
	ts := newDemoServer(t, nil)
	syria := placeIDOf(t, ts, "Syrie")
	if id, _ := strconv.ParseInt(syria, 10, 64); id < 1<<32 {
		t.Fatalf("Syria's id %s is not one of Dateline's own: the test needs one", syria)
	}
	for _, c := range []struct{ ui, name, alt string }{{"fr", "<h1>Syrie</h1>", `<p class="alt-name">Syria</p>`}, {"en", "<h1>Syria</h1>", ""}} {
		t.Run(c.ui, func(t *testing.T) {
			page := ts.page(t, "/places/"+syria+"?ui="+c.ui, http.StatusOK)
			if !strings.Contains(page, c.name) {
				t.Errorf("no %s", c.name)
			}
			if c.alt != "" && !strings.Contains(page, c.alt) {
				t.Errorf("no %s", c.alt)
			}
			if c.alt == "" && strings.Contains(page, `class="alt-name"`) {
				t.Error("a second name that is the same")
			}
			if m := geoNamesLink.FindAllStringSubmatch(page, -1); len(m) > 0 {
				t.Errorf("links to GeoNames %v", m)
			}
			if strings.Contains(page, "8405531") || strings.Contains(page, "8,405,531") || strings.Contains(page, "population") {
				t.Error("the page shows a population")
			}
		})
	}
	raqqa := placeIDOf(t, ts, "Raqqa")
	page := ts.page(t, "/places/"+raqqa, http.StatusOK)
	m := geoNamesLink.FindStringSubmatch(page)
	if m == nil || m[1] != raqqa {
		t.Errorf("Raqqa's page links to GeoNames %v, want %s", m, raqqa)
	}
	mosul := placeIDOf(t, ts, "Mosul")
	for _, c := range []struct{ ui, name, alt string }{{"fr", "<h1>Mossoul</h1>", `<p class="alt-name">Mosul</p>`}, {"en", "<h1>Mosul</h1>", ""}} {
		page := ts.page(t, "/places/"+mosul+"?ui="+c.ui, http.StatusOK)
		if !strings.Contains(page, c.name) || (c.alt != "") != strings.Contains(page, `class="alt-name"`) || !strings.Contains(page, c.alt) {
			t.Errorf("Mosul's page in %s: want %s and %q", c.ui, c.name, c.alt)
		}
	}
	popup := ts.page(t, "/popup?ui=fr&place="+syria, http.StatusOK)
	if !strings.Contains(popup, ">Syrie</a>") || !strings.Contains(popup, `<p class="alt-name">Syria</p>`) {
		t.Errorf("the popup does not name Syrie, then Syria: %.300s", popup)
	}
}

// TestBasemapData: the labels in each language of the interface, and the lakes and rivers, parse
// back as GeoJSON and TopoJSON; another language is a 404.
func TestBasemapData(t *testing.T) {
	ts := newServer(t, nil)
	for lang, want := range map[string][]string{"en": {"Syria", "Damascus"}, "fr": {"Syrie", "Irak", "Damas"}} {
		res, body := ts.do(t, http.MethodGet, "/basemap/labels-"+lang+".json", "", nil)
		wantStatus(t, res, body, http.StatusOK)
		fc, err := geojson.UnmarshalFeatureCollection(body)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range fc.Features {
			names = append(names, f.Properties.MustString("name"))
		}
		for _, n := range want {
			if !slices.Contains(names, n) {
				t.Errorf("labels-%s.json has no %s", lang, n)
			}
		}
	}
	res, body := ts.do(t, http.MethodGet, "/basemap/labels-de.json", "", nil)
	wantStatus(t, res, body, http.StatusNotFound)
	for _, scale := range []string{"110m", "50m"} {
		res, body := ts.do(t, http.MethodGet, "/basemap/water-"+scale+".json", "", nil)
		wantStatus(t, res, body, http.StatusOK)
		var topo struct {
			Arcs    [][][2]float64 `json:"arcs"`
			Objects map[string]struct {
				Geometries []struct {
					Type string `json:"type"`
					Arcs any    `json:"arcs"`
				} `json:"geometries"`
			} `json:"objects"`
		}
		if err := json.Unmarshal(body, &topo); err != nil {
			t.Fatal(err)
		}
		if len(topo.Objects) != 2 || len(topo.Objects["lakes"].Geometries) < 20 || len(topo.Objects["rivers"].Geometries) < 10 {
			t.Errorf("water-%s.json: %d objects, %d lakes, %d rivers", scale, len(topo.Objects), len(topo.Objects["lakes"].Geometries), len(topo.Objects["rivers"].Geometries))
		}
		// Every arc is used, and every index names an arc.
		used := map[int]bool{}
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case []any:
				for _, x := range v {
					walk(x)
				}
			case float64:
				i := int(v)
				if i < 0 {
					i = ^i
				}
				if i >= len(topo.Arcs) {
					t.Errorf("water-%s.json: arc %d of %d", scale, i, len(topo.Arcs))
				}
				used[i] = true
			}
		}
		for _, o := range topo.Objects {
			for _, g := range o.Geometries {
				walk(g.Arcs)
			}
		}
		if len(used) != len(topo.Arcs) {
			t.Errorf("water-%s.json: %d arcs, %d used", scale, len(topo.Arcs), len(used))
		}
	}
}

// TestEventListNamesPlacesInTheReadersLanguage: the list's rows name a country and a town as the page's
// language does (Syrie, Alep in French).
func TestEventListNamesPlacesInTheReadersLanguage(t *testing.T) {
	ts := newDemoServer(t, nil)
	syria := regexp.MustCompile(`href="/places/\d+(\?ui=[a-z]+)?">(Syrie|Syria|Alep|Aleppo)</a>`)
	names := func(html string) map[string]bool {
		seen := map[string]bool{}
		for _, m := range syria.FindAllStringSubmatch(html, -1) {
			seen[m[2]] = true
		}
		return seen
	}
	if got := names(ts.page(t, "/?ui=fr&country=SY&q=Syrie", http.StatusOK)); !got["Syrie"] || got["Syria"] {
		t.Errorf("French list: %v, want Syrie only", got)
	}
	if got := names(ts.page(t, "/?ui=en&country=SY&q=Syrie", http.StatusOK)); !got["Syria"] || got["Syrie"] {
		t.Errorf("English list: %v, want Syria only", got)
	}
	if got := names(ts.page(t, "/?ui=fr&q=Alep", http.StatusOK)); !got["Alep"] || got["Aleppo"] {
		t.Errorf("French list: %v, want Alep only", got)
	}
	if got := names(ts.page(t, "/?ui=en&q=Alep", http.StatusOK)); !got["Aleppo"] || got["Alep"] {
		t.Errorf("English list: %v, want Aleppo only", got)
	}
}

// TestReportPageNamesPlacesInTheReadersLanguage: a report's mentions, their rows and their correction
// choices name places in the page's language, whatever the report's.
func TestReportPageNamesPlacesInTheReadersLanguage(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.post(t, "text/plain", "Des combats ont eu lieu à Alep et à Mossoul le 3 mars 2017.")
	wantStatus(t, res, body, http.StatusCreated)
	id := parseReport(t, body).ID
	for _, c := range []struct{ ui, want, not string }{
		{"fr", `title="Alep (`, `title="Aleppo (`},
		{"en", `title="Aleppo (`, `title="Alep (`},
		{"fr", `>Alep (`, `>Aleppo (`}, // the correction's choices
	} {
		page := ts.page(t, "/reports/"+id+"?ui="+c.ui, http.StatusOK)
		if !strings.Contains(page, c.want) || strings.Contains(page, c.not) {
			t.Errorf("the report page in %s: want %s, not %s", c.ui, c.want, c.not)
		}
	}
	row := regexp.MustCompile(`<td dir="auto">Mossoul</td><td><a href="[^"]*">([^<]*)</a>`) // the mention's row
	for ui, want := range map[string]string{"fr": "Mossoul", "en": "Mosul"} {
		if m := row.FindStringSubmatch(ts.page(t, "/reports/"+id+"?ui="+ui, http.StatusOK)); m == nil || m[1] != want {
			t.Errorf("the row of Mossoul in %s: %q, want %s", ui, m, want)
		}
	}
}

// TestPlacesNamedAsTheReadersReportsSpellThem: a place without a name in the reader's language is
// named as the reports in that language spell it most, the gazetteer's name second: the founding
// example's Raqqa for a French reader, and a place of a report just added, once the server has seen
// the write.
func TestPlacesNamedAsTheReadersReportsSpellThem(t *testing.T) {
	ts := newDemoServer(t, nil)
	raqqa := placeIDOf(t, ts, "Raqqa")
	page := ts.page(t, "/places/"+raqqa+"?ui=fr", http.StatusOK)
	if !strings.Contains(page, "<h1>Raqqa</h1>") || !strings.Contains(page, `<p class="alt-name">Ar Raqqah</p>`) {
		t.Errorf("Raqqa's page in French does not name Raqqa, then Ar Raqqah: %.400s", page[strings.Index(page, "<h1"):])
	}

	res, body := ts.post(t, "text/plain", "Les forces kurdes sont entrées à Kobané le 3 mars 2017. Kobané est libre.")
	wantStatus(t, res, body, http.StatusCreated)
	kobane := placeIDOf(t, ts, "Kobané")
	var fr, en string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if fr = ts.page(t, "/places/"+kobane+"?ui=fr", http.StatusOK); strings.Contains(fr, "<h1>Kobané</h1>") {
			break
		}
	}
	if !strings.Contains(fr, "<h1>Kobané</h1>") || !strings.Contains(fr, `class="alt-name"`) {
		t.Errorf("Kobané's page in French: %.300s", fr[strings.Index(fr, "<h1"):])
	}
	// In English no report names it: the gazetteer's name, alone.
	if en = ts.page(t, "/places/"+kobane+"?ui=en", http.StatusOK); strings.Contains(en, "<h1>Kobané</h1>") || strings.Contains(en, `class="alt-name"`) {
		t.Errorf("Kobané's page in English: %.300s", en[strings.Index(en, "<h1"):])
	}
	popup := ts.page(t, "/popup?ui=fr&place="+kobane, http.StatusOK)
	if !strings.Contains(popup, ">Kobané</a>") {
		t.Errorf("the popup in French does not name Kobané: %.300s", popup)
	}
	// The map's marker and the vector tiles' dot too, in French; in English the gazetteer's name.
	for _, lang := range []string{"fr", "en"} {
		var names []string
		res, body := ts.do(t, http.MethodGet, "/clusters.geojson?zoom=6&place="+kobane+"&ui="+lang, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		fc, err := geojson.UnmarshalFeatureCollection(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fc.Features {
			names = append(names, f.Properties.MustString("name", ""))
		}
		tile := maptile.At(orb.Point{38.4, 36.9}, 6) // around Kobané
		res, body = ts.do(t, http.MethodGet, fmt.Sprintf("/tiles/events/%d/%d/%d.mvt?place=%s&ui=%s", tile.Z, tile.X, tile.Y, kobane, lang), "", nil)
		wantStatus(t, res, body, http.StatusOK)
		layers, err := mvt.Unmarshal(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range layers {
			for _, f := range l.Features {
				names = append(names, f.Properties.MustString("name", ""))
			}
		}
		want := "Kobané"
		if lang == "en" {
			want = ""
		}
		if len(names) != 2 || (names[0] == "Kobané") != (want != "") || names[0] != names[1] {
			t.Errorf("in %s, the marker and the dot are named %q, want %q twice", lang, names, cmp.Or(want, "the gazetteer's name"))
		}
	}
}
