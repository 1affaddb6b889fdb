package web_test

import (
	"encoding/json"
	"fmt"
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

// The SQLite store pages places and counts reports as the OGC API needs.
var (
	_ web.PlaceFeatureStore  = (*sqlite.Store)(nil)
	_ web.ReportFeatureStore = (*sqlite.Store)(nil)
)

const (
	placesPath  = "/ogc/collections/places/items"
	reportsPath = "/ogc/collections/reports/items"
)

// walkItems follows next from the first page of path?query to the end, checking every page
// (parsed with orb), and returns the features and the first page's numberMatched. between runs
// after each page that has a next one.
func walkItems(t *testing.T, ts *testServer, path, query string, between func(page int)) ([]*geojson.Feature, int, []string) {
	t.Helper()
	u := path + "?" + query
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
		if matched < 0 {
			matched = p.Matched
		}
		pages = append(pages, u)
		all = append(all, p.FC.Features...)
		next := link(p.Links, "next", ogc.MediaGeoJSON)
		if next != "" {
			if p.Returned == 0 {
				t.Fatalf("%s: an empty page with a next link", u)
			}
			// next keeps every other parameter.
			want, _ := url.ParseQuery(query)
			got := mustParseURL(t, next).Query()
			for k := range want {
				if k != "after" && k != "before" && got.Get(k) != want.Get(k) {
					t.Fatalf("next %s does not keep %s=%s", next, k, want.Get(k))
				}
			}
			if between != nil {
				between(n)
			}
		}
		u = next
	}
	return all, matched, pages
}

// walkBack follows prev from the page u to the first page, checking that each link keeps the
// limit and has a before cursor, and that each page before u is full, and returns the features of
// u and of the pages before it, in order.
func walkBack(t *testing.T, ts *testServer, u string, limit int) []*geojson.Feature {
	t.Helper()
	_, body := ts.get(t, u, http.StatusOK)
	p := parseOGCPage(t, body)
	backward := p.FC.Features
	for n := 0; ; n++ {
		prev := link(p.Links, "prev", ogc.MediaGeoJSON)
		if prev == "" {
			return backward
		}
		if n > 1000 {
			t.Fatal("prev does not end")
		}
		if v := mustParseURL(t, prev).Query(); v.Get("limit") != strconv.Itoa(limit) || v.Get("before") == "" {
			t.Fatalf("prev %s does not keep the parameters", prev)
		}
		_, body = ts.get(t, prev, http.StatusOK)
		p = parseOGCPage(t, body)
		if p.Returned != limit {
			t.Errorf("%s: a previous page of %d features, limit %d", prev, p.Returned, limit)
		}
		backward = append(slices.Clone(p.FC.Features), backward...)
	}
}

// placeIDs are the GeoNames ids of places features.
func placeIDs(t *testing.T, fs []*geojson.Feature) []int64 { return featureIDs(t, fs) }

// reportIDs are the ids of reports features.
func reportIDs(t *testing.T, fs []*geojson.Feature) []string {
	t.Helper()
	var ids []string
	for _, f := range fs {
		id, ok := f.ID.(string)
		if !ok || id == "" {
			t.Fatalf("report feature id %#v", f.ID)
		}
		ids = append(ids, id)
	}
	return ids
}

// eventsByPlace are how many events /ogc/collections/events/items lists at each place for query.
func eventsByPlace(t *testing.T, ts *testServer, query string) map[int64]int {
	t.Helper()
	events, matched, _ := walk(t, ts, query+"&limit=10000", nil)
	if len(events) != matched {
		t.Fatalf("events %s: %d of %d", query, len(events), matched)
	}
	n := map[int64]int{}
	for _, f := range events {
		n[int64(f.Properties.MustFloat64("geonameid", 0))]++
	}
	return n
}

// apiReports are the reports /api/reports lists for query, newest first, every page.
func apiReports(t *testing.T, ts *testServer, query string) []report.Report {
	t.Helper()
	var all []report.Report
	cursor := ""
	for range 100 {
		_, body := ts.get(t, "/api/reports?limit=500&"+query+"&cursor="+url.QueryEscape(cursor), http.StatusOK)
		var page report.ReportList
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Reports...)
		if cursor = page.Next; cursor == "" {
			return all
		}
	}
	t.Fatal("/api/reports does not end")
	return nil
}

