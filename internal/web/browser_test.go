package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/datelinehq/dateline/internal/report"
)

const chromium = "/usr/bin/chromium"

// browser is a headless Debian chromium driven by chromedp, which records the console errors,
// uncaught exceptions and browser log errors of its tab.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no browser: %v (.ci/run installs chromium)", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, without a deadline (it would stop it)
		t.Fatalf("start %s: %v", chromium, err)
	}
	b := &browser{ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.errors = append(b.errors, m.String()+" at "+m.URL)
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// step bounds one step of a test.
const step = 30 * time.Second

// do runs actions within step, and fails the test on error.
func (b *browser) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.screenshot(t, "failed")
		ids, _ := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](markerIDs))
		href, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`location.href`))
		t.Fatalf("%s: %v (at %s, markers at %v)", what, err, href, ids)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// js evaluates a JavaScript expression as a step.
func (b *browser) js(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](expr)(ctx, tg)
		return err
	})
}

// poll waits until the expression is true.
func (b *browser) poll(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for deadline := time.Now().Add(step); ; {
			_, err := chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(time.Until(deadline)))(ctx, tg)
			// A page whose document was just replaced (a navigation ending) may have dropped the
			// context the poll ran in: poll again, in the new one.
			if err == nil || !strings.Contains(err.Error(), "Cannot find context with specified id") || time.Now().After(deadline) {
				return err
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}

// screenshot saves the page in the test's temp dir, or in $DATELINE_SCREENSHOTS to keep it.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	dir := os.Getenv("DATELINE_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, t.Name()+"-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

func (b *browser) noErrors(t *testing.T) {
	t.Helper()
	b.noErrorsBut(t, "")
}

// noErrorsBut fails the test on the browser's errors but those that contain expected.
func (b *browser) noErrorsBut(t *testing.T, expected string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		if expected == "" || !strings.Contains(e, expected) {
			t.Errorf("browser: %s", e)
		}
	}
}

// syriaIraq is the demo's band from Raqqa to Kirkuk, as Leaflet's fitBounds takes it: at its zoom (8)
// no two of its places share a symbol.
const syriaIraq = `[[35.2, 38.8], [36.2, 44.6]], {padding: [30, 30], animate: false}`

// markerIDs are the GeoNames ids of the map's markers at one place.
const markerIDs = `[...document.querySelectorAll("#map .dl-marker[data-geonameid]")].map(m => m.dataset.geonameid).filter(Boolean)`

