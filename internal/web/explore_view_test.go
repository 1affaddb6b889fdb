package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/paulmach/orb"
)

// attr is the value of the attribute name of the element of id in the page.
func attr(t *testing.T, page, id, name string) string {
	t.Helper()
	m := regexp.MustCompile(`<[a-z]+ id="` + id + `"[^>]*? ` + name + `="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no %s of #%s in the page", name, id)
	}
	return html.UnescapeString(m[1])
}

// TestExploreProblems: an invalid filter keeps the explore page, with a 400, the value in its
// field and the message beside it; the map and the list show the rest of the filter.
func TestExploreProblems(t *testing.T) {
	ts := newDemoServer(t, nil)
	for _, tt := range []struct {
		name, query, field, value, message string
		mapQuery                           string // what the markers show
	}{
		{"a month that does not exist", "from=2017-13-45&q=Raqqa", "from", "2017-13-45", `from: date &#34;2017-13-45&#34;`, "q=Raqqa"},
		{"a reversed range", "from=2017-11-10&to=2017-10-01", "to", "2017-10-01", "to 2017-10-01 is before from 2017-11-10: the range is empty", "from=2017-11-10"},
		{"a bad box", "bbox=1,2,3&country=SY", "bbox", "1,2,3", `bbox &#34;1,2,3&#34; is not minLon,minLat,maxLon,maxLat`, "country=SY"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := ts.page(t, "/?"+tt.query, http.StatusBadRequest)
			id := "f-" + tt.field
			if v := attr(t, page, id, "value"); v != tt.value {
				t.Errorf("the field holds %q, want %q", v, tt.value)
			}
			if d := attr(t, page, id, "aria-describedby"); d != id+"-error" {
				t.Errorf("the field is described by %q", d)
			}
			if want := `<span class="field-error" id="` + id + `-error">` + tt.message; !strings.Contains(page, want) {
				t.Errorf("no %s beside the field", want)
			}
			if q := attr(t, page, "map", "data-query"); q != tt.mapQuery {
				t.Errorf("the map shows %q, want %q", q, tt.mapQuery)
			}
			for _, want := range []string{`<form id="filters"`, `<section id="timeline"`, `<section id="results"`, `<title>400 Bad request · Explore`} {
				if !strings.Contains(page, want) {
					t.Errorf("the page has no %s", want)
				}
			}
		})
	}
	t.Run("an empty result says so and keeps the range", func(t *testing.T) {
		page := ts.page(t, "/?from=2030-01-01&to=2030-01-31", http.StatusOK)
		for _, want := range []string{"No event from 1 January 2030 to 31 January 2030 matches these filters.", `data-from="2030-01-01"`, `data-to="2030-02-01"`, `value="2030-01-01"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the page has no %s", want)
			}
		}
	})
}

// TestExploreView: the first view fits every event, however far; a map position in the URL
// wins; the download link carries the filters.
func TestExploreView(t *testing.T) {
	ts := newDemoServer(t, nil)
	// The first view of all events is kept between pages (it reads a row per place): a write renews it.
	before, err := viewquery.ParseBBox("bound", attr(t, ts.page(t, "/", http.StatusOK), "map", "data-bound"))
	if err != nil {
		t.Fatal(err)
	}
	if before.Contains(orb.Point{67.0, 24.9}) {
		t.Fatalf("the demo's first view %v holds Karachi already: the test needs a new region", before)
	}
	res, body := ts.post(t, "application/json", `{"text":"Heavy rain flooded streets in Karachi and Lahore on Tuesday.","date":"2017-11-21","lang":"en"}`)
	wantStatus(t, res, body, http.StatusCreated)
	b, err := viewquery.ParseBBox("bound", attr(t, ts.page(t, "/", http.StatusOK), "map", "data-bound"))
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]orb.Point{"Karachi": {67.0, 24.9}, "Raqqa": {39.0, 35.95}, "the United States": {-99.1, 39.5}} {
		if !b.Contains(p) {
			t.Errorf("the first view %v leaves %s out", b, name)
		}
	}
	page := ts.page(t, "/?from=2017-10&q=Kirkuk&map=7/35.5/44.25&ui=fr", http.StatusOK)
	if v := attr(t, page, "map", "data-view"); v != "7/35.5/44.25" {
		t.Errorf("data-view %q", v)
	}
	if !strings.Contains(page, `<input type="hidden" name="map" value="7/35.5/44.25">`) {
		t.Error("the form does not keep the map's position")
	}
	m := regexp.MustCompile(`<a href="([^"]*)" download="dateline-events.geojson"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no download link")
	}
	u, _ := url.Parse(html.UnescapeString(m[1]))
	if u.Path != "/export/events.geojson" || u.Query().Encode() != "from=2017-10&q=Kirkuk" {
		t.Errorf("the download link is %s", u)
	}
	place := ts.page(t, "/places/"+placeIDOf(t, ts, "Kirkuk")+"?from=2017-10", http.StatusOK)
	if !strings.Contains(place, `download="dateline-events.geojson"`) || !strings.Contains(place, `/export/events.csv?from=2017-10&amp;place=`) {
		t.Error("the place page has no download link of its view")
	}
	// An embed offers its view in every format, with the view's filters and without its look.
	embed := ts.page(t, "/embed/map?from=2017-10&q=Kirkuk&theme=dark&ui=fr", http.StatusOK)
	links := regexp.MustCompile(`<a href="(/export/events\.[a-z]+\?[^"]*)" download="dateline-events\.([a-z]+)"`).FindAllStringSubmatch(embed, -1)
	var formats []string
	for _, l := range links {
		formats = append(formats, l[2])
		if u, _ := url.Parse(html.UnescapeString(l[1])); u.Query().Encode() != "from=2017-10&q=Kirkuk" {
			t.Errorf("the embed's %s link is %s", l[2], u)
		}
	}
	if strings.Join(formats, ",") != "geojson,geojsonl,csv,kml" || !strings.Contains(embed, "Télécharger") {
		t.Errorf("the embed's download links are of %q", formats)
	}
}