// TestOGCCollectionsListed: /ogc/collections lists the events, the places and the reports, each
// with its links and extent: the places the events'; the reports the events' box and the span of
// their published dates, as /api/reports lists them.
func TestOGCCollectionsListed(t *testing.T) {
	ts := ogcServer(t)
	_, body := ts.get(t, "/ogc/collections", http.StatusOK)
	var doc struct {
		Collections []collectionDoc
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range doc.Collections {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []string{"events", "places", "reports"}) {
		t.Fatalf("collections %q, want events, places, reports", ids)
	}
	byID := map[string]collectionDoc{}
	for i, id := range ids {
		_, body := ts.get(t, "/ogc/collections/"+id, http.StatusOK)
		var c collectionDoc
		if err := json.Unmarshal(body, &c); err != nil {
			t.Fatal(err)
		}
		if jsonString(c) != jsonString(doc.Collections[i]) {
			t.Errorf("/ogc/collections/%s differs from the list's:\n%s\n%s", id, jsonString(c), jsonString(doc.Collections[i]))
		}
		if c.Extent.Spatial == nil || c.Extent.Temporal == nil {
			t.Fatalf("%s: no extent: %s", id, body)
		}
		for _, l := range [][2]string{{"self", ogc.MediaJSON}, {"alternate", ogc.MediaHTML}, {"items", ogc.MediaGeoJSON}, {"items", ogc.MediaHTML}} {
			if href := link(c.Links, l[0], l[1]); href == "" || !strings.Contains(href, "/ogc/collections/"+id) {
				t.Errorf("%s: no %s link of %s: %+v", id, l[0], l[1], c.Links)
			}
		}
		byID[id] = c
	}
	events, places, reports := byID["events"], byID["places"], byID["reports"]
	if jsonString(places.Extent) != jsonString(events.Extent) {
		t.Errorf("the places' extent %s, want the events' %s", jsonString(places.Extent), jsonString(events.Extent))
	}
	if jsonString(reports.Extent.Spatial) != jsonString(events.Extent.Spatial) {
		t.Errorf("the reports' box %s, want the events' %s", jsonString(reports.Extent.Spatial), jsonString(events.Extent.Spatial))
	}
	var first, last time.Time
	for _, r := range apiReports(t, ts, "") {
		if r.Published.IsZero() {
			continue
		}
		if first.IsZero() || r.Published.Start().Before(first) {
			first = r.Published.Start()
		}
		if r.Published.Last().After(last) {
			last = r.Published.Last()
		}
	}
	iv := reports.Extent.Temporal.Interval
	if len(iv) != 1 || iv[0][0] == nil || iv[0][1] == nil ||
		*iv[0][0] != first.Format(time.DateOnly)+"T00:00:00Z" || *iv[0][1] != last.Format(time.DateOnly)+"T23:59:59Z" {
		t.Errorf("the reports' temporal extent %s, want %s to %s", jsonString(iv), first, last)
	}
	if link(events.Links, ogc.RelQueryables, ogc.MediaSchema) == "" || link(places.Links, ogc.RelQueryables, ogc.MediaSchema) == "" ||
		link(reports.Links, ogc.RelQueryables, ogc.MediaSchema) != "" {
		t.Errorf("queryables: the events and places have them (a filter on their events), the reports not")
	}
	ts.get(t, "/ogc/collections/places/queryables", http.StatusOK)
	res, body := ts.get(t, "/ogc/collections/reports/queryables", http.StatusNotFound)
	wantOGCError(t, res, body, http.StatusNotFound, "")
}

type collectionDoc struct {
	ID     string
	Title  string
	Links  []ogc.Link
	Extent struct {
		Spatial *struct {
			BBox [][]float64
			CRS  string
		} `json:"spatial"`
		Temporal *struct {
			Interval [][2]*string
			TRS      string
		} `json:"temporal"`
	}
}

// TestOGCPlacesItems: the places of a query's events, one Point each, with as many events as
// /ogc/collections/events/items lists there for the same query; next followed to the end gives
// each place once, numberMatched of them; bbox (antimeridian too), datetime in its forms, q,
// country_code and filter select their events.
func TestOGCPlacesItems(t *testing.T) {
	ts := ogcServer(t)
	for _, query := range []string{
		"",
		"bbox=35,30,45,40&datetime=2017-11",
		"bbox=170,-30,-170,0",        // across the antimeridian: Suva, Apia, Nuku'alofa
		"bbox=170,-30,0,-170,0,1000", // with heights
		"datetime=2017-10-01/..",
		"datetime=../2017-10-15",
		"datetime=2017-10-01/2017-11-30",
		"datetime=2017-11-16T12:00:00Z",
		"datetime=../..",
		"country_code=SY",
		"q=" + url.QueryEscape("Raqqa"),
		"filter=" + url.QueryEscape("country_code IN ('SY', 'IQ') AND T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))"),
	} {
		t.Run(query, func(t *testing.T) {
			want := eventsByPlace(t, ts, query)
			if len(want) == 0 && query != "" {
				t.Fatalf("%s selects no event: the case tests nothing", query)
			}
			sep := "&"
			if query == "" {
				sep = ""
			}
			got, matched, pages := walkItems(t, ts, placesPath, query+sep+"limit=3", nil)
			if matched != len(want) || len(got) != matched {
				t.Errorf("numberMatched %d, %d listed; the events lie at %d places", matched, len(got), len(want))
			}
			if len(want) > 3 && len(pages) < 2 {
				t.Errorf("%d places in %d pages of 3", len(got), len(pages))
			}
			ids := placeIDs(t, got)
			if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
				t.Errorf("ids not ascending once each: %v", ids)
			}
			for _, f := range got {
				id := featureID(t, f)
				if _, ok := f.Geometry.(orb.Point); !ok {
					t.Errorf("place %d: geometry %#v", id, f.Geometry)
				}
				if n := int(f.Properties.MustFloat64("events", -1)); n != want[id] {
					t.Errorf("place %d: %d events, the events' items list %d there", id, n, want[id])
				}
				if g := int64(f.Properties.MustFloat64("geonameid", 0)); g != id || f.Properties.MustString("name", "") == "" ||
					f.Properties.MustString("kind", "") == "" || !strings.HasSuffix(f.Properties.MustString("page", ""), fmt.Sprintf("/places/%d", id)) {
					t.Errorf("place %d: properties %v", id, f.Properties)
				}
			}
		})
	}

	// Suva's feature: its properties, and itself as a resource.
	_, body := ts.get(t, placesPath+"?bbox=178,-20,179,-17", http.StatusOK)
	p := parseOGCPage(t, body)
	if p.Matched != 1 || len(p.FC.Features) != 1 {
		t.Fatalf("Suva's box: %d of %d places", len(p.FC.Features), p.Matched)
	}
	suva := p.FC.Features[0]
	for name, want := range map[string]any{
		"name": "Suva", "geonameid": 2198148.0, "kind": "place", "country_code": "FJ", "feature_code": "PPLC",
		"events": 1.0, "date_start": "2020-03-03", "date_end": "2020-03-03",
	} {
		if got := suva.Properties[name]; got != want {
			t.Errorf("property %s = %#v, want %#v", name, got, want)
		}
	}
	res, body := ts.get(t, placesPath+"/2198148", http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != ogc.MediaGeoJSON {
		t.Errorf("Content-Type %q", ct)
	}
	f, err := geojson.UnmarshalFeature(body)
	if err != nil {
		t.Fatal(err)
	}
	if featureID(t, f) != 2198148 || f.Geometry != suva.Geometry || jsonString(f.Properties) != jsonString(suva.Properties) {
		t.Errorf("the feature %s differs from the list's", body)
	}
	// A place where no event lies is none; a text is no GeoNames id.
	for _, bad := range []struct {
		id     string
		status int
	}{{"2988507", http.StatusNotFound}, {"999999999", http.StatusNotFound}, {"abc", http.StatusBadRequest}, {"0", http.StatusBadRequest}, {"1.5", http.StatusBadRequest}} {
		res, body := ts.get(t, placesPath+"/"+bad.id, bad.status)
		param := ""
		if bad.status == http.StatusBadRequest {
			param = "featureId"
		}
		wantOGCError(t, res, body, bad.status, param)
	}
}

// TestOGCPlacesPaging: next followed to the end gives each place once while reports are added
// between pages (their places' counts may grow, but no place is skipped or repeated), and prev
// followed back from the last page gives the same places.
func TestOGCPlacesPaging(t *testing.T) {
	ts := ogcServer(t)
	const query = "limit=4"
	before, _, _ := walkItems(t, ts, placesPath, "limit=10000", nil)
	texts := []string{
		"Report %d: shelling hit Raqqa on 2 October 2017.",
		"Report %d: storms hit Suva and Lyon on 2 October 2017.",
		"Report %d: protests in Paris and Nairobi on 3 October 2017.",
	}
	got, matched, pages := walkItems(t, ts, placesPath, query, func(page int) {
		res, body := ts.post(t, "application/json", fmt.Sprintf(`{"title":"Added","text":%q,"date":"2017-10-04","lang":"en"}`, fmt.Sprintf(texts[page%len(texts)], page)))
		wantStatus(t, res, body, http.StatusCreated)
	})
	if len(pages) < 5 {
		t.Fatalf("%d pages: the test tests little", len(pages))
	}
	if matched != len(before) {
		t.Errorf("numberMatched %d, %d places before", matched, len(before))
	}
	ids := placeIDs(t, got)
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("place %d listed twice", id)
		}
		seen[id] = true
	}
	for _, id := range placeIDs(t, before) {
		if !seen[id] {
			t.Errorf("place %d skipped", id)
		}
	}

	// Back from the last page by prev.
	forward, _, fwdPages := walkItems(t, ts, placesPath, query, nil)
	backward := walkBack(t, ts, fwdPages[len(fwdPages)-1], 4)
	if !slices.Equal(placeIDs(t, backward), placeIDs(t, forward)) {
		t.Errorf("prev to the start lists\n%v\nnext to the end\n%v", placeIDs(t, backward), placeIDs(t, forward))
	}
	// Past the end, prev leads back to the last place.
	lastID := placeIDs(t, forward)[len(forward)-1]
	_, body := ts.get(t, fmt.Sprintf("%s?limit=4&after=%d", placesPath, lastID), http.StatusOK)
	p := parseOGCPage(t, body)
	if p.Returned != 0 || link(p.Links, "prev", ogc.MediaGeoJSON) == "" {
		t.Fatalf("past the end: %d places, links %+v", p.Returned, p.Links)
	}
	_, body = ts.get(t, link(p.Links, "prev", ogc.MediaGeoJSON), http.StatusOK)
	if ids := placeIDs(t, parseOGCPage(t, body).FC.Features); len(ids) == 0 || ids[len(ids)-1] != lastID {
		t.Errorf("the page before the end ends with %v, want %d", ids, lastID)
	}
}

