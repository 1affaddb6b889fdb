package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/datelinehq/dateline/internal/web"
)

// TestBrowserDots: a view of more events than DotsOver draws them as dots from the vector tiles
// (read by the page's own decoder), with no markers; a dot opens its place's popup, by a click or,
// at the keyboard, by Enter on the map centred near it; a filter to a
// view of few events goes back to the clusters' markers, and back again.
func TestBrowserDots(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, func(c *web.Config) { c.DotsOver = 10 })
	b := newBrowser(t)
	mapEl := `document.getElementById("map")`
	b.do(t, "open the explore page", chromedp.Navigate(ts.URL+"/"), b.poll(`!!(window.Dateline && Dateline.explore)`),
		b.poll(`(m => m.dataset.loading === "0" && Number(m.dataset.dots) > 0)(`+mapEl+`)`))
	if layer := eval[string](t, b, mapEl+`.dataset.layer`); layer != "dots" {
		t.Fatalf("data-layer %q, want dots", layer)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#map .dl-marker").length`); n != 0 {
		t.Errorf("%d markers beside the dots", n)
	}
	tiles := eval[int](t, b, `performance.getEntriesByType("resource").filter(e => e.name.includes("/tiles/events/") && e.name.includes(".mvt")).length`)
	painted := eval[int](t, b, `[...document.querySelectorAll("#map canvas")].reduce((n, c) => {
		const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		let p = 0;
		for (let i = 3; i < d.length; i += 4) if (d[i] > 0) p++;
		return n + p;
	}, 0)`)
	if tiles == 0 || painted < 50 {
		t.Errorf("%d tiles fetched, %d pixels painted: want the dots drawn", tiles, painted)
	}
	if !eval[bool](t, b, `getComputedStyle(document.querySelector(".legend .legend-dots")).display !== "none"`) {
		t.Error("the legend does not explain the dots")
	}
	b.screenshot(t, "dots")

	// The biggest dot's place: a click on it opens the popup of its events.
	dot := strings.Fields(eval[string](t, b, mapEl+`.dataset.dot`))
	if len(dot) != 3 {
		t.Fatalf("data-dot %q", dot)
	}
	xy := eval[[]float64](t, b, `(() => {
		const m = Dateline.explore.map, p = m.latLngToContainerPoint([`+dot[1]+`, `+dot[2]+`]), r = `+mapEl+`.getBoundingClientRect();
		return [r.left + p.x, r.top + p.y];
	})()`)
	b.do(t, "click the dot", chromedp.MouseClickXY(xy[0], xy[1]), chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .popup mark`)))
	if got := eval[string](t, b, mapEl+`.dataset.popup`); got != dot[0] {
		t.Errorf("the popup is of %q, want the dot's place %s", got, dot[0])
	}
	if h := eval[string](t, b, `document.querySelector(".leaflet-popup-content .popup h3 a").getAttribute("href")`); !strings.HasPrefix(h, "/places/"+dot[0]) {
		t.Errorf("the popup links to %q", h)
	}

	// At the keyboard: the map focused, its centre near the dot, Enter opens the dot's popup.
	b.do(t, "close the popup, bring the dot near the centre", b.js(`(() => {
		const m = Dateline.explore.map;
		m.closePopup();
		m.panTo(m.containerPointToLatLng(m.latLngToContainerPoint([`+dot[1]+`, `+dot[2]+`]).add([20, -15])), {animate: false});
		return true;
	})()`), b.poll(`!document.querySelector(".leaflet-popup")`))
	b.do(t, "focus the map, press Enter", chromedp.Focus(chromedp.CSS("#map")), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .popup mark`)))
	if got := eval[string](t, b, mapEl+`.dataset.popup`); got != dot[0] {
		t.Errorf("Enter opened the popup of %q, want the dot's place %s", got, dot[0])
	}

	// Few events: the markers again, without reloading the page; then all, dots again.
	n := loads(t, b)
	b.do(t, "filter Kirkuk", chromedp.SetValue(chromedp.CSS(`#filters input[name=q]`), "Kirkuk"),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)), b.settled(n), chromedp.WaitVisible(chromedp.CSS(`#map .dl-marker`)))
	if d := eval[string](t, b, mapEl+`.dataset.dots || ""`); d != "" {
		t.Errorf("dots %q left over a view of few events", d)
	}
	if eval[bool](t, b, `getComputedStyle(document.querySelector(".legend .legend-dots")).display !== "none"`) {
		t.Error("the legend explains dots the map does not draw")
	}
	if c := eval[int](t, b, `document.querySelectorAll("#map canvas").length`); c != 0 {
		t.Errorf("%d tiles of dots left over a view of few events", c)
	}
	n = loads(t, b)
	b.do(t, "clear the words", b.js(`(document.querySelector("#filters input[name=q]").value = "", true)`),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)), b.settled(n),
		b.poll(`Number(`+mapEl+`.dataset.dots) > 0`))
	if m := eval[int](t, b, `document.querySelectorAll("#map .dl-marker").length`); m != 0 {
		t.Errorf("%d markers after going back to all events", m)
	}
	if _, err := strconv.Atoi(eval[string](t, b, mapEl+`.dataset.dots`)); err != nil {
		t.Error(err)
	}
	b.noErrors(t)
}
