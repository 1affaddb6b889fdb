package web_test

import (
	"context"
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

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// settled waits until the map has loaded its markers since the expression since (a count of
// loads) and none is under way.
func (b *browser) settled(since string) chromedp.Action[chromedp.Void] {
	return b.poll(`(m => Number(m.dataset.loads) > ` + since + ` && m.dataset.loading === "0")(document.getElementById("map"))`)
}

// loads is how many times the map has loaded its markers.
func loads(t *testing.T, b *browser) string {
	t.Helper()
	return strconv.Itoa(eval[int](t, b, `Number(document.getElementById("map").dataset.loads || 0)`))
}

// placesOf are the GeoNames ids of the places of the events f selects.
func placesOf(t *testing.T, ts *testServer, f report.EventFilter) map[string]bool {
	t.Helper()
	f.Limit = report.MaxEventLimit
	page, err := ts.store.QueryEvents(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, e := range page.Events {
		out[strconv.FormatInt(e.Place.ID, 10)] = true
	}
	return out
}

// TestBrowserPopupStaysOpen: a popup opened on a marker at the top edge pans the map to show
// itself; the markers reloaded after that pan neither close it nor move the map, 3 s later.
func TestBrowserPopupStaysOpen(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	kirkuk := placeIDOf(t, ts, "Kirkuk")
	marker := chromedp.CSS(`#map .dl-marker[data-geonameid="` + kirkuk + `"]`)
	b.do(t, "open the map at Kirkuk", chromedp.Navigate(ts.URL+"/"), b.poll(`!!(window.Dateline && Dateline.explore)`),
		b.js(`Dateline.explore.map.fitBounds(`+syriaIraq+`), true`), chromedp.WaitVisible(marker))
	n := loads(t, b)
	b.do(t, "move Kirkuk to the top edge", b.js(`(() => {
		const m = document.querySelector('#map .dl-marker[data-geonameid="`+kirkuk+`"]').getBoundingClientRect();
		const box = document.getElementById("map").getBoundingClientRect();
		Dateline.explore.map.panBy([0, m.top + m.height / 2 - box.top - 10], {animate: false});
		return true;
	})()`), b.settled(n))
	n = loads(t, b)
	// The popup pans the map to show itself, twice: when it opens, and when its content, loaded
	// then, makes it taller. Then nothing may move it.
	b.do(t, "open its popup", chromedp.Click(marker), chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .popup mark`)), b.settled(n),
		chromedp.Sleep(time.Second))
	center := eval[string](t, b, `Dateline.position(Dateline.explore.map)`)
	n = loads(t, b)
	b.do(t, "wait 3 s", chromedp.Sleep(3*time.Second))
	if loads(t, b) == n {
		t.Logf("no markers loaded in the 3 s")
	}
	open := eval[string](t, b, `document.getElementById("map").dataset.popup + " " + !!document.querySelector(".leaflet-popup-content .popup mark")`)
	after := eval[string](t, b, `Dateline.position(Dateline.explore.map)`)
	b.screenshot(t, "popup-after-3s")
	if open != kirkuk+" true" {
		t.Errorf("3 s after the click the open popup is %q, want Kirkuk's (%s)", open, kirkuk)
	}
	if after != center {
		t.Errorf("the map moved from %s to %s while the popup was open", center, after)
	}
	b.noErrors(t)
}

// TestBrowserFirstViewFitsAll: after a report about Pakistan, the first view of / holds it
// beside Syria and Iraq, without any action of the reader: every event is inside the map.
func TestBrowserFirstViewFitsAll(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	res, body := ts.post(t, "application/json",
		`{"title":"Floods","text":"Heavy rain flooded streets in Karachi and Lahore on Tuesday, officials said.","date":"2017-11-21","lang":"en"}`)
	wantStatus(t, res, body, http.StatusCreated)
	all, err := ts.store.QueryEvents(context.Background(), report.EventFilter{Limit: report.MaxEventLimit})
	if err != nil {
		t.Fatal(err)
	}
	var points [][2]float64
	pakistan := 0
	for _, e := range all.Events {
		points = append(points, [2]float64{e.Place.Lon, e.Place.Lat})
		if e.Place.CountryCode == "PK" {
			pakistan++
		}
	}
	if pakistan == 0 {
		t.Fatalf("the report has no place in Pakistan")
	}
	js, _ := json.Marshal(points)
	b := newBrowser(t)
	b.do(t, "open /", chromedp.Navigate(ts.URL+"/"), b.poll(`!!(window.Dateline && Dateline.explore)`), b.settled("0"))
	b.screenshot(t, "first-view")
	outside := eval[int](t, b, `(pts => { const b = Dateline.explore.map.getBounds(); return pts.filter(p => !b.contains([p[1], p[0]])).length; })(`+string(js)+`)`)
	// A symbol in Pakistan (60-78°E, 23-37°N), where none was before.
	inPakistan := eval[int](t, b, `[...document.querySelectorAll("#map .leaflet-marker-icon")].filter(m => {
		const r = m.getBoundingClientRect(), box = document.getElementById("map").getBoundingClientRect();
		const ll = Dateline.explore.map.containerPointToLatLng([r.left + r.width / 2 - box.left, r.top + r.height / 2 - box.top]);
		return ll.lng > 60 && ll.lng < 78 && ll.lat > 23 && ll.lat < 37;
	}).length`)
	if outside > 0 || inPakistan == 0 {
		t.Errorf("the first view leaves %d of %d events out, and shows %d symbols in Pakistan", outside, len(points), inPakistan)
	}
	b.noErrors(t)
}

// TestBrowserNoOverlap: at every zoom from 2 to 12, over every part of the map that holds demo
// events, no two marker symbols overlap, and no label covers a symbol or another label.
func TestBrowserNoOverlap(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	all, err := ts.store.QueryEvents(context.Background(), report.EventFilter{Limit: report.MaxEventLimit})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.do(t, "open /", chromedp.Navigate(ts.URL+"/"), b.poll(`!!(window.Dateline && Dateline.explore)`), b.settled("0"))
	w := eval[float64](t, b, `document.getElementById("map").clientWidth`)
	h := eval[float64](t, b, `document.getElementById("map").clientHeight`)
	symbols, labels, views := 0, 0, 0
	for z := 2; z <= 12; z++ {
		// The windows of the map's size, at zoom z, that hold an event: each is one view.
		size := 256 * math.Pow(2, float64(z))
		windows := map[[2]int]orb.Point{}
		for _, e := range all.Events {
			p := maptile.Fraction(orb.Point{e.Place.Lon, e.Place.Lat}, maptile.Zoom(z))
			x, y := p.X()*256, p.Y()*256
			k := [2]int{int(x / w), int(y / h)}
			if _, ok := windows[k]; !ok {
				cx, cy := (float64(k[0])+0.5)*w/size, (float64(k[1])+0.5)*h/size
				windows[k] = orb.Point{cx*360 - 180, 180 / math.Pi * math.Atan(math.Sinh(math.Pi*(1-2*cy)))}
			}
		}
		keys := slices.SortedFunc(func(yield func([2]int) bool) {
			for k := range windows {
				if !yield(k) {
					return
				}
			}
		}, func(a, b [2]int) int { return a[1]*1e6 + a[0] - b[1]*1e6 - b[0] })
		for _, k := range keys {
			c := windows[k]
			n := loads(t, b)
			b.do(t, fmt.Sprintf("view zoom %d at %v", z, c),
				b.js(fmt.Sprintf(`Dateline.explore.map.setView([%f, %f], %d, {animate: false}), true`, c.Lat(), c.Lon(), z)), b.settled(n))
			views++
			var got struct {
				Symbols, Labels int
				Overlaps        []string
			}
			raw := eval[string](t, b, `JSON.stringify((() => {
				const boxes = (sel) => [...document.querySelectorAll(sel)].map(e => {
					const r = e.getBoundingClientRect();
					return {r, name: e.getAttribute("aria-label") || e.textContent};
				}).filter(b => b.r.width > 0);
				const s = boxes("#map .dl-marker"), l = boxes("#map .dl-label");
				const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
				const out = [];
				const all = s.concat(l);
				for (let i = 0; i < all.length; i++)
					for (let j = i + 1; j < all.length; j++)
						if (hit(all[i].r, all[j].r)) out.push(all[i].name + " / " + all[j].name);
				return {Symbols: s.length, Labels: l.length, Overlaps: out};
			})())`)
			if err := json.Unmarshal([]byte(raw), &got); err != nil {
				t.Fatal(err)
			}
			symbols += got.Symbols
			labels += got.Labels
			if len(got.Overlaps) > 0 {
				b.screenshot(t, fmt.Sprintf("overlap-z%d", z))
				t.Errorf("zoom %d at %v: %d overlaps: %q", z, c, len(got.Overlaps), got.Overlaps)
			}
		}
		if z == 6 || z == 9 {
			b.screenshot(t, fmt.Sprintf("zoom-%d", z))
		}
	}
	t.Logf("%d views, %d symbols, %d labels", views, symbols, labels)
	if symbols == 0 || labels == 0 {
		t.Errorf("%d symbols and %d labels in all", symbols, labels)
	}
	b.noErrors(t)
}

// TestBrowserBadRange: a reversed range keeps the page, the form and the map, with a 400 and the
// message beside the field, whether it comes from a link or from the form.
func TestBrowserBadRange(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	const bad = "/?from=2017-11-10&to=2017-10-01"
	res, body := ts.do(t, http.MethodGet, bad, "", nil)
	wantStatus(t, res, body, http.StatusBadRequest)
	b := newBrowser(t)
	b.do(t, "open a reversed range", chromedp.Navigate(ts.URL+bad),
		chromedp.WaitVisible(chromedp.CSS(`#filters #f-to-error`)), b.poll(`Number(document.getElementById("map").dataset.markers) > 0`))
	b.screenshot(t, "reversed-range")
	state := func() string {
		return eval[string](t, b, `(f => [f.elements.from.value, f.elements.to.value, f.elements.to.getAttribute("aria-invalid"),
			document.getElementById(f.elements.to.getAttribute("aria-describedby")).textContent,
			document.getElementById("f-to-error").parentElement.contains(f.elements.to),
			!!document.querySelector("#map .leaflet-marker-icon")].join("|"))(document.getElementById("filters"))`)
	}
	if got, want := state(), "2017-11-10|2017-10-01|true|to 2017-10-01 is before from 2017-11-10: the range is empty|true|true"; got != want {
		t.Errorf("the page of a reversed range: %q, want %q", got, want)
	}

	// From the form, in place: a good range clears the message, a bad one shows it again.
	b.do(t, "a good range", chromedp.SetValue(chromedp.CSS(`#filters input[name=to]`), "2017-11-30"),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)),
		b.poll(`location.search === "?from=2017-11-10&to=2017-11-30" && !document.getElementById("f-to-error")`))
	b.do(t, "a bad range again", chromedp.SetValue(chromedp.CSS(`#filters input[name=to]`), "2017-11-01"),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)),
		b.poll(`location.search === "?from=2017-11-10&to=2017-11-01" && !!document.getElementById("f-to-error")`))
	b.screenshot(t, "reversed-in-place")
	if got, want := state(), "2017-11-10|2017-11-01|true|to 2017-11-01 is before from 2017-11-10: the range is empty|true|true"; got != want {
		t.Errorf("in place: %q, want %q", got, want)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#map").length + document.querySelectorAll("#timeline svg[data-from]").length`); n != 2 {
		t.Errorf("the map and the timeline: %d elements", n)
	}
	b.noErrorsBut(t, "status of 400 (Bad Request)") // the pages of the bad ranges, as the browser logs them
}

