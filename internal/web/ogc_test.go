package web_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The SQLite store pages events as the OGC API needs.
var _ web.FeatureStore = (*sqlite.Store)(nil)

// pacificReport names places on both sides of the antimeridian: Suva (Fiji, 178.4 E), Apia
// (Samoa, 171.8 W) and Nuku'alofa (Tonga, 175.2 W).
const pacificReport = `{"title":"Storms in the South Pacific","text":"Floods hit Suva on 3 March 2020. Later, storms reached Apia and Nuku'alofa.",` +
	`"date":"2020-03-05","lang":"en","source":"Pacific wire"}`

// ogcServer is the demo's reports (Syria and Iraq, 2017) and one about the South Pacific.
func ogcServer(t *testing.T) *testServer {
	t.Helper()
	ts := newDemoServer(t, nil)
	res, body := ts.post(t, "application/json", pacificReport)
	wantStatus(t, res, body, http.StatusCreated)
	return ts
}

const itemsPath = "/ogc/collections/events/items"

// get GETs a path, or an absolute URL of the server, with header pairs, and checks the status.
func (ts *testServer) get(t *testing.T, pathOrURL string, status int, header ...string) (*http.Response, []byte) {
	t.Helper()
	res, body := ts.do(t, http.MethodGet, strings.TrimPrefix(pathOrURL, ts.URL), "", nil, header...)
	if res.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d; body: %.500s", pathOrURL, res.StatusCode, status, body)
	}
	return res, body
}

// ogcPage is a page of items parsed back: with orb, and its OGC members.
type ogcPage struct {
	FC       *geojson.FeatureCollection
	Matched  int
	Returned int
	Links    []ogc.Link
}

