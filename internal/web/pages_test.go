package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/demo"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// newDemoServer starts a server holding the demo reports.
func newDemoServer(t testing.TB, adapt func(*web.Config)) *testServer {
	t.Helper()
	ts := newServer(t, adapt)
	a, err := loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	if n, err := demo.Load(context.Background(), ts.store, intake.New(a, ts.store)); err != nil || n == 0 {
		t.Fatalf("demo: %d reports, %v", n, err)
	}
	return ts
}

// page gets an HTML page and checks its status and content type.
func (ts *testServer) page(t testing.TB, path string, status int) string {
	t.Helper()
	res, body := ts.do(t, http.MethodGet, path, "", nil)
	wantStatus(t, res, body, status)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("%s: Content-Type %q", path, ct)
	}
	return string(body)
}

var (
	listDates = regexp.MustCompile(`<li data-date="([^"]*)"`)
	barStarts = regexp.MustCompile(`data-start="([0-9-]+)" data-count="([0-9]+)"`)
	listCount = regexp.MustCompile(`<span class="count" aria-live="polite">([0-9]+) events?</span>`)
)

// explored is what the explore page shows: the dates of its list, the bins of its timeline
// that hold events, and the count of the list.
type explored struct {
	dates []string
	bins  map[string]int
	total int
}

var captionTotal = regexp.MustCompile(`<p class="caption">([0-9]+) events?; bars per`)

// captionCount is the number of events the timeline's caption says.
func captionCount(t testing.TB, html string) int {
	t.Helper()
	m := captionTotal.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no count in the timeline's caption")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func explore(t testing.TB, html string) explored {
	t.Helper()
	var e explored
	for _, m := range listDates.FindAllStringSubmatch(html, -1) {
		e.dates = append(e.dates, m[1])
	}
	e.bins = map[string]int{}
	for _, m := range barStarts.FindAllStringSubmatch(html, -1) {
		if n, _ := strconv.Atoi(m[2]); n > 0 {
			e.bins[m[1]] = n
		}
	}
	m := listCount.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no count of events in the page")
	}
	e.total, _ = strconv.Atoi(m[1])
	return e
}

func TestExplorePage(t *testing.T) {
	ts := newDemoServer(t, nil)
	all := explore(t, ts.page(t, "/", http.StatusOK))
	if all.total < 60 || len(all.dates) != 50 || len(all.bins) == 0 {
		t.Fatalf("all: %d events, %d listed, %d bins", all.total, len(all.dates), len(all.bins))
	}
	if !slices.IsSorted(all.dates) {
		t.Errorf("the list is not sorted by date: %v", all.dates)
	}

	t.Run("the October range leaves only October in the list and the timeline", func(t *testing.T) {
		html := ts.page(t, "/?from=2017-10-01&to=2017-10-31", http.StatusOK)
		oct := explore(t, html)
		if oct.total == 0 || oct.total >= all.total || len(oct.dates) != min(oct.total, 50) {
			t.Fatalf("October: %d events (of %d), %d listed", oct.total, all.total, len(oct.dates))
		}
		for _, d := range oct.dates {
			if !strings.HasPrefix(d, "2017-10") {
				t.Errorf("an event of %s in the October list", d)
			}
		}
		for start, n := range oct.bins {
			if !strings.HasPrefix(start, "2017-10-") {
				t.Errorf("a bar of %d events on %s", n, start)
			}
		}
		// The caption counts the events, as the list does; each bar counts the events its day
		// meets: those of that day, and each event dated October 2017 in every day of October.
		if caption := captionCount(t, html); caption != oct.total {
			t.Errorf("the timeline's caption counts %d events, the list %d", caption, oct.total)
		}
		if oct.total > 50 {
			t.Fatalf("%d events: the list does not show them all", oct.total)
		}
		months := 0
		for d := 1; d <= 31; d++ {
			iso := fmt.Sprintf("2017-10-%02d", d)
			want := 0
			for _, ld := range oct.dates {
				if ld == iso || ld == "2017-10" || ld == "2017" {
					want++
				}
				if d == 1 && ld == "2017-10" {
					months++
				}
			}
			if oct.bins[iso] != want {
				t.Errorf("the bar of %s counts %d events, the list %d that day", iso, oct.bins[iso], want)
			}
		}
		if months == 0 {
			t.Errorf("no event dated October 2017 in the demo: the spread is not tested")
		}
		for _, want := range []string{`value="2017-10-01"`, `value="2017-10-31"`, `data-size="day"`, `data-from="2017-10-01"`, `data-to="2017-11-01"`} {
			if !strings.Contains(html, want) {
				t.Errorf("the page has no %s", want)
			}
		}
	})
	t.Run("the next page follows", func(t *testing.T) {
		second := explore(t, ts.page(t, "/?page=2", http.StatusOK))
		if second.total != all.total || len(second.dates) != min(all.total-50, 50) || second.dates[0] < all.dates[49] {
			t.Errorf("page 2: %d listed from %v", len(second.dates), second.dates)
		}
	})
	t.Run("a filter of words", func(t *testing.T) {
		kirkuk := explore(t, ts.page(t, "/?q=Kirkuk", http.StatusOK))
		if kirkuk.total == 0 || kirkuk.total >= all.total {
			t.Errorf("q=Kirkuk: %d events of %d", kirkuk.total, all.total)
		}
	})
	t.Run("a malformed filter is a page for humans", func(t *testing.T) {
		html := ts.page(t, "/?from=2017-02-30", http.StatusBadRequest)
		if !strings.Contains(html, "no such day") || !strings.Contains(html, "<title>400") {
			t.Errorf("error page:\n%s", html)
		}
	})
}