// TestBrowserPlayback steps through the demo's range from the keyboard: Play, Pause, then the
// Step button to the end. Each step's markers are places of that bin; the faded trail's, of the
// bins before.
func TestBrowserPlayback(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	toggle := chromedp.CSS(`#playback [data-play=toggle]`)
	b.do(t, "open /", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(toggle), b.settled("0"),
		b.js(`Dateline.explore.map.fitBounds(`+syriaIraq+`), Dateline.playDelay = 250, true`))
	// The bins of the demo's whole range (its dates reach back to 2014: months), and their ends.
	days := eval[[]string](t, b, `[...document.querySelectorAll("#timeline svg rect[data-start]")].map(r => r.dataset.start)`)
	ends := append(days[1:len(days):len(days)], eval[string](t, b, `document.querySelector("#timeline svg").dataset.to`))
	if len(days) < 4 {
		t.Fatalf("the demo's timeline: %d bins", len(days))
	}
	// Play, from the keyboard, then pause.
	b.do(t, "play", chromedp.Focus(toggle), chromedp.KeyEvent(kb.Enter), b.poll(`(document.getElementById("map").dataset.step || "") >= `+strconv.Quote(days[3])))
	b.do(t, "pause", chromedp.KeyEvent(kb.Enter), b.poll(`document.querySelector("#playback [data-play=toggle]").getAttribute("aria-pressed") === "false"`))
	paused := eval[string](t, b, `document.getElementById("map").dataset.step`)
	b.do(t, "stay paused", chromedp.Sleep(600*time.Millisecond))
	if now := eval[string](t, b, `document.getElementById("map").dataset.step`); now != paused {
		t.Errorf("paused at %s, then at %s", paused, now)
	}
	// Step to the end with the Step button, from the keyboard.
	i := slices.Index(days, paused)
	if i < 0 {
		t.Fatalf("paused on %q, not a bin", paused)
	}
	checked, trails := 0, 0
	first, _ := time.Parse(time.DateOnly, days[0])
	for i+1 < len(days) {
		i++
		b.do(t, "step to "+days[i], chromedp.Focus(chromedp.CSS(`#playback [data-play=next]`)), chromedp.KeyEvent(kb.Enter),
			b.poll(`(m => m.dataset.step === `+strconv.Quote(days[i])+` && m.dataset.loading === "0" && m.dataset.shown.includes("from=`+days[i]+`"))(document.getElementById("map"))`))
		day, _ := time.Parse(time.DateOnly, days[i])
		end, _ := time.Parse(time.DateOnly, ends[i])
		now := placesOf(t, ts, report.EventFilter{From: day, To: end})
		before := placesOf(t, ts, report.EventFilter{From: first, To: day})
		shown := eval[[]string](t, b, `[...document.querySelectorAll("#map .dl-marker:not(.dl-trail)[data-geonameid]")].map(m => m.dataset.geonameid).filter(Boolean)`)
		trail := eval[[]string](t, b, `[...document.querySelectorAll("#map .dl-marker.dl-trail[data-geonameid]")].map(m => m.dataset.geonameid).filter(Boolean)`)
		for _, id := range shown {
			checked++
			if !now[id] {
				t.Errorf("%s: a marker at %s, which has no event in the step", days[i], id)
			}
		}
		for _, id := range trail {
			trails++
			if !before[id] {
				t.Errorf("%s: a faded marker at %s, which has no event before", days[i], id)
			}
		}
		if bar := eval[string](t, b, `document.querySelector("#timeline rect.playing").dataset.start`); bar != days[i] {
			t.Errorf("step %s: the bar of %s is lit", days[i], bar)
		}
		if len(shown) > 0 && len(trail) > 0 && checked == len(shown) {
			b.screenshot(t, "step-"+days[i]) // the first step with a trail
		}
	}
	if checked == 0 || trails == 0 {
		t.Errorf("%d markers of a step and %d faded ones checked", checked, trails)
	}
	status := eval[string](t, b, `document.getElementById("play-status").textContent`)
	if !strings.HasPrefix(status, fmt.Sprintf("Step %d of %d: ", len(days), len(days))) {
		t.Errorf("at the end the status says %q", status)
	}
	// Escape stops: the map shows every event again.
	n := loads(t, b)
	b.do(t, "stop", chromedp.KeyEvent(kb.Escape), b.settled(n))
	if s := eval[string](t, b, `(document.getElementById("map").dataset.step || "") + "|" + document.querySelectorAll("#map .dl-trail").length`); s != "|0" {
		t.Errorf("after Escape: %q", s)
	}
	b.noErrors(t)
}