func parseOGCPage(t *testing.T, body []byte) ogcPage {
	t.Helper()
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		t.Fatalf("items: %v\n%.500s", err, body)
	}
	var m struct {
		Matched  *int       `json:"numberMatched"`
		Returned *int       `json:"numberReturned"`
		Links    []ogc.Link `json:"links"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if m.Matched == nil || m.Returned == nil {
		t.Fatalf("items without numberMatched or numberReturned: %.300s", body)
	}
	if *m.Returned != len(fc.Features) {
		t.Fatalf("numberReturned %d, %d features", *m.Returned, len(fc.Features))
	}
	return ogcPage{FC: fc, Matched: *m.Matched, Returned: *m.Returned, Links: m.Links}
}

// link is the href of the page's link rel of the media type typ, or "".
func link(links []ogc.Link, rel, typ string) string {
	for _, l := range links {
		if l.Rel == rel && l.Type == typ {
			return l.Href
		}
	}
	return ""
}

func featureID(t *testing.T, f *geojson.Feature) int64 {
	t.Helper()
	id, ok := f.ID.(float64)
	if !ok || id != math.Trunc(id) || id <= 0 {
		t.Fatalf("feature id %#v is not a whole number", f.ID)
	}
	return int64(id)
}

// featureKey is a feature's place in the order of the list: the first day of its date, then its id.
func featureKey(t *testing.T, f *geojson.Feature) report.EventKey {
	t.Helper()
	s := f.Properties.MustString("date_start", "")
	if s == "" {
		return report.EventKey{Undated: true, MentionID: featureID(t, f)}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return report.EventKey{Start: d, MentionID: featureID(t, f)}
}

// walk follows next from the first page of items?query to the end, checking every page, and
// returns the features and the first page's numberMatched. between runs after each page.
func walk(t *testing.T, ts *testServer, query string, between func(page int, last report.EventKey)) ([]*geojson.Feature, int, []string) {
	t.Helper()
	u := itemsPath + "?" + query
	limit := ogc.DefaultLimit
	if v, _ := url.ParseQuery(query); v.Get("limit") != "" {
		limit, _ = strconv.Atoi(v.Get("limit"))
	}
	var all []*geojson.Feature
	var pages []string
	matched := -1
	for n := 0; u != ""; n++ {
		if n > 1000 {
			t.Fatal("next does not end")
		}
		res, body := ts.get(t, u, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != ogc.MediaGeoJSON {
			t.Fatalf("%s: Content-Type %q", u, ct)
		}
		p := parseOGCPage(t, body)
		if p.Returned > limit {
			t.Fatalf("%s: %d features, limit %d", u, p.Returned, limit)
		}
		if matched < 0 {
			matched = p.Matched
		}
		pages = append(pages, u)
		all = append(all, p.FC.Features...)
		u = link(p.Links, "next", ogc.MediaGeoJSON)
		if u != "" && p.Returned == 0 {
			t.Fatalf("%s: an empty page with a next link", pages[len(pages)-1])
		}
		if u != "" && between != nil {
			between(n, featureKey(t, p.FC.Features[len(p.FC.Features)-1]))
		}
	}
	return all, matched, pages
}

// apiEventIDs are the ids of the events /api/events lists for the query, in its order.
func apiEventIDs(t *testing.T, ts *testServer, query string) []int64 {
	t.Helper()
	_, body := ts.get(t, "/api/events?limit=5000&"+query, http.StatusOK)
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, f := range fc.Features {
		ids = append(ids, featureID(t, f))
	}
	return ids
}

func featureIDs(t *testing.T, fs []*geojson.Feature) []int64 {
	t.Helper()
	var ids []int64
	for _, f := range fs {
		ids = append(ids, featureID(t, f))
	}
	return ids
}

// TestOGCLandingConformanceCollections: the landing page links the API's definition and
// documentation, the conformance classes and the collections, each link with its type, which
// the resource it points to answers; /conformance lists the four classes; /collections and
// /collections/events describe the events with an extent computed from the store.
func TestOGCLandingConformanceCollections(t *testing.T) {
	ts := ogcServer(t)

	for _, path := range []string{"/ogc", "/ogc/"} {
		res, body := ts.get(t, path, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != ogc.MediaJSON {
			t.Errorf("%s: Content-Type %q", path, ct)
		}
		var landing struct {
			Title, Description string
			Links              []ogc.Link
		}
		if err := json.Unmarshal(body, &landing); err != nil || landing.Title == "" {
			t.Fatalf("%s: %v %s", path, err, body)
		}
		for _, want := range []struct{ rel, typ, path string }{
			{"self", ogc.MediaJSON, "/ogc"}, {"alternate", ogc.MediaHTML, "/ogc"},
			{"service-desc", ogc.MediaOpenAPI, "/api"}, {"service-doc", ogc.MediaHTML, "/api"},
			{"conformance", ogc.MediaJSON, "/ogc/conformance"}, {"conformance", ogc.MediaHTML, "/ogc/conformance"},
			{"data", ogc.MediaJSON, "/ogc/collections"}, {"data", ogc.MediaHTML, "/ogc/collections"},
		} {
			href := link(landing.Links, want.rel, want.typ)
			u, err := url.Parse(href)
			if href == "" || err != nil || u.Path != want.path || !strings.HasPrefix(href, ts.URL) {
				t.Errorf("%s: link %s of %s is %q, want %s", path, want.rel, want.typ, href, want.path)
				continue
			}
			// The link's resource answers in the link's type.
			res, body := ts.get(t, href, http.StatusOK)
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, want.typ) {
				t.Errorf("%s (%s): Content-Type %q, want %s; %.200s", href, want.rel, ct, want.typ, body)
			}
		}
	}

	_, body := ts.get(t, "/ogc/conformance", http.StatusOK)
	var conf struct{ ConformsTo []string }
	if err := json.Unmarshal(body, &conf); err != nil {
		t.Fatal(err)
	}
	for _, class := range []string{"core", "geojson", "html", "oas30"} {
		if !slices.Contains(conf.ConformsTo, "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"+class) {
			t.Errorf("conformsTo %q lacks %s", conf.ConformsTo, class)
		}
	}

	type collection struct {
		ID     string
		Title  string
		Links  []ogc.Link
		Extent struct {
			Spatial struct {
				BBox [][]float64
				CRS  string
			}
			Temporal struct {
				Interval [][]*string
				TRS      string
			}
		}
		ItemType string
		CRS      []string
	}
	_, body = ts.get(t, "/ogc/collections", http.StatusOK)
	var cols struct {
		Links       []ogc.Link
		Collections []collection
	}
	if err := json.Unmarshal(body, &cols); err != nil {
		t.Fatal(err)
	}
	if len(cols.Collections) != 3 || cols.Collections[0].ID != "events" || link(cols.Links, "self", ogc.MediaJSON) == "" {
		t.Fatalf("collections: %s", body)
	}
	_, body = ts.get(t, "/ogc/collections/events", http.StatusOK)
	var events collection
	if err := json.Unmarshal(body, &events); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(events)
	b, _ := json.Marshal(cols.Collections[0])
	if string(a) != string(b) {
		t.Errorf("/collections/events differs from its entry in /collections:\n%s\n%s", a, b)
	}
	if events.ItemType != "feature" || !slices.Equal(events.CRS, []string{ogc.CRS84}) || events.Extent.Spatial.CRS != ogc.CRS84 {
		t.Errorf("itemType %q, crs %q, extent's crs %q", events.ItemType, events.CRS, events.Extent.Spatial.CRS)
	}
	items := link(events.Links, "items", ogc.MediaGeoJSON)
	if items == "" || link(events.Links, "items", ogc.MediaHTML) == "" {
		t.Fatalf("the collection's items links: %+v", events.Links)
	}

	// The extent is the bound of every event's point and the days of their dates.
	all, matched, _ := walk(t, ts, "limit=10000", nil)
	if len(all) != matched || matched < 50 {
		t.Fatalf("%d events of %d", len(all), matched)
	}
	var bound orb.Bound
	var first, last string
	for i, f := range all {
		p := f.Geometry.(orb.Point)
		if i == 0 {
			bound = p.Bound()
		}
		bound = bound.Extend(p)
		if s := f.Properties.MustString("date_start", ""); s != "" && (first == "" || s < first) {
			first = s
		}
		if s := f.Properties.MustString("date_end", ""); s > last {
			last = s
		}
	}
	if len(events.Extent.Spatial.BBox) != 1 || len(events.Extent.Spatial.BBox[0]) != 4 {
		t.Fatalf("bbox %v", events.Extent.Spatial.BBox)
	}
	for i, want := range []float64{bound.Min.Lon(), bound.Min.Lat(), bound.Max.Lon(), bound.Max.Lat()} {
		if got := events.Extent.Spatial.BBox[0][i]; math.Abs(got-want) > 1e-4 {
			t.Errorf("bbox %v, want the events' %v", events.Extent.Spatial.BBox[0], bound)
			break
		}
	}
	iv := events.Extent.Temporal.Interval
	if len(iv) != 1 || len(iv[0]) != 2 || iv[0][0] == nil || iv[0][1] == nil ||
		*iv[0][0] != first+"T00:00:00Z" || *iv[0][1] != last+"T23:59:59Z" || events.Extent.Temporal.TRS == "" {
		t.Errorf("temporal extent %s, want %s to %s", jsonString(iv), first, last)
	}
}

// TestOGCItemsFeatures: the features are GeoJSON Points with the events' properties; a feature
// is also its own resource, the same as in the list.
func TestOGCItemsFeatures(t *testing.T) {
	ts := ogcServer(t)
	res, body := ts.get(t, itemsPath+"?bbox=178,-20,179,-17", http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != ogc.MediaGeoJSON {
		t.Errorf("Content-Type %q", ct)
	}
	p := parseOGCPage(t, body)
	if p.Matched != 1 || len(p.FC.Features) != 1 {
		t.Fatalf("Suva's box: %d of %d features", len(p.FC.Features), p.Matched)
	}
	suva := p.FC.Features[0]
	pt, ok := suva.Geometry.(orb.Point)
	if !ok || math.Abs(pt.Lon()-178.42) > 0.1 || math.Abs(pt.Lat()+18.14) > 0.1 {
		t.Errorf("Suva's geometry %#v", suva.Geometry)
	}
	for name, want := range map[string]any{
		"name": "Suva", "geonameid": 2198148.0, "kind": "place", "country_code": "FJ", "date": "2020-03-03",
		"date_precision": "day", "date_start": "2020-03-03", "date_end": "2020-03-03", "text": "Suva",
		"sentence": "Floods hit Suva on 3 March 2020.", "title": "Storms in the South Pacific", "source": "Pacific wire",
		"published": "2020-03-05", "lang": "en",
	} {
		if got := suva.Properties[name]; got != want {
			t.Errorf("property %s = %#v, want %#v", name, got, want)
		}
	}
	if suva.Properties.MustString("report_id", "") == "" {
		t.Error("no report_id")
	}

	id := featureID(t, suva)
	res, body = ts.get(t, fmt.Sprintf("%s/%d", itemsPath, id), http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != ogc.MediaGeoJSON {
		t.Errorf("Content-Type %q", ct)
	}
	f, err := geojson.UnmarshalFeature(body)
	if err != nil {
		t.Fatal(err)
	}
	var links struct{ Links []ogc.Link }
	if err := json.Unmarshal(body, &links); err != nil {
		t.Fatal(err)
	}
	if featureID(t, f) != id || f.Geometry != suva.Geometry || jsonString(f.Properties) != jsonString(suva.Properties) {
		t.Errorf("the feature %s differs from the list's", body)
	}
	for _, rel := range [][2]string{{"self", ogc.MediaGeoJSON}, {"alternate", ogc.MediaHTML}, {"collection", ogc.MediaJSON}} {
		if link(links.Links, rel[0], rel[1]) == "" {
			t.Errorf("the feature has no %s link of %s: %+v", rel[0], rel[1], links.Links)
		}
	}

	// A mention that is no place, an id of no mention, and a text are no feature.
	for _, bad := range []string{"999999", "0", "-1", "abc", "1.5"} {
		res, body := ts.get(t, itemsPath+"/"+bad, http.StatusNotFound)
		wantOGCError(t, res, body, http.StatusNotFound, "")
	}
}

// TestOGCPagingWhileAdding: next followed to the end gives each event once, numberMatched of
// them, while reports are added between pages: those whose events sort before the page are not
// listed (the next page starts after the last one read), those after it are, once; prev followed
// back from the last page gives the same events.
func TestOGCPagingWhileAdding(t *testing.T) {
	ts := ogcServer(t)
	const query = "bbox=35,30,45,40&datetime=2017-10-01/2017-12-31&limit=5"
	box := orb.Bound{Min: orb.Point{35, 30}, Max: orb.Point{45, 40}}
	from, to := time.Date(2017, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	before := apiEventIDs(t, ts, "bbox=35,30,45,40&from=2017-10-01&to=2017-12-31")

	// Each page, one report: early in the range (before the page, unless the page is early),
	// late in it (after every page), before the range, or outside the box.
	texts := []string{
		"Report %d: shelling hit Raqqa on 2 October 2017.",
		"Report %d: fighting resumed in Raqqa on 30 December 2017.",
		"Report %d: Raqqa was quiet on 5 May 2015.",
		"Report %d: storms hit Suva on 2 October 2017.",
	}
	var afterCursor, beforeCursor []int64 // the added events of the query, after and before the page they were added after
	inQuery := func(f *geojson.Feature) bool {
		d, err := report.ParseDate(f.Properties.MustString("date", ""))
		return err == nil && !d.IsZero() && d.Start().Before(to) && d.End().After(from) && box.Contains(f.Geometry.(orb.Point))
	}
	got, matched, pages := walk(t, ts, query, func(page int, last report.EventKey) {
		res, body := ts.post(t, "application/json", fmt.Sprintf(`{"title":"Added","text":%q,"date":"2018-01-02","lang":"en"}`,
			fmt.Sprintf(texts[page%len(texts)], page)))
		wantStatus(t, res, body, http.StatusCreated)
		for _, f := range parseReport(t, body).FC.Features {
			if !inQuery(f) {
				continue
			}
			d, _ := report.ParseDate(f.Properties.MustString("date", ""))
			k := report.EventKey{Start: d.Start(), MentionID: featureID(t, f)}
			if k.Compare(last) > 0 {
				afterCursor = append(afterCursor, k.MentionID)
			} else {
				beforeCursor = append(beforeCursor, k.MentionID)
			}
		}
	})
	if len(pages) < 10 || len(afterCursor) == 0 || len(beforeCursor) == 0 {
		t.Fatalf("%d pages, %d events added after the page and %d before it: the test tests nothing", len(pages), len(afterCursor), len(beforeCursor))
	}
	ids := featureIDs(t, got)
	seen := map[int64]bool{}
	for i, f := range got {
		if seen[ids[i]] {
			t.Errorf("event %d listed twice", ids[i])
		}
		seen[ids[i]] = true
		if i > 0 && featureKey(t, got[i-1]).Compare(featureKey(t, f)) >= 0 {
			t.Errorf("event %d does not sort after event %d", ids[i], ids[i-1])
		}
	}
	if matched != len(before) {
		t.Errorf("numberMatched %d, /api/events %d", matched, len(before))
	}
	want := slices.Concat(before, afterCursor)
	if len(got) != matched+len(afterCursor) || !sameIDs(ids, want) {
		t.Errorf("listed %d events, want the %d matched and the %d added after their page:\n got %v\nwant %v", len(got), matched, len(afterCursor), ids, want)
	}
	for _, id := range beforeCursor {
		if seen[id] {
			t.Errorf("event %d, added before the page it sorts in, is listed", id)
		}
	}
	_, body := ts.get(t, itemsPath+"?"+query, http.StatusOK)
	if now := parseOGCPage(t, body).Matched; now != matched+len(afterCursor)+len(beforeCursor) {
		t.Errorf("numberMatched is now %d, want %d + %d + %d", now, matched, len(afterCursor), len(beforeCursor))
	}

	// Back from the last page by prev: the same events, the same pages.
	forward, _, fwdPages := walk(t, ts, query, nil)
	_, body = ts.get(t, fwdPages[len(fwdPages)-1], http.StatusOK)
	p := parseOGCPage(t, body)
	backward := p.FC.Features
	for n := 0; ; n++ {
		prev := link(p.Links, "prev", ogc.MediaGeoJSON)
		if prev == "" {
			break
		}
		if n > 1000 {
			t.Fatal("prev does not end")
		}
		if v := mustParseURL(t, prev).Query(); v.Get("bbox") != "35,30,45,40" || v.Get("datetime") != "2017-10-01/2017-12-31" || v.Get("limit") != "5" || v.Get("before") == "" {
			t.Fatalf("prev %s does not keep the parameters", prev)
		}
		_, body = ts.get(t, prev, http.StatusOK)
		p = parseOGCPage(t, body)
		if p.Returned != 5 {
			t.Errorf("a previous page of %d features, limit 5", p.Returned)
		}
		backward = append(slices.Clone(p.FC.Features), backward...)
	}
	if !slices.Equal(featureIDs(t, backward), featureIDs(t, forward)) {
		t.Errorf("prev to the start lists\n%v\nnext to the end\n%v", featureIDs(t, backward), featureIDs(t, forward))
	}
	for _, u := range fwdPages[1:] {
		if v := mustParseURL(t, u).Query(); v.Get("bbox") != "35,30,45,40" || v.Get("datetime") != "2017-10-01/2017-12-31" || v.Get("limit") != "5" || v.Get("after") == "" {
			t.Fatalf("next %s does not keep the parameters", u)
		}
	}
}

// sameIDs reports whether a and b hold the same ids, in any order.
func sameIDs(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func mustParseURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestOGCAntimeridian: a bbox whose west lies east of its east crosses the antimeridian, with 4
// numbers or 6; it selects what /api/events selects for the same box.
func TestOGCAntimeridian(t *testing.T) {
	ts := ogcServer(t)
	for _, tt := range []struct {
		name, bbox, apiBBox string
		want                []string
	}{
		{"across, both sides", "170,-25,-170,-10", "170,-25,-170,-10", []string{"Apia", "Nuku‘alofa", "Suva"}},
		{"across, six numbers", "170,-25,-1000,-170,-10,1000", "170,-25,-170,-10", []string{"Apia", "Nuku‘alofa", "Suva"}},
		{"across, west side only", "179,-25,-172,-10", "179,-25,-172,-10", []string{"Nuku‘alofa"}},
		{"across, east side only", "178,-25,-179,-10", "178,-25,-179,-10", []string{"Suva"}},
		{"across, nothing", "179,-25,-179,-10", "179,-25,-179,-10", []string{}},
		{"east of the antimeridian", "-180,-25,-170,-10", "-180,-25,-170,-10", []string{"Apia", "Nuku‘alofa"}},
		{"west of the antimeridian", "170,-25,180,-10", "170,-25,180,-10", []string{"Suva"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			all, matched, _ := walk(t, ts, "limit=2&bbox="+tt.bbox, nil)
			names := []string{}
			for _, f := range all {
				names = append(names, f.Properties.MustString("name", ""))
			}
			slices.Sort(names)
			if !slices.Equal(names, tt.want) || matched != len(tt.want) {
				t.Errorf("bbox %s: %q (numberMatched %d), want %q", tt.bbox, names, matched, tt.want)
			}
			if api := apiEventIDs(t, ts, "bbox="+tt.apiBBox); !sameIDs(api, featureIDs(t, all)) {
				t.Errorf("bbox %s: %v, /api/events %v", tt.bbox, featureIDs(t, all), api)
			}
		})
	}
}

// TestOGCDatetime: every form of datetime selects the events whose date intersects it, as
// /api/events selects them with from and to (dates, both included).
func TestOGCDatetime(t *testing.T) {
	ts := ogcServer(t)
	for _, tt := range []struct {
		name, datetime, api string
	}{
		{"instant", "2017-11-16T12:00:00Z", "from=2017-11-16&to=2017-11-16"},
		{"instant with an offset, the next day in UTC", "2017-11-15T23:30:00-02:00", "from=2017-11-16&to=2017-11-16"},
		{"instant at midnight", "2017-11-16T00:00:00Z", "from=2017-11-16&to=2017-11-16"},
		{"day", "2017-11-16", "from=2017-11-16&to=2017-11-16"},
		{"month", "2017-11", "from=2017-11&to=2017-11"},
		{"year", "2017", "from=2017&to=2017"},
		{"closed interval of date-times", "2017-10-01T00:00:00Z/2017-11-30T23:59:59Z", "from=2017-10-01&to=2017-11-30"},
		{"closed interval ending at midnight", "2017-10-01T00:00:00Z/2017-11-30T00:00:00Z", "from=2017-10-01&to=2017-11-30"},
		{"closed interval of days", "2017-10-01/2017-11-30", "from=2017-10-01&to=2017-11-30"},
		{"closed interval of months", "2017-10/2017-11", "from=2017-10&to=2017-11"},
		{"open start", "../2017-11-30", "to=2017-11-30"},
		{"empty start", "/2017-11-30", "to=2017-11-30"},
		{"open start, date-time", "../2017-11-30T10:00:00Z", "to=2017-11-30"},
		{"open end", "2017-10-01/..", "from=2017-10-01"},
		{"empty end", "2017-10-01/", "from=2017-10-01"},
		{"open end, partial", "2017-11/..", "from=2017-11"},
		{"both ends open: the dated events", "../..", "from=0001"},
		{"GDAL's dates", "2017-10-01T/2017-11-30T", "from=2017-10-01&to=2017-11-30"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			all, matched, _ := walk(t, ts, "limit=10000&datetime="+url.QueryEscape(tt.datetime), nil)
			want := apiEventIDs(t, ts, tt.api)
			if len(want) == 0 {
				t.Fatalf("/api/events?%s is empty: the case tests nothing", tt.api)
			}
			if got := featureIDs(t, all); !slices.Equal(got, want) || matched != len(want) {
				t.Errorf("datetime=%s: %v (numberMatched %d), want /api/events?%s: %v", tt.datetime, got, matched, tt.api, want)
			}
			for _, f := range all {
				if f.Properties.MustString("date", "") == "" {
					t.Errorf("datetime=%s lists an undated event", tt.datetime)
				}
			}
		})
	}
	// An instant inside a month selects the events dated that month: dates intersect.
	all, _, _ := walk(t, ts, "limit=10000&datetime=2017-11-16T12:00:00Z", nil)
	if !slices.ContainsFunc(all, func(f *geojson.Feature) bool { return f.Properties.MustString("date_precision", "") == "month" }) {
		t.Error("an instant of 16 November 2017 does not select the events of November 2017")
	}
}

// wantOGCError checks an error of the OGC API: its status, JSON, the parameter it names (when
// param is not empty) in its parameter member and in its message, and the request's id.
func wantOGCError(t *testing.T, res *http.Response, body []byte, status int, param string) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("status %d, want %d: %s", res.StatusCode, status, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, ogc.MediaJSON) {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
	var e struct {
		Code, Description, Parameter, Error string
		RequestID                           string `json:"request_id"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %s: %v", body, err)
	}
	if e.Code == "" || e.Description == "" || e.Description != e.Error || e.RequestID != res.Header.Get("X-Request-Id") {
		t.Errorf("error body %s", body)
	}
	if param != "" && (e.Parameter != param || !strings.Contains(e.Description, param)) {
		t.Errorf("error %s does not name %s", body, param)
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("an error without CORS")
	}
}