// TestOGCReportsItems: the reports of a query, newest first, each a MultiPoint of its places;
// the same reports as /api/reports for the same filters; next followed to the end gives each
// once, numberMatched of them, while reports are added too; bbox (antimeridian too) and datetime
// in its forms.
func TestOGCReportsItems(t *testing.T) {
	ts := ogcServer(t)
	for _, tt := range []struct{ query, api string }{
		{"", ""},
		{"bbox=35,30,45,40", "bbox=35,30,45,40"},
		{"bbox=170,-30,-170,0", "bbox=170,-30,-170,0"},
		{"datetime=2017-11", "from=2017-11&to=2017-11"},
		{"datetime=2017-10-01/..", "from=2017-10-01"},
		{"datetime=../2017-10-15", "to=2017-10-15"},
		{"datetime=2017-10-01/2017-11-30", "from=2017-10-01&to=2017-11-30"},
		{"datetime=2020-03-05T10:00:00Z", "from=2020-03-05&to=2020-03-05"},
		{"q=Raqqa", "q=Raqqa"},
		{"lang=en&source=" + url.QueryEscape("Pacific wire"), "lang=en&source=" + url.QueryEscape("Pacific wire")},
		{"bbox=35,30,45,40&datetime=2017-10/2017-11&q=Raqqa", "bbox=35,30,45,40&from=2017-10&to=2017-11&q=Raqqa"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			want := apiReports(t, ts, tt.api)
			if len(want) == 0 {
				t.Fatalf("%s selects no report: the case tests nothing", tt.api)
			}
			sep := "&"
			if tt.query == "" {
				sep = ""
			}
			got, matched, pages := walkItems(t, ts, reportsPath, tt.query+sep+"limit=2", nil)
			var wantIDs []string
			for _, r := range want {
				wantIDs = append(wantIDs, r.ID)
			}
			if ids := reportIDs(t, got); matched != len(want) || !slices.Equal(ids, wantIDs) {
				t.Errorf("numberMatched %d, listed %v; /api/reports lists %v", matched, ids, wantIDs)
			}
			if len(want) > 2 && len(pages) < 2 {
				t.Errorf("%d reports in %d pages of 2", len(got), len(pages))
			}
			if back := reportIDs(t, walkBack(t, ts, pages[len(pages)-1], 2)); !slices.Equal(back, wantIDs) {
				t.Errorf("prev from the last page lists %v, want %v", back, wantIDs)
			}
			for i, f := range got {
				r := want[i]
				if f.Properties.MustString("title", "") != r.Title || f.Properties.MustString("published", "") != r.Published.String() ||
					f.Properties.MustString("lang", "") != r.Lang || f.Properties.MustString("source", "") != r.Source {
					t.Errorf("report %s: properties %v, want %+v", r.ID, f.Properties, r)
				}
				// Its geometry: the distinct points of the places it mentions.
				events, _, _ := walk(t, ts, "limit=10000&report_id="+url.QueryEscape(r.ID), nil)
				var pts []orb.Point
				for _, e := range events {
					if p := e.Geometry.(orb.Point); !slices.Contains(pts, p) {
						pts = append(pts, p)
					}
				}
				if n := int(f.Properties.MustFloat64("mentions", -1)); n != len(events) {
					t.Errorf("report %s: %d mentions, %d events", r.ID, n, len(events))
				}
				mp, ok := f.Geometry.(orb.MultiPoint)
				switch {
				case len(pts) == 0 && f.Geometry != nil:
					t.Errorf("report %s mentions no place: geometry %#v", r.ID, f.Geometry)
				case len(pts) > 0 && (!ok || len(mp) != len(pts)):
					t.Errorf("report %s: geometry %#v, want a MultiPoint of %d points", r.ID, f.Geometry, len(pts))
				case ok && !slices.ContainsFunc(mp, func(p orb.Point) bool { return slices.Contains(pts, p) }):
					t.Errorf("report %s: geometry %v, its places %v", r.ID, mp, pts)
				}
			}
		})
	}

	// Reports added between pages: each listed report once, every one of the start listed.
	before := apiReports(t, ts, "")
	got, matched, _ := walkItems(t, ts, reportsPath, "limit=3", func(page int) {
		date := "2017-10-04" // among the pages
		if page%2 == 1 {
			date = "2031-01-01" // before the first page
		}
		res, body := ts.post(t, "application/json", fmt.Sprintf(`{"title":"Added %d","text":"Report %d: shelling hit Raqqa on 2 October 2017.","date":%q,"lang":"en"}`, page, page, date))
		wantStatus(t, res, body, http.StatusCreated)
	})
	if matched != len(before) {
		t.Errorf("numberMatched %d, /api/reports %d", matched, len(before))
	}
	ids := reportIDs(t, got)
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("report %s listed twice", id)
		}
		seen[id] = true
	}
	for _, r := range before {
		if !seen[r.ID] {
			t.Errorf("report %s skipped", r.ID)
		}
	}

	// A report by its id; an unknown id is a 404, one no report can have a 400.
	r := before[0]
	res, body := ts.get(t, reportsPath+"/"+url.PathEscape(r.ID), http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != ogc.MediaGeoJSON {
		t.Errorf("Content-Type %q", ct)
	}
	f, err := geojson.UnmarshalFeature(body)
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != r.ID || f.Properties.MustString("title", "") != r.Title || !strings.HasSuffix(f.Properties.MustString("page", ""), "/reports/"+r.ID) {
		t.Errorf("report %s: %s", r.ID, body)
	}
	res, body = ts.get(t, reportsPath+"/no-such-report", http.StatusNotFound)
	wantOGCError(t, res, body, http.StatusNotFound, "")
	res, body = ts.get(t, reportsPath+"/"+url.PathEscape("a b"), http.StatusBadRequest)
	wantOGCError(t, res, body, http.StatusBadRequest, "featureId")
	// The first page has no prev; the second's leads back to the first, whose next leads on.
	_, body = ts.get(t, reportsPath+"?limit=2", http.StatusOK)
	first := parseOGCPage(t, body)
	if link(first.Links, "prev", ogc.MediaGeoJSON) != "" {
		t.Error("the first page of reports has a prev link")
	}
	_, body = ts.get(t, link(first.Links, "next", ogc.MediaGeoJSON), http.StatusOK)
	_, body = ts.get(t, link(parseOGCPage(t, body).Links, "prev", ogc.MediaGeoJSON), http.StatusOK)
	back := parseOGCPage(t, body)
	if got, want := reportIDs(t, back.FC.Features), reportIDs(t, first.FC.Features); !slices.Equal(got, want) || link(back.Links, "prev", ogc.MediaGeoJSON) != "" ||
		link(back.Links, "next", ogc.MediaGeoJSON) != link(first.Links, "next", ogc.MediaGeoJSON) {
		t.Errorf("the page before the second lists %v, links %+v; want %v, the first page's next and no prev", got, back.Links, want)
	}
}