// TestTheme: the theme cookie draws the site's pages in its theme; POST /theme sets it and goes
// back, and an embed keeps its own theme.
func TestTheme(t *testing.T) {
	ts := newDemoServer(t, nil)
	get := func(path, cookie string) string {
		res, body := ts.do(t, http.MethodGet, path, "", nil, "Cookie", cookie)
		wantStatus(t, res, body, http.StatusOK)
		return string(body)
	}
	if p := get("/about", ""); strings.Contains(p, "data-theme=") || !strings.Contains(p, `<option value="" selected>`) {
		t.Error("without a cookie the page chose a theme")
	}
	if p := get("/about", "theme=dark"); !strings.Contains(p, `<html lang="en" data-theme="dark">`) || !strings.Contains(p, `<option value="dark" selected>`) {
		t.Error("the dark cookie does not make the page dark")
	}
	if p := get("/embed?theme=light", "theme=dark"); !strings.Contains(p, `data-theme="light"`) {
		t.Error("the cookie overrode the embed's theme")
	}
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, tt := range []struct{ form, back, cookie string }{
		{"theme=dark&back=%2F%3Fq%3DRaqqa", "/?q=Raqqa", "theme=dark"},
		{"theme=&back=%2F%2Fevil.example", "/", "theme="},
	} {
		res, err := client.Post(ts.URL+"/theme", "application/x-www-form-urlencoded", strings.NewReader(tt.form))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tt.back || !strings.HasPrefix(res.Header.Get("Set-Cookie"), tt.cookie) {
			t.Errorf("POST /theme %s: %d to %q, cookie %q", tt.form, res.StatusCode, res.Header.Get("Location"), res.Header.Get("Set-Cookie"))
		}
	}
}
