package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/datelinehq/dateline/internal/intake"
)

// TestBrowserReportEdits: on a report page, a reader selects a word the parser missed and adds it
// as a place found by searching, corrects a mention by searching another place, both survive a
// reindex, and the report is deleted from its page.
func TestBrowserReportEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	ts := newDemoServer(t, nil)
	res, body := ts.post(t, "text/plain", readSeed(t))
	wantStatus(t, res, body, 200)
	id := parseReport(t, body).ID
	r, err := ts.store.GetReport(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	markada := itoa(mentionOf(t, r, "Markada").ID)
	b := newBrowser(t)

	// Select "Levant" in the text: the add form takes it; type a place and take a suggestion.
	b.do(t, "open the report", chromedp.Navigate(ts.URL+"/reports/"+id), chromedp.WaitVisible(chromedp.CSS(".report-text a.mention")))
	b.do(t, "select Levant", b.js(`(() => {
		const text = document.querySelector(".report-text");
		const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
		for (let n; (n = walker.nextNode()); ) {
			const i = n.data.indexOf("Levant");
			if (i >= 0) {
				const r = document.createRange();
				r.setStart(n, i); r.setEnd(n, i + 6);
				getSelection().removeAllRanges(); getSelection().addRange(r);
				return true;
			}
		}
		throw new Error("no Levant in the text");
	})()`), b.poll(`document.getElementById("add-text").value === "Levant"`))
	b.do(t, "search Syria", chromedp.SendKeys(chromedp.CSS("#add-search"), "Syri"),
		b.poll(`[...document.querySelectorAll("#add-search + datalist option")].some(o => o.value.startsWith("Syria (country, SY) #"))`))
	suggestion := eval[string](t, b, `[...document.querySelectorAll("#add-search + datalist option")].find(o => o.value.startsWith("Syria (country")).value`)
	b.do(t, "add Levant", chromedp.SetValue(chromedp.CSS("#add-search"), suggestion), chromedp.Submit(chromedp.CSS("form.add-mention")),
		settled(`[...document.querySelectorAll(".report-text a.mention")].some(a => a.textContent === "Levant")`))
	b.screenshot(t, "report-added")

	// Correct Markada by searching Paris.
	search := chromedp.CSS("#search-m-" + markada)
	b.do(t, "search Paris", chromedp.SendKeys(search, "Paris"),
		b.poll(`[...document.querySelectorAll("#search-m-`+markada+` + datalist option")].some(o => o.value.startsWith("Paris (place, FR"))`))
	paris := eval[string](t, b, `[...document.querySelectorAll("#search-m-`+markada+` + datalist option")].find(o => o.value.startsWith("Paris (place, FR")).value`)
	b.do(t, "save Paris", chromedp.SetValue(search, paris), chromedp.Submit(search),
		settled(`!!document.querySelector("#row-m-`+markada+`") && document.querySelector("#row-m-`+markada+`").textContent.includes("Paris")`))

	a, err := loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := intake.Reindex(t.Context(), a, ts.store, nil); err != nil {
		t.Fatal(err)
	}
	b.do(t, "reload after a reindex", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".report-text a.mention")),
		b.poll(`document.getElementById("report-map").dataset.loaded === "1"`))
	row := eval[string](t, b, `[...document.querySelectorAll("table.mentions tr")].map(tr => tr.textContent.replace(/\s+/g, " ")).join("\n")`)
	if !strings.Contains(row, "Levant Syria") || !strings.Contains(row, "Markada Paris") {
		t.Errorf("after a reindex the table reads:\n%s", row)
	}

	// Delete, confirming the question.
	b.do(t, "delete", b.js(`window.confirm = () => true, true`), chromedp.Click(chromedp.CSS("form.delete-report button")),
		settled(`location.pathname === "/"`))
	if _, err := ts.store.GetReport(t.Context(), id); err == nil {
		t.Errorf("the report is still stored")
	}
	b.noErrors(t)
}

// settled waits until expr is true in the page, through the navigation a form's submission
// starts: an evaluation that meets the old page going away is tried again.
func settled(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for {
			ok, err := chromedp.Evaluate[bool](expr)(ctx, tg)
			if err == nil && ok {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}
