package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// timelineServer is the demo with a report dated October 2017 (a month) and one dated 2014 (a
// year), far from the rest.
func timelineServer(t *testing.T) *testServer {
	t.Helper()
	ts := newDemoServer(t, nil)
	for _, body := range []string{
		`{"title":"A month","text":"Shelling hit Raqqa again.","date":"2017-10","lang":"en","source":"Test"}`,
		`{"title":"An old siege","text":"Fighting was reported in Raqqa.","date":"2014","lang":"en","source":"Test"}`,
	} {
		if res, b := ts.post(t, "application/json", body); res.StatusCode != http.StatusCreated {
			t.Fatalf("post %s: %d %s", body, res.StatusCode, b)
		}
	}
	return ts
}

// counts is the number in the timeline's caption, and in the list's count.
const counts = `(() => { const n = s => Number((/([0-9]+)/.exec(s) || [])[1]);
	return [n(document.querySelector("#timeline .caption").textContent), n(document.querySelector("#results .count").textContent)] })()`

// TestBrowserTimelineDates: an event dated October 2017 adds to every day-bar of October; each
// day's bar counts what the list of that day counts; the caption, the list and the keyboard brush
// count the same events for the same range, which the bars' sum would not.
func TestBrowserTimelineDates(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := timelineServer(t)
	b := newBrowser(t)
	b.do(t, "open October", chromedp.Navigate(ts.URL+"/?from=2017-10-01&to=2017-10-31"),
		chromedp.WaitVisible(chromedp.CSS("#timeline svg rect.bar")), chromedp.WaitVisible(chromedp.CSS("#results li")),
		b.poll(`document.querySelector("#timeline svg").getAttribute("tabindex") === "0"`))
	b.screenshot(t, "october")
	bars := eval[map[string]int](t, b, `Object.fromEntries([...document.querySelectorAll("#timeline svg rect[data-start]")].map(r => [r.dataset.start, Number(r.dataset.count)]))`)
	// Each day's events as the API counts them, and the events dated October 2017.
	perDay := evalAsync[map[string]int](t, b, `(async () => { const out = {};
		for (const d of [...document.querySelectorAll("#timeline svg rect[data-start]")].map(r => r.dataset.start)) {
			const fc = await (await fetch("/events.geojson?limit=1&from=" + d + "&to=" + d)).json();
			out[d] = fc.numberMatched;
		}
		return out })()`)
	months := evalAsync[int](t, b, `fetch("/events.geojson?from=2017-10-01&to=2017-10-31&limit=1000").then(r => r.json()).then(fc => fc.features.filter(f => f.properties.date === "2017-10").length)`)
	if len(bars) != 31 || months < 2 { // the demo's and ours
		t.Fatalf("%d bars, %d events dated October 2017", len(bars), months)
	}
	for d, n := range bars {
		if n < months || n != perDay[d] {
			t.Errorf("%s: the bar counts %d events, the list of the day %d, of which %d dated October 2017", d, n, perDay[d], months)
		}
	}
	if c := eval[[]int](t, b, counts); c[0] != c[1] || c[0] == 0 {
		t.Errorf("the caption counts %d events, the list %d", c[0], c[1])
	}

	// A week from the keyboard: the brush announces what the list then counts, not the bars' sum.
	svg := chromedp.CSS("#timeline svg")
	keys := []chromedp.Action[chromedp.Void]{chromedp.Focus(svg), chromedp.KeyEvent(kb.ArrowRight)}
	for range 6 {
		keys = append(keys, chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierShift)))
	}
	keys = append(keys, b.poll(`document.querySelector("#timeline svg").dataset.brushCount !== undefined && document.getElementById("announce").textContent.startsWith("2017-10-01 to 2017-10-07: ")`))
	b.do(t, "brush a week", keys...)
	announced := eval[string](t, b, `document.getElementById("announce").textContent`)
	sum := 0
	for d := 1; d <= 7; d++ {
		sum += bars["2017-10-0"+strconv.Itoa(d)]
	}
	b.do(t, "keep it", chromedp.KeyEvent(kb.Enter), b.poll(`location.search === "?from=2017-10-01&to=2017-10-07"`),
		b.poll(`document.querySelector("#timeline svg").dataset.from === "2017-10-01"`))
	c := eval[[]int](t, b, counts)
	b.screenshot(t, "a-week")
	if want := "2017-10-01 to 2017-10-07: " + strconv.Itoa(c[1]) + " events"; !strings.HasPrefix(announced, want) || c[0] != c[1] || sum <= c[1] {
		t.Errorf("the brush said %q; then the caption counts %d, the list %d (the bars' sum %d)", announced, c[0], c[1], sum)
	}
	b.noErrors(t)
}