func TestClusters(t *testing.T) {
	ts := newDemoServer(t, nil)
	clusters := func(t *testing.T, query string) *geojson.FeatureCollection {
		t.Helper()
		res, body := ts.do(t, http.MethodGet, "/clusters.geojson?"+query, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != "application/geo+json" {
			t.Errorf("Content-Type %q", ct)
		}
		fc, err := geojson.UnmarshalFeatureCollection(body)
		if err != nil {
			t.Fatal(err)
		}
		return fc
	}
	count := func(fc *geojson.FeatureCollection) (n int) {
		for _, f := range fc.Features {
			n += int(f.Properties.MustFloat64("count", 0))
		}
		return n
	}
	world := clusters(t, "zoom=0")
	fine := clusters(t, "zoom=9&view=35,32,45,38")
	if len(world.Features) >= len(fine.Features) || count(world) < count(fine) {
		t.Errorf("zoom 0: %d clusters of %d events; zoom 9: %d of %d", len(world.Features), count(world), len(fine.Features), count(fine))
	}
	box := orb.Bound{Min: orb.Point{35, 32}, Max: orb.Point{45, 38}}
	kinds := map[string]bool{}
	for _, f := range fine.Features {
		if !box.Contains(f.Geometry.(orb.Point)) {
			t.Errorf("%v is out of view", f.Geometry)
		}
		kinds[f.Properties.MustString("kind", "mixed")] = true
	}
	for _, k := range []string{"place", "admin", "country"} {
		if !kinds[k] {
			t.Errorf("no cluster of kind %s: %v", k, kinds)
		}
	}
	oct := clusters(t, "zoom=9&from=2017-10-01&to=2017-10-31")
	html := ts.page(t, "/?from=2017-10-01&to=2017-10-31", http.StatusOK)
	if n := explore(t, html).total; count(oct) != n {
		t.Errorf("October: %d events in clusters, %d in the list", count(oct), n)
	}
	res, body := ts.do(t, http.MethodGet, "/clusters.geojson?zoom=99", "", nil)
	wantError(t, res, body, http.StatusBadRequest, "zoom 99")

	// a marker's label is its place's name in the reader's language
	aleppo := placeIDOf(t, ts, "Alep")
	for ui, want := range map[string]string{"fr": "Alep", "en": "Aleppo"} {
		name := ""
		for _, f := range clusters(t, "zoom=12&view=36.9,36.0,37.4,36.4&ui="+ui).Features {
			if strconv.FormatInt(int64(f.Properties.MustFloat64("geonameid", 0)), 10) == aleppo {
				name = f.Properties.MustString("name", "")
			}
		}
		if name != want {
			t.Errorf("Aleppo's marker in %s is named %q, want %s", ui, name, want)
		}
	}
}

func TestPopup(t *testing.T) {
	ts := newDemoServer(t, nil)
	raqqa := placeIDOf(t, ts, "Raqqa")
	html := ts.page(t, "/popup?place="+raqqa, http.StatusOK)
	if !strings.Contains(html, "<mark>Raqqa</mark>") || !strings.Contains(html, `href="/reports/`) {
		t.Errorf("popup:\n%s", html)
	}
	ts.page(t, "/popup?place=1", http.StatusNotFound)
}

// placeIDOf is the GeoNames id the seed report's mention text resolves to.
func placeIDOf(t testing.TB, ts *testServer, text string) string {
	t.Helper()
	page, err := ts.store.QueryEvents(context.Background(), report.EventFilter{Q: text, Limit: report.MaxEventLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Events {
		if e.Text == text {
			return strconv.FormatInt(e.Place.ID, 10)
		}
	}
	t.Fatalf("no event of %q", text)
	return ""
}

func TestReportPage(t *testing.T) {
	ts := newDemoServer(t, nil)
	res, body := ts.post(t, "text/plain", readSeed(t))
	wantStatus(t, res, body, http.StatusOK) // the demo holds it
	seed := parseReport(t, body)
	html := ts.page(t, "/reports/"+seed.ID, http.StatusOK)
	for _, want := range []string{`class="report-text" dir="auto" lang="fr"`, `class="mention kind-place"`, ">Raqqa</a>", "2017-11-16", `data-geojson="/api/reports/` + seed.ID} {
		if !strings.Contains(html, want) {
			t.Errorf("the report page has no %s", want)
		}
	}
	ts.page(t, "/reports/nosuchreport", http.StatusNotFound)

	var markada *geojson.Feature
	for _, f := range seed.FC.Features {
		if f.Properties.MustString("text", "") == "Markada" {
			markada = f
		}
	}
	mid := strconv.FormatInt(int64(markada.ID.(float64)), 10)
	action := "/reports/" + seed.ID + "/mentions/" + mid
	correct := func(t *testing.T, place string, header ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, ts.URL+action, strings.NewReader(url.Values{"place": {place}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, b := ts.send(t, req)
		return res, []byte(b)
	}
	t.Run("a form of another site is refused", func(t *testing.T) {
		res, body := correct(t, "none", "Sec-Fetch-Site", "cross-site")
		wantStatus(t, res, body, http.StatusForbidden)
	})
	t.Run("a place that is not a candidate", func(t *testing.T) {
		res, body := correct(t, "2988507")
		wantStatus(t, res, body, http.StatusUnprocessableEntity)
	})
	t.Run("not a place is stored and shown", func(t *testing.T) {
		res, body := correct(t, "none", "Sec-Fetch-Site", "same-origin")
		wantStatus(t, res, body, http.StatusSeeOther)
		if loc := res.Header.Get("Location"); loc != "/reports/"+seed.ID+"#m-"+mid {
			t.Errorf("Location %q", loc)
		}
		html := ts.page(t, "/reports/"+seed.ID, http.StatusOK)
		if !strings.Contains(html, `<span class="not-a-place" id="m-`+mid+`"`) {
			t.Errorf("Markada is still a place on the page")
		}
		res, body = ts.do(t, http.MethodGet, "/api/reports/"+seed.ID, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		for _, f := range parseReport(t, body).FC.Features {
			if f.Properties.MustString("text", "") == "Markada" {
				t.Errorf("Markada is still a feature")
			}
		}
	})
}

func TestPlaceAndAboutPages(t *testing.T) {
	ts := newDemoServer(t, nil)
	raqqa := placeIDOf(t, ts, "Raqqa")
	html := ts.page(t, "/places/"+raqqa, http.StatusOK)
	e := explore(t, html)
	// GeoNames' English name first, its own name below
	if e.total == 0 || len(e.bins) == 0 || !strings.Contains(html, "<h1>Rakka</h1>") || !strings.Contains(html, `<p class="alt-name">Ar Raqqah</p>`) {
		t.Errorf("place page: %d events, %d bins, or not named Rakka (Ar Raqqah)", e.total, len(e.bins))
	}
	if caption := captionCount(t, html); caption != e.total {
		t.Errorf("the place's timeline counts %d events, its list %d", caption, e.total)
	}
	if !strings.Contains(html, `href="/places/`+raqqa+`?from=`) {
		t.Errorf("the place's timeline does not link to the place page")
	}
	ts.page(t, "/places/1", http.StatusNotFound)
	about := ts.page(t, "/about", http.StatusOK)
	for _, want := range []string{"GeoNames", "CC BY 4.0", "Creative Commons Attribution 4.0", "world-countries", "Open Database License", "Natural Earth", "world-atlas"} {
		if !strings.Contains(about, want) {
			t.Errorf("the about page does not credit %q", want)
		}
	}
}

func TestFramingPolicy(t *testing.T) {
	for _, tt := range []struct {
		name      string
		ancestors []string
		embed     string
	}{
		{"by default any site embeds", nil, "*"},
		{"an allow-list", []string{"https://news.example", "'self'"}, "https://news.example 'self'"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newDemoServer(t, func(c *web.Config) { c.FrameAncestors = tt.ancestors })
			for _, path := range []string{"/embed", "/embed/map", "/embed/timeline?theme=dark"} {
				res, body := ts.do(t, http.MethodGet, path, "", nil)
				wantStatus(t, res, body, http.StatusOK)
				if got := cspDirective(res.Header, "frame-ancestors"); got != tt.embed {
					t.Errorf("%s: frame-ancestors %q, want %q", path, got, tt.embed)
				}
			}
			for _, path := range []string{"/", "/about", "/api/events", "/nothing", "/assets/static/app.css", "/oembed?url=x"} {
				res, body := ts.do(t, http.MethodGet, path, "", nil)
				if got := cspDirective(res.Header, "frame-ancestors"); got != "'none'" {
					t.Errorf("%s (%d): frame-ancestors %q, want 'none'; %.100s", path, res.StatusCode, got, body)
				}
			}
		})
	}
	t.Run("embeds have no chrome and take a theme", func(t *testing.T) {
		ts := newDemoServer(t, nil)
		html := ts.page(t, "/embed?theme=dark&from=2017-10-01&to=2017-10-31", http.StatusOK)
		for _, want := range []string{`data-theme="dark"`, `id="map"`, `id="timeline"`, "/assets/static/embed.js", `href="http://` + strings.TrimPrefix(ts.URL, "http://") + `/?from=2017-10-01&amp;to=2017-10-31"`} {
			if !strings.Contains(html, want) {
				t.Errorf("the embed has no %s", want)
			}
		}
		if strings.Contains(html, "site-header") {
			t.Errorf("the embed has the site's header")
		}
		if html := ts.page(t, "/embed/timeline", http.StatusOK); strings.Contains(html, `id="map"`) {
			t.Errorf("the timeline embed has a map")
		}
		ts.page(t, "/embed?theme=pink", http.StatusBadRequest)
	})
	for _, bad := range []string{"https://a.example; script-src *", "javascript:alert(1)x y'", "'unsafe-inline'"} {
		if _, err := web.ParseFrameAncestors(bad); err == nil {
			t.Errorf("frame ancestors %q accepted", bad)
		}
	}
}

func TestOEmbed(t *testing.T) {
	ts := newDemoServer(t, nil)
	html := ts.page(t, "/?from=2017-10-01", http.StatusOK)
	link := regexp.MustCompile(`<link rel="alternate" type="application/json\+oembed" href="([^"]+)"`).FindStringSubmatch(html)
	if link == nil {
		t.Fatal("no oEmbed discovery link")
	}
	discovered := strings.ReplaceAll(link[1], "&amp;", "&")
	u, err := url.Parse(discovered)
	if err != nil || u.Query().Get("url") != ts.URL+"/?from=2017-10-01" {
		t.Fatalf("discovery link %q", discovered)
	}
	oembed := func(t *testing.T, query string) map[string]any {
		t.Helper()
		res, body := ts.do(t, http.MethodGet, "/oembed?"+query, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		var o map[string]any
		if err := json.Unmarshal(body, &o); err != nil {
			t.Fatal(err)
		}
		return o
	}
	o := oembed(t, u.RawQuery+"&maxwidth=400&maxheight=300")
	if o["type"] != "rich" || o["version"] != "1.0" || o["provider_name"] != "Dateline" || o["width"] != 400.0 || o["height"] != 300.0 {
		t.Errorf("oEmbed %v", o)
	}
	if h, _ := o["html"].(string); !strings.Contains(h, `<iframe src="`+ts.URL+`/embed?from=2017-10-01"`) || !strings.Contains(h, `width="400" height="300"`) {
		t.Errorf("html %q", h)
	}
	if o["title"] != "Dateline: events on a map and a timeline" {
		t.Errorf("title %q", o["title"])
	}
	for _, tt := range []struct{ name, query string }{
		{"the url's ?ui=fr", "url=" + url.QueryEscape(ts.URL+"/?from=2017-10-01&ui=fr")},
		{"the url's ?ui=fr over the request's", "ui=en&url=" + url.QueryEscape(ts.URL+"/?ui=fr&from=2017-10-01")},
		{"the request's ?ui=fr", "ui=fr&url=" + url.QueryEscape(ts.URL+"/?from=2017-10-01")},
	} {
		t.Run("a French title from "+tt.name, func(t *testing.T) {
			fr := oembed(t, tt.query)
			if fr["title"] != "Dateline : les événements sur une carte et une chronologie" {
				t.Errorf("title %q", fr["title"])
			}
		})
	}
	t.Run("the url's ?ui=fr reaches the iframe and the thumbnail", func(t *testing.T) {
		fr := oembed(t, "url="+url.QueryEscape(ts.URL+"/?from=2017-10-01&ui=fr"))
		h, _ := fr["html"].(string)
		thumb, _ := fr["thumbnail_url"].(string)
		if !strings.Contains(h, `ui=fr"`) || !strings.Contains(h, `title="Dateline : les événements sur une carte et une chronologie"`) || !strings.Contains(thumb, "ui=fr") {
			t.Errorf("html %q, thumbnail %q", h, thumb)
		}
	})
	place := oembed(t, "url="+url.QueryEscape(ts.URL+"/places/163843"))
	if h, _ := place["html"].(string); !strings.Contains(h, "/embed?place=163843") {
		t.Errorf("place html %q", h)
	}
	for _, tt := range []struct {
		name, query string
		status      int
		msg         string
	}{
		{"another site", "url=" + url.QueryEscape("https://evil.example/"), 404, "not a view"},
		{"no url", "format=json", 400, "url is required"},
		{"xml", "format=xml&url=" + url.QueryEscape(ts.URL+"/"), 501, "only json"},
		{"a report page", "url=" + url.QueryEscape(ts.URL+"/about"), 404, "not a view"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := ts.do(t, http.MethodGet, "/oembed?"+tt.query, "", nil)
			wantError(t, res, body, tt.status, tt.msg)
		})
	}
}

func TestBasemapAndAssets(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.do(t, http.MethodGet, "/basemap/countries-110m.json", "", nil)
	wantStatus(t, res, body, http.StatusOK)
	var topo struct {
		Type    string
		Objects map[string]json.RawMessage
	}
	if err := json.Unmarshal(body, &topo); err != nil || topo.Type != "Topology" || topo.Objects["countries"] == nil {
		t.Errorf("basemap: %v, type %q", err, topo.Type)
	}
	res, body = ts.do(t, http.MethodGet, "/basemap/other.json", "", nil)
	wantError(t, res, body, http.StatusNotFound, "nothing at")
	for _, path := range []string{"/assets/vendor/leaflet/leaflet.js", "/assets/static/map.js", "/assets/static/embed.js", "/assets/static/app.css"} {
		res, body := ts.do(t, http.MethodGet, path, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		if len(body) < 500 {
			t.Errorf("%s: %d bytes", path, len(body))
		}
	}
	ts.page(t, "/assets/static/", http.StatusNotFound)
	ts.page(t, "/assets/nothing.js", http.StatusNotFound)
}

// TestTimelineAxis: an open range is the events' own, without one far from the rest (a report
// dated 2014 among events of 2017), which the caption names and links to; the caption counts
// every event, as the list does. With events between, nothing is far: the axis is in months.
func TestTimelineAxis(t *testing.T) {
	ts := newDemoServer(t, nil)
	postReport := func(date string) {
		t.Helper()
		body := `{"title":"Old","text":"Fighting was reported in Raqqa in ` + date + `.","date":"` + date + `","lang":"en","source":"Test"}`
		if res, b := ts.post(t, "application/json", body); res.StatusCode != http.StatusCreated {
			t.Fatalf("post: %d %s", res.StatusCode, b)
		}
	}
	postReport("2014")
	html := ts.page(t, "/", http.StatusOK)
	e := explore(t, html)
	for _, want := range []string{`data-from="2017-`, `Off the axis: events of 1 January 2014 to 31 December 2014, <a href="/?from=2014-01-01&amp;to=2014-12-31" data-inplace>show them</a>`} {
		if !strings.Contains(html, want) {
			t.Errorf("the page has no %s", want)
		}
	}
	if c := captionCount(t, html); c != e.total || e.dates[0] != "2014" {
		t.Errorf("the caption counts %d events, the list %d (%v)", c, e.total, e.dates)
	}
	if html := ts.page(t, "/?from=2014-01-01&to=2017-12-31", http.StatusOK); strings.Contains(html, "Off the axis") || !strings.Contains(html, `data-from="2014-01-01"`) {
		t.Errorf("a range given is drawn whole")
	}

	postReport("2016")
	html = ts.page(t, "/", http.StatusOK)
	of2014 := 0 // the demo's sentences dated 2014 ("encerclée depuis 2014"), and ours
	for _, d := range explore(t, html).dates {
		if d == "2014" {
			of2014++
		}
	}
	for _, want := range []string{`data-from="2014-01-01"`, `data-size="month"`, `data-start="2014-06-01" data-count="` + strconv.Itoa(of2014) + `"`, `data-start="2016-06-01" data-count="1"`} {
		if !strings.Contains(html, want) {
			t.Errorf("2014, 2016 and 2017: the page has no %s: %q", want, regexp.MustCompile(`data-start="201[46]-0[56]-01" data-count="[0-9]+"`).FindAllString(html, -1))
		}
	}
	if strings.Contains(html, "Off the axis") || captionCount(t, html) != explore(t, html).total {
		t.Errorf("2014, 2016 and 2017: off the axis, or the caption and the list disagree")
	}
}

// TestReportPageDownload: a report's page offers its places as GeoJSON, and the file holds as many
// features as the menu says.
func TestReportPageDownload(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.post(t, "text/plain", readSeed(t))
	wantStatus(t, res, body, http.StatusCreated)
	seed := parseReport(t, body)
	menu := regexp.MustCompile(`<a href="([^"]+)" download="dateline-report.geojson" type="application/geo\+json">GeoJSON</a>\s*this report&#39;s (\d+) places`)
	m := menu.FindStringSubmatch(ts.page(t, "/reports/"+seed.ID, http.StatusOK))
	if m == nil {
		t.Fatal("no download menu on the report page")
	}
	res, body = ts.do(t, http.MethodGet, html.UnescapeString(m[1]), "", nil)
	wantStatus(t, res, body, http.StatusOK)
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.Atoi(m[2]); n != len(fc.Features) || n != len(seed.FC.Features) {
		t.Errorf("the menu says %s places, the file holds %d features, the report %d", m[2], len(fc.Features), len(seed.FC.Features))
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("Content-Type %q", ct)
	}
	res, body = ts.do(t, http.MethodGet, "/api/reports/"+seed.ID+"?f=xml", "", nil)
	wantError(t, res, body, http.StatusBadRequest, `f="xml"`)
}