// TestOGCCollectionsBadRequests: an unknown, repeated or malformed parameter of the places' and
// the reports' items is a 400 with a JSON error that names it.
func TestOGCCollectionsBadRequests(t *testing.T) {
	ts := newServer(t, nil)
	for _, tt := range []struct{ path, param string }{
		{placesPath + "?foo=bar", "foo"},
		{placesPath + "?bbox=1,2,3", "bbox"},
		{placesPath + "?bbox=0,-91,1,1", "bbox"},
		{placesPath + "?bbox=1,2,3,4&bbox=1,2,3,4", "bbox"},
		{placesPath + "?datetime=2017-13", "datetime"},
		{placesPath + "?datetime=2017-11-30/2017-10-01", "datetime"},
		{placesPath + "?limit=0", "limit"},
		{placesPath + "?limit=ten", "limit"},
		{placesPath + "?after=x", "after"},
		{placesPath + "?before=-3", "before"},
		{placesPath + "?after=3&before=5", "before"},
		{placesPath + "?offset=10", "offset"},
		{placesPath + "?country_code=Atlantis", "country_code"},
		{placesPath + "?q=" + url.QueryEscape(`"`), "q"},
		{placesPath + "?filter=" + url.QueryEscape("cuntry = 'SY'"), "filter"},
		{placesPath + "?filter-lang=cql", "filter-lang"},
		{placesPath + "?f=geojson", "f"},
		{placesPath + "/2198148?limit=1", "limit"},
		{reportsPath + "?foo=bar", "foo"},
		{reportsPath + "?filter=" + url.QueryEscape("lang = 'en'"), "filter"},
		{reportsPath + "?country_code=SY", "country_code"},
		{reportsPath + "?before=abc", "before"},
		{reportsPath + "?after=MSwyLDM&before=MSwyLDM", "before"},
		{reportsPath + "?after=" + url.QueryEscape("not a cursor"), "after"},
		{reportsPath + "?bbox=1,2,3,4,5", "bbox"},
		{reportsPath + "?datetime=yesterday", "datetime"},
		{reportsPath + "?limit=-1", "limit"},
		{reportsPath + "?q=" + strings.Repeat("x", 1001), "q"},
		{reportsPath + "?lang=en&lang=fr", "lang"},
		{reportsPath + "/abc?f=xml", "f"},
		{"/ogc/collections/places?limit=1", "limit"},
		{"/ogc/collections/reports?bbox=1,2,3,4", "bbox"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			res, body := ts.get(t, tt.path, http.StatusBadRequest)
			wantOGCError(t, res, body, http.StatusBadRequest, tt.param)
		})
	}
	// A limit over the maximum is the maximum.
	for _, path := range []string{placesPath, reportsPath} {
		_, body := ts.get(t, path+"?limit=20000", http.StatusOK)
		parseOGCPage(t, body)
	}
}

