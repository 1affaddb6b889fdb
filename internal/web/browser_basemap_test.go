package web_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// shownLabels are the texts of the basemap's place labels that lie within the map's box.
const shownLabels = `(() => {
	const box = document.getElementById("map").getBoundingClientRect();
	return [...document.querySelectorAll("#map .dl-place span")].filter(s => {
		const r = s.getBoundingClientRect();
		return r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
	}).map(s => s.textContent);
})()`

// TestBrowserBasemapLabels: without tiles, the basemap names the capitals of the demo's area at
// zooms 4 to 6, they and the countries in the page's language (Damas, Syrie with ?ui=fr); over
// the events, its labels keep clear of the markers. (A filter of no events shows the basemap alone.)
func TestBrowserBasemapLabels(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	parent := t
	for _, c := range []struct {
		ui, country, notCountry string
		capitals                []string
	}{{"en", "Syria", "Syrie", []string{"Damascus", "Baghdad"}}, {"fr", "Syrie", "Syria", []string{"Damas", "Bagdad"}}} {
		for _, zoom := range []int{4, 5, 6} {
			t.Run(fmt.Sprintf("%s zoom %d", c.ui, zoom), func(t *testing.T) {
				b.do(t, "open the map over Syria and Iraq", chromedp.Navigate(fmt.Sprintf("%s/?ui=%s&from=2099&map=%d/34/40", ts.URL, c.ui, zoom)),
					b.poll(`!!(window.Dateline && Dateline.explore)`), b.poll(`Number(document.getElementById("map").dataset.labels) > 0`))
				labels := eval[[]string](t, b, shownLabels)
				for _, want := range c.capitals {
					if !slices.Contains(labels, want) {
						t.Errorf("the labels at zoom %d are %q: no %s", zoom, labels, want)
					}
				}
				if zoom == 5 && !slices.Contains(labels, c.country) {
					t.Errorf("the labels at zoom %d are %q: no %s", zoom, labels, c.country)
				}
				if slices.Contains(labels, c.notCountry) {
					t.Errorf("the labels at zoom %d are %q: %s is not in the page's language", zoom, labels, c.notCountry)
				}
				if zoom == 5 {
					b.screenshot(parent, "labels-"+c.ui)
				}
			})
		}
	}
	b.do(t, "open the demo's events at zoom 5", chromedp.Navigate(ts.URL+"/?ui=fr&map=5/34/40"), b.poll(`!!(window.Dateline && Dateline.explore)`),
		b.settled("0"), b.poll(`Number(document.getElementById("map").dataset.labels) > 0`))
	b.screenshot(t, "labels-events")
	overlaps := eval[int](t, b, `(() => {
		const boxes = s => [...document.querySelectorAll("#map " + s)].map(e => e.getBoundingClientRect());
		const marks = boxes(".dl-marker, .dl-label");
		return boxes(".dl-place span").filter(l => marks.some(m => l.left < m.right && m.left < l.right && l.top < m.bottom && m.top < l.bottom)).length;
	})()`)
	if overlaps > 0 {
		t.Errorf("%d of the basemap's labels cover an event's marker or label", overlaps)
	}
	b.noErrors(t)
}

// TestBrowserAntimeridian: at zoom 2, Russia and Fiji, whose outlines cross the antimeridian, are
// drawn as wide as they are, not as bands across the world; the basemap draws lakes and rivers.
func TestBrowserAntimeridian(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	b.do(t, "open the world at zoom 2", chromedp.Navigate(ts.URL+"/?map=2/40/100"),
		b.poll(`!!(window.Dateline && Dateline.explore)`), b.poll(`document.getElementById("map").dataset.basemap === "110m"`),
		b.poll(`Number(document.getElementById("map").dataset.labels) > 0`))
	if labels := eval[[]string](t, b, shownLabels); !slices.Contains(labels, "Russia") || !slices.Contains(labels, "China") {
		t.Errorf("the labels at zoom 2 are %q: no Russia or no China", labels)
	}
	world := 256 << 2 // the world's width at zoom 2, in pixels
	for _, c := range []struct {
		name, class string
		maxDegrees  float64 // the country's span in longitude, with a margin
	}{{"Russia", "dl-c643", 175}, {"Fiji", "dl-c242", 10}} {
		w := eval[float64](t, b, `document.querySelector("#map path.`+c.class+`").getBBox().width`)
		if max := c.maxDegrees / 360 * float64(world); w <= 0 || w > max {
			t.Errorf("%s is drawn %.0f px wide at zoom 2, want at most %.0f (%.0f degrees)", c.name, w, max, c.maxDegrees)
		}
	}
	if n := eval[int](t, b, `document.querySelectorAll("#map path.dl-lake").length`); n < 10 {
		t.Errorf("%d lakes drawn, want 10 or more", n)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#map path.dl-river").length`); n < 5 {
		t.Errorf("%d rivers drawn, want 5 or more", n)
	}
	b.screenshot(t, "world")
	b.noErrors(t)
}