func TestBrowserExplore(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	b := newBrowser(t)
	ids := map[string]string{}
	for _, name := range []string{"Raqqa", "Markada", "Abu Kamal", "Kirkuk"} {
		ids[name] = placeIDOf(t, ts, name)
	}
	t.Logf("places %v", ids)
	marker := func(name string) chromedp.CSS {
		return chromedp.CSS(`#map .dl-marker[data-geonameid="` + ids[name] + `"]`)
	}

	// The first view fits every event, from the United States to Kazakhstan; Syria and Iraq are
	// then a few symbols, which zooming in to them parts.
	b.do(t, "open the explore page", chromedp.Navigate(ts.URL+"/"),
		b.poll(`Number(document.getElementById("map").dataset.loads) > 0`),
		chromedp.WaitVisible(chromedp.CSS("#timeline svg rect.bar")), chromedp.WaitVisible(chromedp.CSS("#results li")))
	b.screenshot(t, "explore-first-view")
	b.do(t, "zoom to Syria and Iraq", b.js(`Dateline.explore.map.fitBounds(`+syriaIraq+`), true`),
		chromedp.WaitVisible(marker("Raqqa")), chromedp.WaitVisible(marker("Markada")))
	b.screenshot(t, "explore")
	before := eval[[]string](t, b, markerIDs)
	// Abu Kamal and Al Qa'im, 17 km apart, share a symbol until the map is zoomed in to 10.
	b.do(t, "zoom to Abu Kamal", b.js(`Dateline.explore.map.setView([34.42, 40.95], 10), true`),
		chromedp.WaitVisible(marker("Abu Kamal")))
	b.screenshot(t, "abu-kamal")

	// October, typed into the two date inputs: the list, the timeline and the map change in place.
	octPage, err := ts.store.QueryEvents(context.Background(), report.EventFilter{
		From: time.Date(2017, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2017, 11, 1, 0, 0, 0, 0, time.UTC), Limit: report.MaxEventLimit,
	})
	if err != nil {
		t.Fatal(err)
	}
	october := map[string]bool{}
	kirkuk := map[string]bool{} // how October's reports write Kirkuk
	for _, e := range octPage.Events {
		october[strconv.FormatInt(e.Place.ID, 10)] = true
		if strconv.FormatInt(e.Place.ID, 10) == ids["Kirkuk"] {
			kirkuk[e.Text] = true
		}
	}
	if october[ids["Markada"]] || !october[ids["Kirkuk"]] {
		t.Fatalf("the demo changed: Markada in October %v, Kirkuk %v", october[ids["Markada"]], october[ids["Kirkuk"]])
	}
	b.do(t, "filter October", b.js(`Dateline.explore.map.fitBounds(`+syriaIraq+`), true`),
		chromedp.SetValue(chromedp.CSS(`#filters input[name=from]`), "2017-10-01"),
		chromedp.SetValue(chromedp.CSS(`#filters input[name=to]`), "2017-10-31"),
		chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)),
		b.poll(`location.search === "?from=2017-10-01&to=2017-10-31" && document.querySelector("#timeline svg").dataset.from === "2017-10-01"`),
		chromedp.WaitNotPresent(marker("Markada")),
		chromedp.WaitVisible(marker("Kirkuk")),
	)
	dates := eval[[]string](t, b, `[...document.querySelectorAll("#results li")].map(li => li.dataset.date)`)
	bars := eval[[]string](t, b, `[...document.querySelectorAll("#timeline rect.bar")].map(r => r.dataset.start)`)
	count := eval[string](t, b, `document.querySelector("#results .count").textContent`)
	after := eval[[]string](t, b, markerIDs)
	b.screenshot(t, "october")
	if want := strconv.Itoa(octPage.Total) + " events"; count != want || len(dates) == 0 || len(bars) == 0 {
		t.Errorf("after filtering: %q (want %q), %d listed, %d bars", count, want, len(dates), len(bars))
	}
	for _, d := range slices.Concat(dates, bars) {
		if !strings.HasPrefix(d, "2017-10") {
			t.Errorf("%s is shown in October", d)
		}
	}
	for _, id := range after {
		if !october[id] {
			t.Errorf("a marker at %s, which has no event in October", id)
		}
	}
	if len(after) == 0 || len(after) >= len(before) {
		t.Errorf("markers: %d before, %d in October", len(before), len(after))
	}

	// A marker's popup shows the sentences, the place marked. Kirkuk is first moved to the top
	// edge, so that the popup pans the map to show itself: the markers loaded after that pan
	// must leave the popup open.
	loaded := func() string { return eval[string](t, b, `document.getElementById("map").dataset.loads`) }
	reloaded := func(since string) chromedp.Action[chromedp.Void] {
		return b.poll(`document.getElementById("map").dataset.loads !== ` + strconv.Quote(since))
	}
	loads := loaded()
	b.do(t, "move Kirkuk to the top edge", b.js(`(() => {
		const m = document.querySelector('#map .dl-marker[data-geonameid="`+ids["Kirkuk"]+`"]').getBoundingClientRect();
		const box = document.getElementById("map").getBoundingClientRect();
		Dateline.explore.map.panBy([0, m.top + m.height / 2 - box.top - 12], {animate: false});
		return true;
	})()`), reloaded(loads))
	loads = loaded()
	b.do(t, "open a popup", chromedp.Click(marker("Kirkuk")), chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .popup mark`)),
		reloaded(loads), chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .popup mark`)))
	if open := eval[string](t, b, `document.getElementById("map").dataset.popup`); open != ids["Kirkuk"] {
		t.Errorf("after the markers reloaded the open popup is %q, want Kirkuk's (%s)", open, ids["Kirkuk"])
	}
	mark := eval[string](t, b, `document.querySelector(".leaflet-popup-content .popup mark").textContent`)
	b.screenshot(t, "popup")
	if !kirkuk[mark] {
		t.Errorf("the popup marks %q, want one of %v", mark, kirkuk)
	}

	// Back to all events through the history.
	b.do(t, "go back", chromedp.NavigateBack(),
		b.poll(`location.search === "" && document.querySelector("#filters input[name=from]").value === ""`),
		chromedp.WaitVisible(marker("Markada")))

	// The report and place pages draw their small maps.
	b.do(t, "open a report", chromedp.Click(chromedp.CSS(`#results li a[href^="/reports/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#report-map .dl-marker`)), chromedp.WaitVisible(chromedp.CSS(`.report-text a.mention`)))
	b.screenshot(t, "report")
	b.do(t, "open a place", chromedp.Navigate(ts.URL+"/places/"+ids["Raqqa"]),
		chromedp.WaitVisible(chromedp.CSS(`#place-map .dl-marker`)), chromedp.WaitVisible(chromedp.CSS(`#timeline rect.bar`)))
	b.noErrors(t)
}