// background is the computed background colour of the page's body.
const background = `getComputedStyle(document.body).backgroundColor`

// TestBrowserDarkTheme: the switch sets the theme at once and keeps it across pages; with
// "System", the system's dark scheme (emulated) applies; the basemap follows.
func TestBrowserDarkTheme(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	const light, dark = "rgb(255, 255, 255)", "rgb(20, 23, 27)"
	pick := func(v string) chromedp.Action[chromedp.Void] {
		return b.js(`(s => { s.value = "` + v + `"; s.dispatchEvent(new Event("change")); return true; })(document.getElementById("theme-select"))`)
	}
	land := `(p => p && p.getAttribute("fill"))(document.querySelector("#map .leaflet-tile-pane path"))`
	b.do(t, "open /", chromedp.Navigate(ts.URL+"/"), b.poll(`!!document.querySelector("#map .leaflet-tile-pane path")`))
	if bg := eval[string](t, b, background); bg != light {
		t.Errorf("the page's background is %s, want %s", bg, light)
	}
	b.do(t, "switch to dark", pick("dark"), b.poll(background+` === "`+dark+`"`), b.poll(land+` === "#2b2f33"`))
	b.screenshot(t, "dark")
	b.do(t, "another page keeps it", chromedp.Navigate(ts.URL+"/about"), chromedp.WaitVisible(chromedp.CSS("footer")))
	if bg := eval[string](t, b, background+` + "|" + document.documentElement.dataset.theme + "|" + document.getElementById("theme-select").value`); bg != dark+"|dark|dark" {
		t.Errorf("the next page: %s", bg)
	}
	b.do(t, "back to the system's", pick(""), b.poll(background+` === "`+light+`"`))
	b.do(t, "a dark system", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		return err
	}), b.poll(background+` === "`+dark+`"`))
	b.do(t, "light wins over the system's dark", pick("light"), b.poll(background+` === "`+light+`"`))
	b.noErrors(t)
}

