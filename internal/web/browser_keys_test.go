package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserTimelineKeyboard brushes the timeline from the keyboard: arrows move the range by a
// bin, Shift and the arrows resize it, Enter keeps it as a drag would.
func TestBrowserTimelineKeyboard(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	svg := chromedp.CSS("#timeline svg")
	shift := chromedp.KeyModifiers(chromedp.ModifierShift)
	b.do(t, "open October", chromedp.Navigate(ts.URL+"/?from=2017-10-01&to=2017-10-31"),
		chromedp.WaitVisible(chromedp.CSS("#timeline svg rect.bar")),
		b.poll(`document.querySelector("#timeline svg").getAttribute("tabindex") === "0"`))
	before := eval[string](t, b, `document.querySelector("#results .count").textContent`)
	if role := eval[string](t, b, `document.querySelector("#timeline svg").getAttribute("aria-roledescription") + "|" + document.getElementById(document.querySelector("#timeline svg").getAttribute("aria-describedby")).textContent`); !strings.Contains(role, "date range brush|Arrow keys move the range by one day") {
		t.Errorf("the brush says %q", role)
	}
	if n := eval[int](t, b, `document.querySelectorAll("[aria-live]").length`); n == 0 {
		t.Error("no live region")
	}

	keys := []chromedp.Action[chromedp.Void]{chromedp.Focus(svg), chromedp.KeyEvent(kb.ArrowRight)} // the first day
	for range 6 {
		keys = append(keys, chromedp.KeyEvent(kb.ArrowRight, shift)) // a week
	}
	for range 10 {
		keys = append(keys, chromedp.KeyEvent(kb.ArrowRight)) // ten days later
	}
	keys = append(keys, chromedp.KeyEvent(kb.ArrowLeft, shift)) // a day shorter
	// The count is the server's (an event dated October 2017 is in each bar of October).
	keys = append(keys, b.poll(`document.getElementById("announce").textContent.startsWith("2017-10-11 to 2017-10-16: ")`))
	b.do(t, "brush with the keys", keys...)
	brushed := eval[string](t, b, `(s => s.dataset.brushFrom + " " + s.dataset.brushTo + " " + (document.activeElement === s) + " " + getComputedStyle(s).outlineStyle)(document.querySelector("#timeline svg"))`)
	announced := eval[string](t, b, `document.getElementById("announce").textContent`)
	b.screenshot(t, "brushed")
	if brushed != "2017-10-11 2017-10-16 true solid" || !strings.HasPrefix(announced, "2017-10-11 to 2017-10-16: ") {
		t.Fatalf("brushed %q, announced %q", brushed, announced)
	}

	b.do(t, "apply it", chromedp.KeyEvent(kb.Enter),
		b.poll(`location.search === "?from=2017-10-11&to=2017-10-16" && document.querySelector("#timeline svg").dataset.from === "2017-10-11"`),
		b.poll(`document.getElementById("announce").textContent === document.querySelector("#results .count").textContent`))
	after := eval[string](t, b, `document.querySelector("#results .count").textContent`)
	dates := eval[[]string](t, b, `[...document.querySelectorAll("#results li")].map(li => li.dataset.date)`)
	focused := eval[bool](t, b, `document.activeElement === document.querySelector("#timeline svg")`)
	b.screenshot(t, "applied")
	if after == before || len(dates) == 0 || !focused {
		t.Errorf("count %q, then %q; %d listed; focus kept %v", before, after, len(dates), focused)
	}
	for _, d := range dates {
		if len(d) == len("2017-10-01") && (d < "2017-10-11" || d > "2017-10-16") || !strings.HasPrefix(d, "2017-10") {
			t.Errorf("%s is listed in 11-16 October", d)
		}
	}
	b.noErrors(t)
}

// TestBrowserFrench: a French page's scripts speak French, from the page's messages: the
// brush's description and announcements, and the map's markers.
func TestBrowserFrench(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	b.do(t, "open October in French", chromedp.Navigate(ts.URL+"/?from=2017-10-01&to=2017-10-31&ui=fr"),
		chromedp.WaitVisible(chromedp.CSS("#timeline svg rect.bar")),
		b.poll(`document.querySelector("#timeline svg").getAttribute("tabindex") === "0"`),
		b.poll(`Number(document.getElementById("map").dataset.markers) > 0`))
	role := eval[string](t, b, `document.querySelector("#timeline svg").getAttribute("aria-roledescription") + "|" + document.getElementById("timeline-keys").textContent`)
	if role != "sélecteur de période|Les flèches déplacent la période d’un cran (jour), Maj et les flèches l’allongent ou la raccourcissent, Entrée la garde, Échap l’efface." {
		t.Errorf("the brush says %q", role)
	}
	titles := eval[[]string](t, b, `[...document.querySelectorAll("#map .leaflet-marker-icon")].map(m => m.title)`)
	if len(titles) == 0 || !strings.Contains(strings.Join(titles, "|"), "événement") || strings.Contains(strings.Join(titles, "|"), " events") {
		t.Errorf("markers titled %q", titles)
	}

	b.do(t, "brush a day", chromedp.Focus(chromedp.CSS("#timeline svg")), chromedp.KeyEvent(kb.ArrowRight),
		b.poll(`document.getElementById("announce").textContent.startsWith("du 2017-10-01 au 2017-10-01 : ")`))
	if said := eval[string](t, b, `document.getElementById("announce").textContent`); !strings.HasPrefix(said, "du 2017-10-01 au 2017-10-01 : ") || !strings.HasSuffix(said, ". Entrée garde cette période.") {
		t.Errorf("announced %q", said)
	}
	b.do(t, "clear it", chromedp.KeyEvent(kb.Escape))
	if said := eval[string](t, b, `document.getElementById("announce").textContent`); said != "Période effacée." {
		t.Errorf("announced %q", said)
	}
	b.noErrors(t)
}