func TestBrowserEmbed(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	// The embedding site: another loopback origin.
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><link rel="icon" href="data:,"><title>News</title></head><body>
<h1>An article</h1>
<iframe id="dateline" src="%s/embed?from=2017-10-01&amp;to=2017-10-31&amp;theme=dark" width="700" height="150" style="border:0"></iframe>
<script>
addEventListener("message", function (e) {
  if (!e.data || e.data.type !== "dateline:height") return;
  var f = document.getElementById("dateline");
  if (f.contentWindow !== e.source) return;
  f.style.height = e.data.height + "px";
  document.body.dataset.height = e.data.height;
  document.body.dataset.origin = e.origin;
});
</script></body></html>`, ts.URL)
	}))
	defer host.Close()
	if host.URL == ts.URL {
		t.Fatal("one origin")
	}
	b := newBrowser(t)
	b.do(t, "open the embedding page", chromedp.Navigate(host.URL+"/"),
		b.poll(`Number(document.body.dataset.height) > 300`))
	height := eval[string](t, b, `document.body.dataset.height`)
	if origin := eval[string](t, b, `document.body.dataset.origin`); origin != ts.URL {
		t.Errorf("the height came from %q, want %q", origin, ts.URL)
	}
	if h := eval[string](t, b, `document.getElementById("dateline").style.height`); h != height+"px" {
		t.Errorf("the iframe is %q high, the embed said %s", h, height)
	}
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("iframe#dateline")))
	if err != nil || len(frames) != 1 {
		t.Fatalf("the iframe: %d nodes, %v", len(frames), err)
	}
	b.do(t, "the embed renders the map", chromedp.WaitVisible(chromedp.CSS(".dl-marker"), chromedp.FromNode(frames[0])))
	markers, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(".dl-marker"), chromedp.FromNode(frames[0])))
	if err != nil {
		t.Fatal(err)
	}
	bars, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("#timeline rect.bar"), chromedp.FromNode(frames[0])))
	if err != nil {
		t.Fatal(err)
	}
	b.screenshot(t, "embed")
	if len(markers) == 0 || len(bars) == 0 {
		t.Errorf("the embed shows %d markers, %d bars", len(markers), len(bars))
	}
	t.Logf("embed height %s px, %d markers, %d bars", height, len(markers), len(bars))
	b.noErrors(t)
}