// TestBrowserDownload: the download menu's GeoJSON link carries the view's filters, in place
// too, and gives the events the list counts.
func TestBrowserDownload(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	link := `document.querySelector("#download a[download]")`
	b.do(t, "open October", chromedp.Navigate(ts.URL+"/?from=2017-10-01&to=2017-10-31&q=Kirkuk"),
		chromedp.Click(chromedp.CSS("#download summary")), chromedp.WaitVisible(chromedp.CSS("#download a[download]")))
	b.screenshot(t, "menu")
	check := func(want url.Values) {
		t.Helper()
		href := eval[string](t, b, link+`.getAttribute("href")`)
		u, err := url.Parse(href)
		if err != nil || u.Path != "/export/events.geojson" || u.Query().Has("limit") {
			t.Fatalf("the link is %q", href)
		}
		formats := eval[[]string](t, b, `[...document.querySelectorAll("#download a[download]")].map(a => new URL(a.href).pathname)`)
		if want := []string{"/export/events.geojson", "/export/events.geojsonl", "/export/events.csv", "/export/events.kml"}; !slices.Equal(formats, want) {
			t.Errorf("the menu's files are %q, want %q", formats, want)
		}
		for k := range want {
			if u.Query().Get(k) != want.Get(k) {
				t.Errorf("%s: %s=%q, want %q", href, k, u.Query().Get(k), want.Get(k))
			}
		}
		res, body := ts.do(t, http.MethodGet, href, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		var fc struct {
			Features []struct {
				Properties struct{ Date string }
			}
		}
		if err := json.Unmarshal(body, &fc); err != nil {
			t.Fatal(err)
		}
		total := eval[string](t, b, `document.querySelector("#results .count").textContent`)
		if total != fmt.Sprintf("%d events", len(fc.Features)) {
			t.Errorf("the list says %s; the download has %d", total, len(fc.Features))
		}
		for _, f := range fc.Features {
			if !strings.HasPrefix(f.Properties.Date, "2017-10") {
				t.Errorf("%s in October's download", f.Properties.Date)
			}
		}
	}
	check(url.Values{"from": {"2017-10-01"}, "to": {"2017-10-31"}, "q": {"Kirkuk"}})
	b.do(t, "filter Raqqa in place", chromedp.SetValue(chromedp.CSS(`#filters input[name=q]`), "Raqqa"),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)), b.poll(`location.search.includes("q=Raqqa") && `+link+`.href.includes("q=Raqqa")`))
	check(url.Values{"from": {"2017-10-01"}, "to": {"2017-10-31"}, "q": {"Raqqa"}})
	b.noErrors(t)
}