// TestOGCBadRequests: an unknown, repeated or malformed parameter is a 400 with a JSON error
// that names it, on every resource; an unknown collection or feature is a 404.
func TestOGCBadRequests(t *testing.T) {
	ts := newServer(t, nil) // with the atlas: country_code takes names
	after := report.EventKey{Start: time.Date(2017, 11, 16, 0, 0, 0, 0, time.UTC), MentionID: 3}.String()
	for _, tt := range []struct{ path, param string }{
		{"/ogc?limit=5", "limit"},
		{"/ogc/?bbox=1,2,3,4", "bbox"},
		{"/ogc?f=xml", "f"},
		{"/ogc/conformance?x=1", "x"},
		{"/ogc/collections?datetime=2017", "datetime"},
		{"/ogc/collections/events?f=json&f=html", "f"},
		{"/ogc/collections/events/items/1?bbox=1,2,3,4", "bbox"},
		{"/api?limit=1", "limit"},
		{"/api?f=yaml", "f"},
		{itemsPath + "?foo=bar", "foo"},
		{itemsPath + "?BBOX=1,2,3,4", "BBOX"},
		{itemsPath + "?bbox-crs=" + url.QueryEscape(ogc.CRS84), "bbox-crs"},
		{itemsPath + "?offset=10", "offset"},
		{itemsPath + "?bbox=1,2,3,4&bbox=1,2,3,4", "bbox"},
		{itemsPath + "?bbox=1,2,3", "bbox"},
		{itemsPath + "?bbox=1,2,3,4,5", "bbox"},
		{itemsPath + "?bbox=1,2,3,4,5,6,7", "bbox"},
		{itemsPath + "?bbox=a,b,c,d", "bbox"},
		{itemsPath + "?bbox=0,-91,1,1", "bbox"},
		{itemsPath + "?bbox=0,10,1,5", "bbox"},
		{itemsPath + "?bbox=0,0,10,1,1,5", "bbox"},
		{itemsPath + "?bbox=NaN,0,1,1", "bbox"},
		{itemsPath + "?datetime=yesterday", "datetime"},
		{itemsPath + "?datetime=2017-13", "datetime"},
		{itemsPath + "?datetime=2017-02-30", "datetime"},
		{itemsPath + "?datetime=2017-11-30/2017-10-01", "datetime"},
		{itemsPath + "?datetime=2017/2018/2019", "datetime"},
		{itemsPath + "?datetime=2017-11-16T25:00:00Z", "datetime"},
		{itemsPath + "?datetime=../x", "datetime"},
		{itemsPath + "?limit=0", "limit"},
		{itemsPath + "?limit=-1", "limit"},
		{itemsPath + "?limit=ten", "limit"},
		{itemsPath + "?limit=1.5", "limit"},
		{itemsPath + "?after=nope", "after"},
		{itemsPath + "?before=nope", "before"},
		{itemsPath + "?after=" + after + "&before=" + after, "before"},
		{itemsPath + "?f=geojson", "f"},
		{itemsPath + "?geonameid=x", "geonameid"},
		{itemsPath + "?country_code=Atlantis", "country_code"},
		{itemsPath + "?q=" + url.QueryEscape(`"`), "q"},
		{itemsPath + "?q=" + strings.Repeat("x", 1001), "q"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			res, body := ts.get(t, tt.path, http.StatusBadRequest)
			wantOGCError(t, res, body, http.StatusBadRequest, tt.param)
		})
	}
	for _, path := range []string{"/ogc/collections/nope", "/ogc/collections/nope/items", "/ogc/collections/nope/items/1", itemsPath + "/12345"} {
		res, body := ts.get(t, path, http.StatusNotFound)
		wantOGCError(t, res, body, http.StatusNotFound, "")
	}
	// A browser that asked for HTML is shown the error as a page.
	res, body := ts.get(t, itemsPath+"?bbox=1,2", http.StatusBadRequest, "Accept", "text/html")
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(body), "bbox") {
		t.Errorf("an HTML error: %s %.300s", ct, body)
	}
	// A limit over the maximum is the maximum, not an error.
	_, body = ts.get(t, itemsPath+"?limit=20000", http.StatusOK)
	parseOGCPage(t, body)
}