// TestOGCCollectionsHTML: the places' and reports' pages, in English and French: the items (the
// same features and counts as the JSON, the pager keeping the query), a feature, a collection.
func TestOGCCollectionsHTML(t *testing.T) {
	ts := ogcServer(t)
	for _, tt := range []struct {
		path, query    string
		en, fr         string // the column heading of the count
		featureHref    func(f *geojson.Feature) string
		featurePath    string
		featureHeading string
	}{
		{placesPath, "bbox=35,30,45,40&datetime=2017-11&limit=3", "<th>Events</th>", "<th>Événements</th>",
			func(f *geojson.Feature) string { return fmt.Sprintf("/items/%d?f=html", featureID(t, f)) }, placesPath + "/2198148", "<h1>Suva</h1>"},
		{reportsPath, "bbox=35,30,45,40&limit=2", "<th>Places mentioned</th>", "<th>Lieux cités</th>",
			func(f *geojson.Feature) string { return "/items/" + f.ID.(string) + "?f=html" }, "", ""},
	} {
		t.Run(tt.path, func(t *testing.T) {
			_, body := ts.get(t, tt.path+"?"+tt.query, http.StatusOK)
			p := parseOGCPage(t, body)
			if p.Returned == 0 {
				t.Fatal("no feature: the case tests nothing")
			}
			_, html := ts.get(t, tt.path+"?f=html&"+tt.query, http.StatusOK)
			page := string(html)
			if !strings.Contains(page, fmt.Sprintf("%d features match; %d on this page.", p.Matched, p.Returned)) || !strings.Contains(page, tt.en) {
				t.Errorf("the page does not count %d and %d", p.Matched, p.Returned)
			}
			if !strings.Contains(page, `class="site-header"`) {
				t.Error("the page is not in the site's look")
			}
			for _, f := range p.FC.Features {
				if !strings.Contains(page, tt.featureHref(f)) {
					t.Errorf("the page does not link %s", tt.featureHref(f))
				}
			}
			if next := link(p.Links, "next", ogc.MediaGeoJSON); next != "" {
				wantNext := strings.Replace(next, "f=json", "f=html", 1)
				if !strings.Contains(page, `href="`+strings.ReplaceAll(wantNext, "&", "&amp;")+`" rel="next"`) {
					t.Errorf("the page's next link is not %s", wantNext)
				}
			} else {
				t.Error("no next page")
			}
			_, html = ts.get(t, tt.path+"?f=html&ui=fr&"+tt.query, http.StatusOK)
			if fr := string(html); !strings.Contains(fr, fmt.Sprintf("%d entités correspondent ; %d sur cette page.", p.Matched, p.Returned)) ||
				!strings.Contains(fr, tt.fr) || !strings.Contains(fr, `<html lang="fr"`) {
				t.Errorf("the French page does not count in French")
			}
			// A feature's page, in both languages.
			featurePath := tt.featurePath
			if featurePath == "" {
				featurePath = tt.path + "/" + p.FC.Features[0].ID.(string)
			}
			for _, ui := range []string{"en", "fr"} {
				_, html := ts.get(t, featurePath+"?f=html&ui="+ui, http.StatusOK)
				if page := string(html); !strings.Contains(page, `class="site-header"`) || !strings.Contains(page, "<h1") ||
					tt.featureHeading != "" && !strings.Contains(page, tt.featureHeading) {
					t.Errorf("%s in %s is not a page of the site: %.300s", featurePath, ui, page)
				}
			}
		})
	}
	for _, path := range []string{"/ogc/collections?f=html", "/ogc/collections/places?f=html", "/ogc/collections/reports?f=html",
		"/ogc/collections/places/queryables?f=html"} {
		for _, ui := range []string{"en", "fr"} {
			_, body := ts.get(t, path+"&ui="+ui, http.StatusOK)
			page := string(body)
			if !strings.Contains(page, `class="site-header"`) || !strings.Contains(page, "<h1>") {
				t.Errorf("%s is not a page of the site", path)
			}
			if path == "/ogc/collections?f=html" {
				names := map[string][]string{"en": {"Events", "Places", "Reports"}, "fr": {"Événements", "Lieux", "Articles"}}[ui]
				for _, n := range names {
					if !strings.Contains(page, ">"+n+"</a></h2>") {
						t.Errorf("%s in %s does not list %s", path, ui, n)
					}
				}
			}
		}
	}
}