// TestBrowserMapInURL: moving the map writes its position in the URL, which restores it; "list
// only what the map shows" makes the map's box the list's filter, and follows the map.
func TestBrowserMapInURL(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	b.do(t, "open /", chromedp.Navigate(ts.URL+"/"), b.poll(`!!(window.Dateline && Dateline.explore)`), b.settled("0"))
	if s := eval[string](t, b, `location.search`); s != "" {
		t.Errorf("the first view wrote %q", s)
	}
	n := loads(t, b)
	b.do(t, "zoom in with the button", chromedp.Click(chromedp.CSS("#map .leaflet-control-zoom-in")), b.settled(n),
		b.poll(`new URLSearchParams(location.search).get("map") === Dateline.position(Dateline.explore.map)`))
	pos := eval[string](t, b, `Dateline.position(Dateline.explore.map)`)
	b.do(t, "reload the permalink", chromedp.Navigate(eval[string](t, b, `location.href`)), b.poll(`!!(window.Dateline && Dateline.explore)`), b.settled("0"))
	if got := eval[string](t, b, `Dateline.position(Dateline.explore.map)`); got != pos {
		t.Errorf("the permalink shows %s, want %s", got, pos)
	}

	total := eval[string](t, b, `document.querySelector("#results .count").textContent`)
	b.do(t, "list only what the map shows", b.js(`Dateline.explore.map.fitBounds(`+syriaIraq+`), true`),
		chromedp.Click(chromedp.CSS("#inview")), b.poll(`new URLSearchParams(location.search).has("bbox")`),
		b.poll(`document.querySelector("#results .count").textContent !== `+strconv.Quote(total)))
	b.screenshot(t, "in-view")
	check := func() {
		t.Helper()
		q, err := viewquery.Parse(mustQuery(t, eval[string](t, b, `location.search.slice(1)`)))
		if err != nil || q.BBox == nil {
			t.Fatalf("the URL's box: %+v, %v", q.BBox, err)
		}
		page, err := ts.store.QueryEvents(context.Background(), report.EventFilter{BBox: q.BBox, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, b, `document.querySelector("#results .count").textContent`); got != fmt.Sprintf("%d events", page.Total) {
			t.Errorf("the list counts %s in %v, the store %d", got, *q.BBox, page.Total)
		}
	}
	check()
	box := eval[string](t, b, `new URLSearchParams(location.search).get("bbox")`)
	b.do(t, "pan with the keys", chromedp.Focus(chromedp.CSS("#map")), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight),
		b.poll(`new URLSearchParams(location.search).get("bbox") !== `+strconv.Quote(box)),
		b.poll(`document.getElementById("map").dataset.shown.includes(encodeURIComponent(new URLSearchParams(location.search).get("bbox")))`))
	check()
	b.noErrors(t)
}

func mustQuery(t *testing.T, s string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