// TestOGCRepresentations: every resource is JSON and HTML, by Accept or f, with self and
// alternate links carrying their type, in the body and in Link headers; ETag, 304, HEAD and CORS.
func TestOGCRepresentations(t *testing.T) {
	ts := ogcServer(t)
	_, body := ts.get(t, itemsPath+"?bbox=178,-20,179,-17", http.StatusOK)
	suva := featureID(t, parseOGCPage(t, body).FC.Features[0])
	for _, tt := range []struct{ path, jsonType string }{
		{"/ogc", ogc.MediaJSON},
		{"/ogc/conformance", ogc.MediaJSON},
		{"/ogc/collections", ogc.MediaJSON},
		{"/ogc/collections/events", ogc.MediaJSON},
		{itemsPath + "?limit=3&datetime=2017-11", ogc.MediaGeoJSON},
		{fmt.Sprintf("%s/%d", itemsPath, suva), ogc.MediaGeoJSON},
		{itemsPath + "?limit=3&filter=" + url.QueryEscape("country_code = 'SY'"), ogc.MediaGeoJSON},
		{"/ogc/collections/events/queryables", ogc.MediaSchema},
		{"/api", ogc.MediaOpenAPI},
		{"/ogc/collections/places", ogc.MediaJSON},
		{placesPath + "?limit=3&datetime=2017-11", ogc.MediaGeoJSON},
		{placesPath + "/2198148", ogc.MediaGeoJSON},
		{"/ogc/collections/reports", ogc.MediaJSON},
		{reportsPath + "?limit=3&bbox=35,30,45,40", ogc.MediaGeoJSON},
	} {
		t.Run(tt.path, func(t *testing.T) {
			sep := "?"
			if strings.Contains(tt.path, "?") {
				sep = "&"
			}
			for _, c := range []struct {
				name, path string
				header     []string
				typ, other string
			}{
				{"default", tt.path, nil, tt.jsonType, ogc.MediaHTML},
				{"Accept: */*", tt.path, []string{"Accept", "*/*"}, tt.jsonType, ogc.MediaHTML},
				{"a GIS client's Accept", tt.path, []string{"Accept", "application/geo+json, application/json"}, tt.jsonType, ogc.MediaHTML},
				{"a browser's Accept", tt.path, []string{"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}, ogc.MediaHTML, tt.jsonType},
				{"f=json over Accept", tt.path + sep + "f=json", []string{"Accept", "text/html"}, tt.jsonType, ogc.MediaHTML},
				{"f=html over Accept", tt.path + sep + "f=html", []string{"Accept", "application/json"}, ogc.MediaHTML, tt.jsonType},
			} {
				res, body := ts.get(t, c.path, http.StatusOK, c.header...)
				if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, c.typ) {
					t.Errorf("%s: Content-Type %q, want %s", c.name, ct, c.typ)
				}
				if res.Header.Get("Access-Control-Allow-Origin") != "*" || !slices.Contains(res.Header.Values("Vary"), "Accept") {
					t.Errorf("%s: CORS %q, Vary %q", c.name, res.Header.Get("Access-Control-Allow-Origin"), res.Header.Values("Vary"))
				}
				headerLinks := strings.Join(res.Header.Values("Link"), ", ")
				for _, l := range [][2]string{{"self", c.typ}, {"alternate", c.other}} {
					if !strings.Contains(headerLinks, `rel="`+l[0]+`"; type="`+l[1]+`"`) {
						t.Errorf("%s: no Link header %s of %s: %s", c.name, l[0], l[1], headerLinks)
					}
				}
				if c.typ == ogc.MediaHTML {
					page := string(body)
					if !strings.Contains(page, `class="site-header"`) {
						t.Errorf("%s: the HTML is not in the site's layout", c.name)
					}
					for _, l := range [][2]string{{"self", c.typ}, {"alternate", c.other}} {
						if !strings.Contains(page, `rel="`+l[0]+`" type="`+l[1]+`"`) && tt.path != "/api" {
							t.Errorf("%s: the page has no %s link of %s", c.name, l[0], l[1])
						}
					}
				} else if tt.path != "/api" && tt.jsonType != ogc.MediaSchema { // a JSON Schema's links are its Link headers
					var doc struct{ Links []ogc.Link }
					if err := json.Unmarshal(body, &doc); err != nil {
						t.Fatal(err)
					}
					if link(doc.Links, "self", c.typ) == "" || link(doc.Links, "alternate", c.other) == "" {
						t.Errorf("%s: links %+v", c.name, doc.Links)
					}
				}

				// Conditional GET and HEAD.
				etag := res.Header.Get("ETag")
				if etag == "" {
					t.Fatalf("%s: no ETag", c.name)
				}
				res304, body304 := ts.get(t, c.path, http.StatusNotModified, append(slices.Clone(c.header), "If-None-Match", etag)...)
				if len(body304) != 0 || res304.Header.Get("ETag") != etag {
					t.Errorf("%s: 304 with %d bytes, ETag %q", c.name, len(body304), res304.Header.Get("ETag"))
				}
				ts.get(t, c.path, http.StatusOK, append(slices.Clone(c.header), "If-None-Match", `"other"`)...)
				head, headBody := ts.do(t, http.MethodHead, c.path, "", nil, c.header...)
				if head.StatusCode != http.StatusOK || len(headBody) != 0 || head.Header.Get("ETag") != etag || head.Header.Get("Content-Type") != res.Header.Get("Content-Type") {
					t.Errorf("%s: HEAD %d, %d bytes, ETag %q, Content-Type %q", c.name, head.StatusCode, len(headBody), head.Header.Get("ETag"), head.Header.Get("Content-Type"))
				}
			}
		})
	}

	// A browser's preflight of a cross-origin read.
	res, _ := ts.do(t, http.MethodOptions, itemsPath, "", nil, "Origin", "https://elsewhere.example",
		"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match")
	if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(res.Header.Get("Access-Control-Allow-Headers"), "If-None-Match") {
		t.Errorf("preflight: %d %v", res.StatusCode, res.Header)
	}
	// The ETag follows the content: a new report changes the items'.
	res1, _ := ts.get(t, itemsPath, http.StatusOK)
	r, b := ts.post(t, "application/json", `{"title":"New","text":"Shelling hit Raqqa on 3 October 2017.","date":"2017-10-04","lang":"en"}`)
	wantStatus(t, r, b, http.StatusCreated)
	res2, _ := ts.get(t, itemsPath, http.StatusOK, "If-None-Match", res1.Header.Get("ETag"))
	if res2.Header.Get("ETag") == res1.Header.Get("ETag") {
		t.Error("the ETag did not change with the events")
	}
}

// TestOGCItemsHTML: the HTML of the items is the page of the JSON: the same features, the same
// count, its pager's links keep the filter.
func TestOGCItemsHTML(t *testing.T) {
	ts := ogcServer(t)
	const query = "bbox=35,30,45,40&datetime=2017-11&limit=4"
	_, body := ts.get(t, itemsPath+"?"+query, http.StatusOK)
	p := parseOGCPage(t, body)
	_, html := ts.get(t, itemsPath+"?f=html&"+query, http.StatusOK)
	page := string(html)
	if !strings.Contains(page, fmt.Sprintf("%d features match; %d on this page.", p.Matched, p.Returned)) {
		t.Errorf("the page does not count %d and %d", p.Matched, p.Returned)
	}
	for _, f := range p.FC.Features {
		id := featureID(t, f)
		if !strings.Contains(page, fmt.Sprintf(`/items/%d?f=html">%d</a>`, id, id)) {
			t.Errorf("the page does not list feature %d", id)
		}
	}
	next := link(p.Links, "next", ogc.MediaGeoJSON)
	if next == "" {
		t.Fatal("no next page")
	}
	wantNext := strings.Replace(next, "f=json", "f=html", 1)
	if !strings.Contains(page, `href="`+strings.ReplaceAll(wantNext, "&", "&amp;")+`" rel="next"`) {
		t.Errorf("the page's next link is not %s", wantNext)
	}
	// In French too.
	_, html = ts.get(t, itemsPath+"?f=html&ui=fr&"+query, http.StatusOK)
	if !strings.Contains(string(html), fmt.Sprintf("%d entités correspondent ; %d sur cette page.", p.Matched, p.Returned)) || !strings.Contains(string(html), `<html lang="fr"`) {
		t.Errorf("the French page does not count in French")
	}
	// Every other page is in the site's look too.
	for _, path := range []string{"/ogc?f=html", "/ogc/conformance?f=html", "/ogc/collections?f=html", "/ogc/collections/events?f=html",
		"/ogc/collections/events/queryables?f=html", "/api?f=html"} {
		_, body := ts.get(t, path, http.StatusOK)
		if !strings.Contains(string(body), `class="site-header"`) || !strings.Contains(string(body), "<h1>") {
			t.Errorf("%s is not a page of the site", path)
		}
	}
}