// evalAsync evaluates a JavaScript expression whose value is a promise.
func evalAsync[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// labels checks the visible text of the timeline: none under 11 px, no two tick labels
// overlapping, none past the timeline's edges. It returns the labels.
func labels(t *testing.T, b *browser, at string) []string {
	t.Helper()
	type label struct {
		Text        string
		Size        float64
		Left, Right float64
		Clip        bool
	}
	got := eval[[]label](t, b, `(() => { const box = document.getElementById("timeline").getBoundingClientRect();
		return [...document.querySelectorAll("#timeline .axis-labels text")].filter(e => getComputedStyle(e).display !== "none").map(e => {
			const r = e.getBoundingClientRect();
			return {text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize), left: r.left, right: r.right,
				clip: r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.width === 0};
		}) })()`)
	small := eval[[]string](t, b, `[...document.querySelectorAll("#timeline *")].filter(e => e.offsetParent !== null || e instanceof SVGElement).filter(e =>
		[...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== "") && e.getClientRects().length > 0 &&
		getComputedStyle(e).display !== "none" && !e.closest(".sr-only,title") && parseFloat(getComputedStyle(e).fontSize) < 11).map(e => e.textContent.trim().slice(0, 40))`)
	if len(small) > 0 {
		t.Errorf("%s: text under 11 px: %q", at, small)
	}
	if len(got) < 2 {
		t.Errorf("%s: %d tick labels", at, len(got))
	}
	var texts []string
	for i, l := range got {
		texts = append(texts, l.Text)
		if l.Size < 11 || l.Clip {
			t.Errorf("%s: the label %q is %.1f px, from %.0f to %.0f (clipped %v)", at, l.Text, l.Size, l.Left, l.Right, l.Clip)
		}
		for _, o := range got[:i] {
			if l.Left < o.Right && o.Left < l.Right {
				t.Errorf("%s: the labels %q and %q overlap", at, o.Text, l.Text)
			}
		}
	}
	return texts
}

// TestBrowserTimelinePhone: on a 390 px phone the timeline is taller, its text 11 px at least,
// its tick labels apart and inside it, at every range the demo gives; a touch drag brushes it. The
// one event dated 2014 is off the axis, which says so and links to it.
func TestBrowserTimelinePhone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := timelineServer(t)
	b := newBrowser(t)
	b.do(t, "open the explore page", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#timeline svg rect.bar")))
	axis := eval[string](t, b, `document.querySelector("#timeline svg").dataset.from + " " + document.querySelector("#timeline svg").dataset.to + " " + document.querySelector("#timeline .off-axis").textContent.trim() + " " + document.querySelector("#timeline .off-axis a").getAttribute("href")`)
	b.screenshot(t, "desktop")
	if !strings.HasPrefix(axis, "2017-") || !strings.Contains(axis, "Off the axis: events of 1 January 2014 to 31 December 2014") || !strings.HasSuffix(axis, "/?from=2014-01-01&to=2014-12-31") {
		t.Errorf("the axis and its outlier: %q", axis)
	}
	if c := eval[[]int](t, b, counts); c[0] != c[1] {
		t.Errorf("the caption counts %d events, the list %d (the one of 2014 too)", c[0], c[1])
	}
	t.Logf("desktop labels %q", labels(t, b, "1280 px, the whole range"))

	b.do(t, "a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#timeline svg rect.bar")))
	b.screenshot(t, "phone")
	if h := eval[float64](t, b, `document.querySelector("#timeline svg").getBoundingClientRect().height`); h < 140 {
		t.Errorf("the chart is %.0f px tall on a phone", h)
	}
	for _, path := range []string{"/", "/?from=2017-10-01&to=2017-10-31", "/?from=2017-10-10&to=2017-10-20", "/?from=2017-01-01&to=2017-12-31", "/?from=2014-01-01&to=2017-12-31"} {
		b.do(t, "open "+path, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.CSS("#timeline svg")))
		t.Logf("phone labels of %s: %q", path, labels(t, b, "390 px, "+path))
	}
	b.do(t, "October", chromedp.Navigate(ts.URL+"/?from=2017-10-01&to=2017-10-31"), chromedp.WaitVisible(chromedp.CSS("#timeline svg rect.bar")))
	b.screenshot(t, "phone-october")

	// A touch drag from a third of the chart to two thirds keeps about the middle of October.
	r := eval[[]float64](t, b, `(s => (s.scrollIntoView({block: "center"}), (r => [r.left, r.top, r.width, r.height])(s.getBoundingClientRect())))(document.querySelector("#timeline svg"))`)
	touch := func(typ input.DispatchTouchEventType, x float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			p := input.DispatchTouchEventParams{Type: typ}
			if typ != input.DispatchTouchEventTypeTouchEnd {
				p.TouchPoints = []*input.TouchPoint{{X: x, Y: r[1] + r[3]/2}}
			}
			_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, p)
			return err
		})
	}
	b.do(t, "brush by touch", touch(input.DispatchTouchEventTypeTouchStart, r[0]+r[2]/3),
		touch(input.DispatchTouchEventTypeTouchMove, r[0]+r[2]/2), touch(input.DispatchTouchEventTypeTouchMove, r[0]+r[2]*2/3),
		touch(input.DispatchTouchEventTypeTouchEnd, 0),
		b.poll(`/^\?from=2017-10-1[0-2]&to=2017-10-2[0-2]$/.test(location.search)`))
	b.screenshot(t, "phone-touch-brushed")
	if c := eval[[]int](t, b, counts); c[0] != c[1] || c[0] == 0 {
		t.Errorf("after a touch brush the caption counts %d events, the list %d", c[0], c[1])
	}
	b.noErrors(t)
}
