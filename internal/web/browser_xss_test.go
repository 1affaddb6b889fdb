package web_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/datelinehq/dateline/internal/report"
)

// xssPayloads are the payloads of TestBrowserXSS, numbered from 1: each one, if it ever ran,
// would call the sentinel window.__xss (or top.__xss) with its number, open a dialog, or set
// document.title to "XSS".
func xssPayloads() []string {
	templates := []string{
		// Script elements.
		`<script>__xss({n})</script>`,
		`<SCRIPT>__xss({n})</SCRIPT>`,
		`<ScRiPt>top.__xss({n})</sCrIpT>`,
		`<script src="data:text/javascript,__xss({n})"></script>`,
		`<script/src=data:,__xss({n})></script>`,
		`<script>alert({n})</script>`,
		`<script>document.title='XSS'/*{n}*/</script>`,
		`<<script>__xss({n});//<</script>`,
		`<scr<script>ipt>__xss({n})</scr</script>ipt>`,
		`<script>setTimeout('__xss({n})')</script>`,
		// Event handlers.
		`<img src=x onerror=__xss({n})>`,
		`<IMG SRC=x ONERROR=__xss({n})>`,
		`<img src="x" onerror="__xss({n})">`,
		`<img src='x' onerror='__xss({n})'>`,
		`<img/src=x/onerror=__xss({n})>`,
		"<img\tsrc=x\tonerror=__xss({n})>",
		`<img src=x onerror=alert({n})>`,
		`<img src=x onerror=confirm({n})>`,
		`<img src=x onerror=prompt({n})>`,
		`<img src=x onerror="document.title='XSS'" alt={n}>`,
		`<img src=x onerror=__xss({n})//`,
		`<img src=x onerror=&#95;&#95;xss({n})>`,
		`<img src=x onerror=\u005f\u005fxss({n})>`,
		`<img src=x onerror=eval(atob('{b64}'))>`,
		`<img src=x onerror=window['__x'+'ss']({n})>`,
		`<img src=x onerror=top['\x5f\x5fxss']({n})>`,
		`<img src=x onerror=Function('__xss({n})')()>`,
		`<image src=x onerror=__xss({n})>`,
		`<img """><script>__xss({n})</script>">`,
		`<svg onload=__xss({n})>`,
		`<svg/onload=__xss({n})>`,
		`<svg onload="document.title='XSS'" id=s{n}>`,
		`<svg><script>__xss({n})</script></svg>`,
		`<svg><animate onbegin=__xss({n}) attributeName=x dur=1s>`,
		`<svg><set onbegin=__xss({n}) attributeName=x to=1>`,
		`<svg><style><img src=x onerror=__xss({n})></style></svg>`,
		`<body onload=__xss({n})>`,
		`<body/onpageshow=__xss({n})>`,
		`<frameset onload=__xss({n})>`,
		`<iframe/onload=__xss({n})>`,
		`<input autofocus onfocus=__xss({n})>`,
		`<select autofocus onfocus=__xss({n})></select>`,
		`<textarea autofocus onfocus=__xss({n})></textarea>`,
		`<keygen autofocus onfocus=__xss({n})>`,
		`<xss autofocus tabindex=1 onfocus=__xss({n})></xss>`,
		`<details open ontoggle=__xss({n})>`,
		`<video><source onerror=__xss({n})></video>`,
		`<video src=x onerror=__xss({n})>`,
		`<audio src=x onerror=__xss({n})>`,
		`<marquee onstart=__xss({n})>`,
		`<div onmouseover=__xss({n}) style="position:fixed;inset:0">`,
		`<a href=# onclick=__xss({n})>x</a>`,
		// URLs that run script.
		`<a href="javascript:__xss({n})">x</a>`,
		`<a href="jAvAsCrIpT:__xss({n})">x</a>`,
		`<a href="&#106;avascript:__xss({n})">x</a>`,
		`<a href="java&#x09;script:__xss({n})">x</a>`,
		`<a href="  javascript:__xss({n})">x</a>`,
		`<a href="data:text/html;base64,{b64}">{n}</a>`,
		`<iframe src="javascript:top.__xss({n})"></iframe>`,
		`<iframe src="data:text/html,<script>alert({n})</script>"></iframe>`,
		`<iframe srcdoc="<script>top.__xss({n})</script>"></iframe>`,
		`<iframe srcdoc="&lt;img src=x onerror=top.__xss({n})&gt;"></iframe>`,
		`<object data="javascript:__xss({n})">`,
		`<object data="data:text/html,<script>alert({n})</script>"></object>`,
		`<embed src="data:text/html,<script>alert({n})</script>">`,
		`<form action="javascript:__xss({n})"><button>go</button></form>`,
		`<button formaction="javascript:__xss({n})">x</button>`,
		`<isindex action=javascript:__xss({n}) type=image>`,
		`<link rel=import href="data:text/html,<script>top.__xss({n})</script>">`,
		`<meta http-equiv="refresh" content="0;url=javascript:__xss({n})">`,
		`<base href="javascript:__xss({n})//">`,
		`<svg><a xlink:href="javascript:__xss({n})"><text x="20" y="20">XSS</text></a></svg>`,
		`<math><a xlink:href="javascript:__xss({n})">x</a></math>`,
		`<table background="javascript:__xss({n})">`,
		`<img src="javascript:__xss({n})">`,
		`javascript:__xss({n})`,
		`data:text/html,<script>__xss({n})</script>`,
		`vbscript:msgbox({n})`,
		// Breaking out of attributes, elements, comments and scripts.
		`"><script>__xss({n})</script>`,
		`'><script>__xss({n})</script>`,
		`" onmouseover="__xss({n})" x="`,
		`' onmouseover='__xss({n})' x='`,
		`" autofocus onfocus="__xss({n})`,
		`' autofocus onfocus='__xss({n})`,
		`"><img src=x onerror=__xss({n})>`,
		`'><img src=x onerror=__xss({n})>`,
		`"/><svg onload=__xss({n})>`,
		`"><iframe src=javascript:top.__xss({n})>`,
		`</script><script>__xss({n})</script>`,
		`</script><img src=x onerror=__xss({n})>`,
		`"}</script><script>__xss({n})</script>`,
		`</style><script>__xss({n})</script>`,
		`</title><script>__xss({n})</script>`,
		`</textarea><script>__xss({n})</script>`,
		`</noscript><img src=x onerror=__xss({n})>`,
		`<noscript><p title="</noscript><img src=x onerror=__xss({n})>">`,
		`<!--<img src="--><img src=x onerror=__xss({n})//">`,
		`--><script>__xss({n})</script><!--`,
		`<![CDATA[<script>__xss({n})</script>]]>`,
		`<math><mtext><table><mglyph><style><img src=x onerror=__xss({n})>`,
		`</a><a href=javascript:__xss({n})>x</a>`,
		`';__xss({n});//`,
		`";__xss({n});//`,
		`\";__xss({n});//`,
		`'-__xss({n})-'`,
		`"-__xss({n})-"`,
		"`-__xss({n})-`",
		"\u2028</script><script>__xss({n})</script>",
		"\u2029\"};__xss({n});//",
		// Template forms.
		`${__xss({n})}`,
		"`${__xss({n})}`",
		`{{__xss({n})}}`,
		`{{constructor.constructor('__xss({n})')()}}`,
		`<div ng-app>{{$on.constructor('__xss({n})')()}}</div>`,
		`#{__xss({n})}`,
		`<%= __xss({n}) %>`,
		`{{{__xss({n})}}}`,
		// CSS.
		`<div style="width:expression(__xss({n}))">`,
		`<div style="background:url('javascript:__xss({n})')">`,
		`<div style="x:\65xpression(__xss({n}))">`,
		`<style>@import 'javascript:__xss({n})';</style>`,
		`<style>*{background:url(javascript:__xss({n}))}</style>`,
		// Encodings: entities, escapes, percent-encoding, full-width and NUL characters.
		`&lt;script&gt;__xss({n})&lt;/script&gt;`,
		`&#60;img src=x onerror=__xss({n})&#62;`,
		`&#x3C;svg onload=__xss({n})&#x3E;`,
		`\x3cscript\x3e__xss({n})\x3c/script\x3e`,
		`\u003cscript\u003e__xss({n})\u003c/script\u003e`,
		`%3Cscript%3E__xss({n})%3C/script%3E`,
		`＜script＞__xss({n})＜/script＞`,
		"<scr\x00ipt>__xss({n})</scr\x00ipt>",
		"<img src=x onerror=\x00__xss({n})>",
		"<a href=\"java\x00script:__xss({n})\">x</a>",
		// Markdown-like links.
		`[click](javascript:__xss({n}))`,
		`![x](x" onerror="__xss({n}))`,
		`<javascript:__xss({n})>`,
		`[x](data:text/html;base64,{b64})`,
		// Polyglots.
		"jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=__xss({n}) )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=__xss({n})//>\\x3e",
		`'"--></style></script><script>__xss({n})</script>`,
		`"'><svg/onload=__xss({n})>`,
		`'">><marquee><img src=x onerror=__xss({n})></marquee>"></plaintext\></|\><plaintext/onmouseover=__xss({n})>`,
	}
	out := make([]string, len(templates))
	for i, s := range templates {
		n := strconv.Itoa(i + 1)
		s = strings.ReplaceAll(s, "{b64}", base64.StdEncoding.EncodeToString([]byte("<script>top.__xss("+n+")</script>")))
		out[i] = strings.ReplaceAll(s, "{n}", n)
	}
	return out
}

// xssInit runs in every document and frame before the page's own scripts: window.__xss records
// a payload that ran, in the page and through the binding __xssReport to the test (which keeps it
// across navigations); a title set to "XSS" is a hit too; and every violation of the content
// policy is kept for the test to read.
const xssInit = `(() => {
	const hit = what => {
		(window.__xssHits = window.__xssHits || []).push(String(what));
		try { window.__xssReport(String(what) + " at " + location.href); } catch (e) {}
	};
	Object.defineProperty(window, "__xss", { value: n => hit("payload " + n) });
	const title = Object.getOwnPropertyDescriptor(Document.prototype, "title");
	Object.defineProperty(Document.prototype, "title", {
		configurable: true, get: title.get,
		set(v) { if (/xss/i.test(v)) hit("title " + v); title.set.call(this, v); },
	});
	window.__cspViolations = [];
	document.addEventListener("securitypolicyviolation", e => {
		window.__cspViolations.push(e.effectiveDirective + " " + e.blockedURI + " " + (e.sample || ""));
	});
})()`

// xssScan looks for what an injection leaves in the DOM of the page and of its same-origin
// frames, whether or not it ran: event handler attributes, scripts that are not Dateline's
// files, frames, plugins, <base>, <style> and SVG animation elements, unknown elements, and URLs
// with a javascript:, vbscript: or data: scheme. It returns them with the sentinel's hits and the
// policy's violations.
const xssScan = `(() => {
	const found = [];
	const docs = [document];
	for (const f of document.querySelectorAll("iframe")) {
		try { if (f.contentDocument) docs.push(f.contentDocument); } catch (e) {}
	}
	const ours = s => { const u = new URL(s, location.href); return u.origin === location.origin && u.pathname.startsWith("/assets/"); };
	const scheme = /^(javascript|vbscript|data):/i;
	const urls = ["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcset", "codebase", "lowsrc", "dynsrc"];
	const banned = "iframe, frame, frameset, object, embed, applet, base, isindex, keygen, marquee, template, noembed, plaintext, math, style, " +
		"animate, set, animateTransform, animateMotion, foreignObject, use, image, meta[http-equiv], [srcdoc], [autofocus], [ng-app]";
	const show = el => el.outerHTML.slice(0, 200);
	for (const doc of docs) {
		for (const el of doc.querySelectorAll("*")) {
			for (const a of el.attributes) {
				if (/^on/i.test(a.name)) found.push("handler " + a.name + ": " + show(el));
				const v = a.value.replace(/[\u0000-\u0020]/g, "");
				if (urls.includes(a.name) && scheme.test(v) && !(el.localName === "link" && el.rel === "icon" && a.value === "data:,")) found.push("URL " + a.name + ": " + show(el));
				if (a.name === "style" && /expression|javascript:|url\(/i.test(a.value)) found.push("style: " + show(el));
			}
			if (el.matches(banned)) found.push("element: " + show(el));
			if (el instanceof HTMLUnknownElement) found.push("unknown element: " + show(el));
			if (el.localName === "script" && !(el.src ? ours(el.src) : el.type === "application/json" && el.id === "dateline-messages")) found.push("script: " + show(el));
			if (el.localName === "link" && !["stylesheet", "icon", "alternate"].includes(el.rel)) found.push("link: " + show(el));
		}
	}
	return { found, hits: window.__xssHits || [], csp: window.__cspViolations || [] };
})()`

// xssScanResult is what xssScan returns.
type xssScanResult struct {
	Found []string `json:"found"`
	Hits  []string `json:"hits"`
	CSP   []string `json:"csp"`
}

// xssSentinel keeps what the pages tell the test: the payloads that called __xss, through the
// binding, and the dialogs that opened (each dismissed).
type xssSentinel struct {
	mu   sync.Mutex
	hits []string
}

func (s *xssSentinel) add(what string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits = append(s.hits, what)
}

// take returns the hits since the last take.
func (s *xssSentinel) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	hits := s.hits
	s.hits = nil
	return hits
}

// wait takes the hits once there are some, or after a step.
func (s *xssSentinel) wait() []string {
	for deadline := time.Now().Add(step); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		s.mu.Lock()
		n := len(s.hits)
		s.mu.Unlock()
		if n > 0 {
			break
		}
	}
	time.Sleep(100 * time.Millisecond) // and what comes with them
	return s.take()
}

// xssInstallSentinel exposes __xssReport, adds xssInit to every new document, and dismisses every
// dialog, recording it.
func xssInstallSentinel(t *testing.T, b *browser) *xssSentinel {
	t.Helper()
	s := &xssSentinel{}
	dialogs := chromedp.Events(b.ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			s.add(fmt.Sprintf("dialog %s %q at %s", ev.Type, ev.Message, ev.URL))
			_, _ = chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	b.do(t, "install the sentinel",
		chromedp.ExposeFunc("__xssReport", func(_ context.Context, what string) (chromedp.Void, error) {
			s.add(what)
			return chromedp.Void{}, nil
		}),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: xssInit})
			return err
		}))
	return s
}

// xssBatch is one report holding a batch of payloads in every field, and the report whose id
// holds what an id can of them.
type xssBatch struct {
	k    int
	join string // the payloads joined by spaces: query strings and forms
	// The report as stored.
	id, title, text, source, url string
	added                        []string // the payloads added as mentions (trimmed), each a highlighted span
	notAPlace                    string   // an added mention then marked "not a place"
	// rawID is the payloads as they are, an id no report may have: its page is a 404 that names it.
	// ownID is the id of a report, made of what an id can hold of the payloads (report.ValidID):
	// their letters, digits and - _ . ~ :, after "javascript:".
	rawID, ownID string
}

// xssPlaces are the places of the payloads' sentences.
var xssPlaces = []string{"Raqqa", "Kirkuk", "Mosul", "Aleppo", "Homs", "Damascus", "Baghdad", "Erbil", "Palmyra", "Tikrit"}

// xssAddedPlaces are the places of the payloads added as mentions: none is in the sentences, so
// that the popups of their markers show the payloads highlighted.
var xssAddedPlaces = []string{"Tal Afar", "Tabqa", "Sinjar", "Deir ez-Zor"}

// xssBatchSize is how many payloads a report holds.
const xssBatchSize = 35

// xssVisible is how a text reads in the DOM: without the NUL characters that the HTML parser drops
// (or turns into U+FFFD), with its runs of white space as one space.
func xssVisible(s string) string {
	s = strings.NewReplacer("\x00", "", "\uFFFD", "").Replace(s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }), " ")
}

// xssURL is an http URL that carries the payloads in its query: each as it is where net/url
// parses it, else escaped.
func xssURL(k int, payloads []string) string {
	u := "https://example.org/r" + strconv.Itoa(k) + "/"
	for i, p := range payloads {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		piece := sep + "p" + strconv.Itoa(i) + "=" + p
		if _, err := url.Parse(u + piece); err != nil {
			piece = sep + "p" + strconv.Itoa(i) + "=" + url.QueryEscape(p)
		}
		u += piece
	}
	return u
}

// postXSSReport stores a report through the API and returns it as stored.
func postXSSReport(t *testing.T, ts *testServer, fields map[string]string) report.Report {
	t.Helper()
	body, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	res, b := ts.post(t, "application/json", string(body))
	wantStatus(t, res, b, http.StatusCreated)
	return parseReport(t, b).Report
}

// postXSSForm posts a form of a page, as the page's form would, and wants a redirect.
func postXSSForm(t *testing.T, ts *testServer, path string, form url.Values) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res, body := ts.send(t, req); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s %v: status %d, want 303: %.300s", path, form, res.StatusCode, body)
	}
}

// storeXSS stores the payloads in every field of the reports: title, text (around place names,
// and as mentions added by hand, one then marked "not a place", one corrected to another place),
// source and url; as ids, each is refused unless it is a valid id, and a further report's id holds
// what an id can of them.
func storeXSS(t *testing.T, ts *testServer, payloads []string) []*xssBatch {
	t.Helper()
	var batches []*xssBatch
	for k := 0; k*xssBatchSize < len(payloads); k++ {
		ps := payloads[k*xssBatchSize : min(len(payloads), (k+1)*xssBatchSize)]
		b := &xssBatch{k: k, join: strings.Join(ps, " ")}
		var lines []string
		for i, p := range ps {
			p = strings.ReplaceAll(p, "\x00", "") // the text of a report is refused with a NUL character
			lines = append(lines, p+" "+xssPlaces[(k+i)%len(xssPlaces)]+" "+p)
		}
		date := fmt.Sprintf("2017-%02d-%02d", 10+k%2, 1+3*k)
		r := postXSSReport(t, ts, map[string]string{
			"title": fmt.Sprintf("T%d %s", k, b.join), "text": strings.Join(lines, "\n"),
			"source": fmt.Sprintf("S%d %s", k, b.join), "url": xssURL(k, ps), "date": date, "lang": "en",
		})
		b.id, b.title, b.text, b.source, b.url = r.ID, r.Title, r.Text, r.Source, r.URL
		if strings.Contains(b.join, "\x00") && !(strings.Contains(b.title, "\x00") && strings.Contains(b.source, "\x00")) {
			t.Errorf("report %d: the NUL characters of the title or the source were not kept", k)
		}

		// Each payload becomes a mention, a span of the text highlighted and linked.
		for i, p := range ps {
			p = strings.TrimSpace(strings.ReplaceAll(p, "\x00", ""))
			postXSSForm(t, ts, "/reports/"+b.id+"/mentions", url.Values{"text": {p}, "search": {xssAddedPlaces[i%len(xssAddedPlaces)]}})
			b.added = append(b.added, p)
		}
		stored, err := ts.store.GetReport(t.Context(), b.id)
		if err != nil {
			t.Fatal(err)
		}
		mentionID := func(text string) string {
			for _, m := range stored.Mentions {
				if m.Corrected && m.Text == text {
					return itoa(m.ID)
				}
			}
			t.Fatalf("report %d has no added mention %q", k, text)
			return ""
		}
		b.notAPlace = b.added[0]
		postXSSForm(t, ts, "/reports/"+b.id+"/mentions/"+mentionID(b.added[0]), url.Values{"place": {"none"}})
		postXSSForm(t, ts, "/reports/"+b.id+"/mentions/"+mentionID(b.added[1]), url.Values{"search": {"Mosul"}})
		if places := len(stored.Mentions) - len(ps); places < len(ps) {
			t.Errorf("report %d: %d places found in %d sentences, each naming one", k, places, len(ps))
		}

		// The payloads as ids: each is refused, unless it is an id that every route reaches as it
		// is; the report whose id holds what an id can of them is stored.
		for i, p := range ps {
			id := fmt.Sprintf("x%d-%d-%s", k, i, p)
			text := fmt.Sprintf("Shelling hit %s on Monday (payload %d of batch %d as an id).", xssPlaces[(k+i)%len(xssPlaces)], i, k)
			if report.ValidID(id) {
				if r := postXSSReport(t, ts, map[string]string{"id": id, "text": text, "date": date, "lang": "en"}); r.ID != id {
					t.Fatalf("report stored as %q, want the id %q", r.ID, id)
				}
				continue
			}
			body, err := json.Marshal(map[string]string{"id": id, "text": text})
			if err != nil {
				t.Fatal(err)
			}
			res, answer := ts.post(t, "application/json", string(body))
			wantError(t, res, answer, http.StatusUnprocessableEntity, "letters, digits and - _ . ~ :")
		}
		b.rawID = fmt.Sprintf("x%d-%s", k, b.join)
		b.ownID = fmt.Sprintf("javascript:y%d-", k)
		for _, c := range []byte(b.join) {
			if id := b.ownID + string(c); len(id) <= report.MaxIDBytes && report.ValidID(id) {
				b.ownID = id
			}
		}
		r = postXSSReport(t, ts, map[string]string{
			"id": b.ownID, "text": fmt.Sprintf("Shelling hit %s on Monday (batch %d).", xssPlaces[k%len(xssPlaces)], k), "date": date, "lang": "en",
		})
		if r.ID != b.ownID {
			t.Fatalf("report stored as %q, want the id %q", r.ID, b.ownID)
		}
		batches = append(batches, b)
	}
	return batches
}

// xssRun is one pass of the browser over every page, with the content policy or bypassing it.
type xssRun struct {
	ts       *testServer
	b        *browser
	s        *xssSentinel
	enforced bool // the content policy applies: any violation is a failure
	pages    int
}

// check scans the page and fails the test on anything an injection left, on a sentinel's hit, and,
// under the content policy, on any violation of it.
func (x *xssRun) check(t *testing.T, what string) {
	t.Helper()
	x.pages++
	r := eval[xssScanResult](t, x.b, xssScan)
	for _, f := range r.Found {
		t.Errorf("%s: injected %s", what, f)
	}
	for _, h := range slices.Concat(r.Hits, x.s.take()) {
		t.Errorf("%s: a payload ran: %s", what, h)
	}
	if x.enforced {
		for _, v := range r.CSP {
			t.Errorf("%s: the content policy blocked %s", what, v)
		}
	}
}

// visit opens path, waits until ready is true, and checks the page.
func (x *xssRun) visit(t *testing.T, what, path, ready string) {
	t.Helper()
	x.b.do(t, what, chromedp.Navigate(x.ts.URL+path), x.b.poll(ready))
	x.check(t, what)
}

// xssWantSame fails the test unless got reads as want.
func xssWantSame(t *testing.T, what, got, want string) {
	t.Helper()
	if xssVisible(got) != xssVisible(want) {
		t.Errorf("%s reads\n%q\nwant\n%q", what, xssVisible(got), xssVisible(want))
	}
}

// xssWantAll fails the test unless every one of want is among got, as they read.
func xssWantAll(t *testing.T, what string, got, want []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, g := range got {
		seen[xssVisible(g)] = true
	}
	for _, w := range want {
		if !seen[xssVisible(w)] {
			t.Errorf("%s: %q is missing", what, xssVisible(w))
		}
	}
}

// xssJS is v as a JavaScript literal.
func xssJS(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// xssPath is the path of a report's page, escaped as net/url escapes it, so that the server
// reads the id back whole (an id with "/" has none).
func xssPath(id string) string {
	return (&url.URL{Path: "/reports/" + id}).EscapedPath()
}

// control injects an image whose onerror calls the sentinel into a page of Dateline: the content
// policy must refuse to run it (and say so), and bypassing the policy it must run, which shows
// that the sentinel would see a payload that ran.
func (x *xssRun) control(t *testing.T) {
	t.Helper()
	x.b.do(t, "inject a handler", x.b.js(`(() => {
		const d = document.createElement("div");
		d.innerHTML = '<img id="xss-control" src="/no-such-image.png" onerror="__xss(\'control\')">';
		document.body.appendChild(d);
		return true;
	})()`))
	if x.enforced {
		x.b.do(t, "the policy refuses the handler", x.b.poll(`window.__cspViolations.some(v => v.startsWith("script-src"))`))
		time.Sleep(300 * time.Millisecond)
		if hits := eval[[]string](t, x.b, `window.__xssHits || []`); len(hits) > 0 {
			t.Errorf("the content policy let an inline handler run: %v", hits)
		}
	} else {
		x.b.do(t, "the handler runs without the policy", x.b.poll(`(window.__xssHits || []).includes("payload control")`))
		if hits := x.s.wait(); len(hits) != 1 || !strings.HasPrefix(hits[0], "payload control") {
			t.Errorf("the binding reported %q, want the control's call", hits)
		}
		x.b.do(t, "open a dialog", x.b.js(`setTimeout(() => alert("control"), 0), true`))
		if hits := x.s.wait(); len(hits) != 1 || !strings.Contains(hits[0], `dialog alert "control"`) {
			t.Errorf("the dialog was recorded as %q", hits)
		}
	}
	x.b.do(t, "forget the control", x.b.js(`window.__xssHits = [], window.__cspViolations = [], document.getElementById("xss-control").remove(), true`))
	x.s.take()
}

// TestBrowserXSS stores well over a hundred XSS payloads in every field of reports (title, text
// around place names and inside the highlighted mentions, a mention marked not a place, source,
// url; ids refuse them, and one holds what an id can) and in every query parameter and form field
// that pages echo, then opens every page and embed that shows them in chromium, with the content
// policy and bypassing it, with their popups. No payload may run, nor leave an element, a handler
// or a script URL in the DOM, and each must be shown as the text it is.
func TestBrowserXSS(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	payloads := xssPayloads()
	if len(payloads) < 100 {
		t.Fatalf("%d payloads, want at least 100", len(payloads))
	}
	if len(slices.Compact(slices.Sorted(slices.Values(payloads)))) != len(payloads) {
		t.Fatal("two payloads are the same")
	}
	ts := newServer(t, nil)
	batches := storeXSS(t, ts, payloads)
	events, err := ts.store.QueryEvents(t.Context(), report.EventFilter{Limit: report.MaxEventLimit})
	if err != nil {
		t.Fatal(err)
	}
	var places []string
	for _, e := range events.Events {
		if id := itoa(e.Place.ID); !slices.Contains(places, id) {
			places = append(places, id)
		}
	}
	chunks := xssChunks(t, ts, payloads)
	t.Logf("%d payloads in %d reports, %d events at %d places; %d chunks of q", len(payloads), 2*len(batches), events.Total, len(places), len(chunks))

	// oEmbed: the HTML of the embeds of each chunk, put into another site's page as a consumer does.
	var snippets []string
	for i, chunk := range chunks {
		v := url.Values{"source": {chunk.words}, "lang": {chunk.words}}
		if chunk.q {
			v.Set("q", chunk.words)
		}
		view := ts.URL + []string{"/embed", "/embed/map", "/embed/timeline"}[i%3] + "?" + v.Encode()
		res, body := ts.do(t, http.MethodGet, "/oembed?"+url.Values{"url": {view}}.Encode(), "", nil)
		wantStatus(t, res, body, http.StatusOK)
		var o struct {
			HTML string `json:"html"`
		}
		if err := json.Unmarshal(body, &o); err != nil {
			t.Fatal(err)
		}
		snippets = append(snippets, o.HTML)
	}
	html, err := json.Marshal(strings.Join(snippets, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><link rel="icon" href="data:,"><title>News</title>
<style>iframe { height: 60px; width: 300px; }</style></head><body><div id="embeds"></div>
<script>
var embeds = document.getElementById("embeds");
embeds.addEventListener("load", function (e) { if (e.target.localName === "iframe") e.target.dataset.loaded = "1"; }, true);
embeds.innerHTML = %s;
</script></body></html>`, html)
	}))
	defer host.Close()

	b := newBrowser(t)
	s := xssInstallSentinel(t, b)
	for _, enforced := range []bool{true, false} {
		// One pass under the content policy, one bypassing it: there, a payload that the escaping
		// let through would run, and the sentinel would see it.
		b.do(t, "set the policy", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: !enforced})
			return err
		}))
		x := &xssRun{ts: ts, b: b, s: s, enforced: enforced}
		pass := time.Now()
		x.explore(t, batches)
		x.reportPages(t, batches)
		x.placePages(t, batches, places)
		x.queries(t, chunks, places)
		x.ingest(t, batches)
		x.oembed(t, host.URL, chunks)
		t.Logf("policy enforced %v: %d checks of pages and popups in %v", enforced, x.pages, time.Since(pass).Round(time.Millisecond))
	}
	time.Sleep(200 * time.Millisecond) // the binding's last calls
	for _, h := range s.take() {
		t.Errorf("a payload ran: %s", h)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		// The error pages that the test opens on purpose, and the control's refused handler.
		if !strings.Contains(e, "the server responded with a status of 4") && !strings.Contains(e, "Content Security Policy") {
			t.Errorf("browser: %s", e)
		}
	}
}

// explore opens the explore page, every marker's popup, and every page of its list.
func (x *xssRun) explore(t *testing.T, batches []*xssBatch) {
	t.Helper()
	x.visit(t, "the explore page", "/", `Number(document.getElementById("map").dataset.loads) > 0 && !!document.querySelector("#timeline rect.bar")`)
	x.control(t)
	x.b.do(t, "zoom to Syria and Iraq", x.b.js(`Dateline.explore.map.fitBounds(`+syriaIraq+`), true`),
		x.b.poll(`document.getElementById("map").dataset.loading === "0" && !!document.querySelector("#map .dl-marker[data-geonameid]")`))
	type popup struct {
		ID    string   `json:"id"`
		OK    bool     `json:"ok"`
		Marks []string `json:"marks"`
	}
	ctx, cancel := context.WithTimeout(x.b.ctx, 2*step)
	defer cancel()
	popups, err := chromedp.Run(ctx, chromedp.Evaluate[[]popup](`(async () => {
		const el = document.getElementById("map"), out = [];
		const until = async f => { for (let i = 0; i < 500; i++) { if (f()) return true; await new Promise(r => setTimeout(r, 20)); } return false; };
		const ids = [...new Set([...el.querySelectorAll(".dl-marker[data-geonameid]")].map(m => m.dataset.geonameid).filter(Boolean))];
		for (const id of ids) {
			await until(() => el.dataset.loading === "0");
			const m = el.querySelector('.dl-marker[data-geonameid="' + id + '"]');
			if (!m) continue;
			m.click();
			const ok = await until(() => el.dataset.popup === id && !!document.querySelector(".leaflet-popup-content .popup"));
			const c = document.querySelector(".leaflet-popup-content");
			out.push({ id, ok, marks: c ? [...c.querySelectorAll("mark")].map(e => e.textContent) : [] });
			Dateline.explore.map.closePopup();
		}
		return out;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("open the popups: %v", err)
	}
	x.check(t, "the explore page's popups")
	var marks []string
	for _, p := range popups {
		if !p.OK {
			t.Errorf("the popup of %s did not load", p.ID)
		}
		marks = append(marks, p.Marks...)
	}
	if len(popups) < 3 || !slices.ContainsFunc(marks, func(m string) bool { return strings.Contains(m, "__xss(") }) {
		t.Errorf("%d popups, marking %q: no payload among them", len(popups), marks)
	}

	// Every page of the list: each title, source, url, added mention and id is in one.
	type item struct {
		Marks   []string `json:"marks"`
		Titles  []string `json:"titles"`
		Reports []string `json:"reports"`
		Metas   []string `json:"metas"`
		URLs    []string `json:"urls"`
		Next    string   `json:"next"`
	}
	var all item
	path := "/"
	for n := 1; path != ""; n++ {
		if n > 1 {
			x.visit(t, "the explore page "+strconv.Itoa(n), path, `Number(document.getElementById("map").dataset.loads) > 0`)
		}
		it := eval[item](t, x.b, `(() => {
			const lis = [...document.querySelectorAll("#results li")];
			const next = document.querySelector('#results .pager a[rel="next"]');
			return {
				marks: lis.map(li => li.querySelector("mark").textContent),
				titles: lis.map(li => li.querySelector('a[href^="/reports/"]').textContent),
				reports: lis.map(li => li.querySelector('a[href^="/reports/"]').getAttribute("href")),
				metas: lis.map(li => li.querySelectorAll(".meta")[1].textContent),
				urls: lis.flatMap(li => [...li.querySelectorAll('a[rel="noopener nofollow"]')].map(a => a.getAttribute("href"))),
				next: next ? next.getAttribute("href") : "",
			};
		})()`)
		all.Marks, all.Titles, all.Reports = append(all.Marks, it.Marks...), append(all.Titles, it.Titles...), append(all.Reports, it.Reports...)
		all.Metas, all.URLs = append(all.Metas, it.Metas...), append(all.URLs, it.URLs...)
		path = it.Next
		if n > 20 {
			t.Fatal("more than 20 pages of events")
		}
	}
	for _, bt := range batches {
		var added []string
		for _, a := range bt.added {
			if a != bt.notAPlace {
				added = append(added, a)
			}
		}
		xssWantAll(t, fmt.Sprintf("the list's marks (report %d)", bt.k), all.Marks, added)
		xssWantAll(t, "the list's titles", all.Titles, []string{bt.title})
		if !slices.ContainsFunc(all.Metas, func(m string) bool { return strings.Contains(xssVisible(m), xssVisible(bt.source)) }) {
			t.Errorf("the list does not show the source %q", xssVisible(bt.source))
		}
		xssWantAll(t, "the list's source links", all.URLs, []string{bt.url})
		xssWantAll(t, "the list's report links", all.Reports, []string{xssPath(bt.id), xssPath(bt.ownID)})
	}
}

// reportPages opens the page of each report, its map's popups, and the error pages of its forms
// filled with the payloads.
func (x *xssRun) reportPages(t *testing.T, batches []*xssBatch) {
	t.Helper()
	type shown struct {
		H1, Text, Title, Meta, URL, NotAPlace string
		Mentions, Rows                        []string
		Popups                                int
	}
	read := `(() => {
		const q = s => document.querySelector(s);
		const popups = [...document.querySelectorAll("#report-map .dl-marker")].filter(m => { m.click(); return !!q(".leaflet-popup-content a[href^='/places/']"); }).length;
		return {
			H1: q("article h1").textContent, Text: q(".report-text").textContent, Title: document.title, Meta: q("article .meta").textContent,
			URL: q('article .meta a[rel="noopener nofollow"]') ? q('article .meta a[rel="noopener nofollow"]').getAttribute("href") : "",
			NotAPlace: q(".report-text .not-a-place") ? q(".report-text .not-a-place").textContent : "",
			Mentions: [...document.querySelectorAll(".report-text a.mention")].map(a => a.textContent),
			Rows: [...document.querySelectorAll("table.mentions td[dir=auto]")].map(td => td.textContent),
			Popups: popups,
		};
	})()`
	for _, bt := range batches {
		what := fmt.Sprintf("report %d", bt.k)
		x.visit(t, what, xssPath(bt.id), `!!document.querySelector("#report-map .dl-marker")`)
		got := eval[shown](t, x.b, read)
		x.check(t, what+" with its popups")
		xssWantSame(t, what+": heading", got.H1, bt.title)
		xssWantSame(t, what+": text", got.Text, bt.text)
		xssWantSame(t, what+": document title", got.Title, bt.title+" · Dateline")
		xssWantSame(t, what+": source link", got.URL, bt.url)
		xssWantSame(t, what+": not a place", got.NotAPlace, bt.notAPlace)
		if !strings.Contains(xssVisible(got.Meta), xssVisible(bt.source)) {
			t.Errorf("%s: the line under the title reads %q, without the source %q", what, xssVisible(got.Meta), xssVisible(bt.source))
		}
		xssWantAll(t, what+": highlighted mentions", got.Mentions, bt.added[1:])
		xssWantAll(t, what+": table of mentions", got.Rows, bt.added)
		if got.Popups == 0 {
			t.Errorf("%s: no popup on the map", what)
		}

		// The add form and a correction with the payloads as free text: their error pages.
		add := strings.TrimSpace(bt.join)
		x.b.do(t, what+": add the payloads", x.b.js(`((text) => {
			const f = document.querySelector("form.add-mention");
			f.elements.text.value = text;
			f.elements.search.value = "Raqqa";
			setTimeout(() => f.submit(), 0); // after this evaluation returns
			return true;
		})(`+xssJS(t, add)+`)`), settled(`!!document.querySelector(".error-message")`))
		x.check(t, what+": the add form's error")
		if msg := eval[string](t, x.b, `document.querySelector(".error-message").textContent`); !strings.Contains(msg, strconv.Quote(add)) {
			t.Errorf("%s: adding the payloads says %q, without them", what, msg)
		}
		x.b.do(t, what+": again", chromedp.Navigate(x.ts.URL+xssPath(bt.id)), x.b.poll(`!!document.querySelector("table.mentions form")`))
		search := bt.join
		if i := strings.LastIndexByte(search, '#'); i >= 0 {
			search = search[:i]
		}
		search, _, _ = strings.Cut(search, " (")
		x.b.do(t, what+": search the payloads", x.b.js(`((search) => {
			const f = document.querySelector("table.mentions form");
			f.elements.search.value = search;
			setTimeout(() => f.submit(), 0); // after this evaluation returns
			return true;
		})(`+xssJS(t, bt.join)+`)`), settled(`!!document.querySelector(".error-message")`))
		x.check(t, what+": the correction's error")
		if msg := eval[string](t, x.b, `document.querySelector(".error-message").textContent`); !strings.Contains(msg, strconv.Quote(strings.TrimSpace(search))) {
			t.Errorf("%s: searching the payloads says %q, without them", what, msg)
		}

		// The report whose id holds what an id can of the payloads, and the page of the payloads
		// as an id, which no report has.
		what = fmt.Sprintf("report %q", bt.ownID)
		x.visit(t, what, xssPath(bt.ownID), `!!document.querySelector(".report-text")`)
		got = eval[shown](t, x.b, read)
		xssWantSame(t, what+": document title", got.Title, "Report "+bt.ownID+" · Dateline")
		if a := eval[string](t, x.b, `document.querySelector("form.add-mention").getAttribute("action")`); a != xssPath(bt.ownID)+"/mentions" {
			t.Errorf("%s: the add form posts to %q", what, a)
		}
		if g := eval[string](t, x.b, `document.getElementById("report-map").dataset.geojson`); g != "/api"+xssPath(bt.ownID) {
			t.Errorf("%s: the map reads %q", what, g)
		}
		x.visit(t, fmt.Sprintf("report %q", bt.rawID), xssPath(bt.rawID), `!!document.querySelector(".error-message")`)
	}
}

// placePages opens the page of every place, with its map's popups.
func (x *xssRun) placePages(t *testing.T, batches []*xssBatch, places []string) {
	t.Helper()
	var titles []string
	for _, id := range places {
		what := "place " + id
		x.visit(t, what, "/places/"+id, `!!document.querySelector("#place-map .dl-marker") && !!document.querySelector("#results li")`)
		titles = append(titles, eval[[]string](t, x.b, `(() => {
			document.querySelectorAll("#place-map .dl-marker").forEach(m => m.click());
			return [...document.querySelectorAll('#results li a[href^="/reports/"]')].map(a => a.textContent);
		})()`)...)
		x.check(t, what+" with its popup")
	}
	for _, bt := range batches {
		xssWantAll(t, "the places' lists", titles, []string{bt.title})
	}
}

// xssChunk is a run of payloads, joined by spaces, and whether the server takes it as q.
type xssChunk struct {
	words string
	q     bool
}

// xssChunks groups the payloads into the longest runs that the server takes as the words of q
// (at most 32 different words in 1,000 bytes, quotes closed, no NUL): a query string can then hold
// each payload in every parameter and still be the explore page with its filter. A payload that
// no run makes a valid q stays alone: the page of its query is an error page.
func xssChunks(t *testing.T, ts *testServer, payloads []string) []xssChunk {
	t.Helper()
	valid := func(q string) bool {
		res, body := ts.do(t, http.MethodGet, "/api/events?"+url.Values{"q": {q}, "limit": {"1"}}.Encode(), "", nil)
		if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusBadRequest {
			t.Fatalf("q %q: status %d: %s", q, res.StatusCode, body)
		}
		return res.StatusCode == http.StatusOK
	}
	var chunks []xssChunk
	chunk := ""
	for _, p := range payloads {
		switch {
		case chunk == "":
			chunk = p
		case valid(chunk + " " + p):
			chunk += " " + p
		default:
			chunks = append(chunks, xssChunk{chunk, valid(chunk)})
			chunk = p
		}
	}
	return append(chunks, xssChunk{chunk, valid(chunk)})
}

// queries opens the pages and embeds with the payloads in every parameter of their query
// strings: the explore page shows them in its filter's fields and problems, the embeds and a
// place's page in their links, the embed of an invalid filter on its error page.
func (x *xssRun) queries(t *testing.T, chunks []xssChunk, places []string) {
	t.Helper()
	params := []string{"q", "source", "lang", "from", "to", "place", "country", "bbox", "map", "theme", "page", "limit", "offset", "ui"}
	fields := []string{"q", "source", "lang", "from", "to", "place", "country", "bbox"}
	embeds := []string{"/embed", "/embed/map", "/embed/timeline"}
	for i, chunk := range chunks {
		all := url.Values{}
		for _, p := range params {
			all.Set(p, chunk.words)
		}
		what := fmt.Sprintf("the explore page with the payloads of chunk %d", i)
		if !chunk.q { // q is refused: the page says why
			x.visit(t, what, "/?"+all.Encode(), `!!document.querySelector(".error-message")`)
		} else {
			x.visit(t, what, "/?"+all.Encode(), `Number(document.getElementById("map").dataset.loads) > 0`)
			values := eval[map[string]string](t, x.b, `Object.fromEntries([...document.querySelectorAll("#filters input[name]")].map(i => [i.name, i.value]))`)
			for _, f := range fields {
				xssWantSame(t, what+": field "+f, values[f], chunk.words)
			}
			if n := eval[int](t, x.b, `document.querySelectorAll("#filters .field-error, #filter-problems li").length`); n < 5 {
				t.Errorf("%s: %d problems shown", what, n)
			}
		}

		valid := url.Values{"source": {chunk.words}, "lang": {chunk.words}}
		if chunk.q {
			valid.Set("q", chunk.words)
		}
		for _, path := range []string{embeds[i%len(embeds)], "/places/" + places[i%len(places)]} {
			what := fmt.Sprintf("%s with the payloads of chunk %d", path, i)
			x.visit(t, what, path+"?"+valid.Encode(), `document.readyState === "complete"`)
			links := eval[[]string](t, x.b, `[...document.querySelectorAll(".credit a, #download a, a[href^='/?']")].map(a => a.href)`)
			if len(links) == 0 {
				t.Errorf("%s: no link to the view", what)
			}
			for _, l := range links {
				u, err := url.Parse(l)
				if err != nil {
					t.Fatal(err)
				}
				for p := range valid {
					xssWantSame(t, fmt.Sprintf("%s: the %s of the link %.80s", what, p, l), u.Query().Get(p), chunk.words)
				}
			}
		}
		x.visit(t, fmt.Sprintf("/embed with every parameter of chunk %d", i), "/embed?"+all.Encode(), `!!document.querySelector(".error-message")`)
	}
}

// ingest previews the payloads pasted into the ingest page's form and uploaded in a file whose
// name holds them, then sends an invalid date and language made of them.
func (x *xssRun) ingest(t *testing.T, batches []*xssBatch) {
	t.Helper()
	x.visit(t, "the ingest page", "/ingest", `!!document.querySelector("form.ingest")`)
	for _, bt := range batches {
		what := fmt.Sprintf("the ingest page with the payloads of report %d", bt.k)
		text := bt.text
		fill := map[string]string{
			"text": text, "title": bt.title, "source": bt.source, "url": bt.url, "date": "2017-10-16", "lang": "en",
			"file": "Shelling hit Kirkuk " + strings.ReplaceAll(bt.join, "\x00", ""), "fileName": "f" + strconv.Itoa(bt.k) + " " + strings.ReplaceAll(bt.join, "\x00", "") + ".txt",
		}
		submit := `((f) => {
			const form = document.querySelector("form.ingest");
			for (const k of ["text", "title", "source", "url", "date", "lang"]) form.elements[k].value = f[k];
			if (f.file) {
				const dt = new DataTransfer();
				dt.items.add(new File([f.file], f.fileName, { type: "text/plain" }));
				form.elements.files.files = dt.files;
			}
			const a = document.createElement("input");
			a.type = "hidden"; a.name = "action"; a.value = "preview";
			form.appendChild(a);
			setTimeout(() => form.submit(), 0); // after this evaluation returns
			return true;
		})(`
		x.b.do(t, what, x.b.js(submit+xssJS(t, fill)+")"), settled(`document.querySelectorAll("section.preview").length === 2`))
		x.check(t, what)
		type preview struct {
			Headings, Texts []string
			Fields          map[string]string
		}
		got := eval[preview](t, x.b, `({
			Headings: [...document.querySelectorAll("section.preview h2")].map(h => h.textContent),
			Texts: [...document.querySelectorAll("section.preview .report-text")].map(d => d.textContent),
			Fields: Object.fromEntries([...document.querySelectorAll("form.ingest [name]")].filter(e => e.type !== "file").map(e => [e.name, e.value])),
		})`)
		xssWantAll(t, what+": previews", got.Headings, []string{bt.title})
		xssWantAll(t, what+": previewed texts", got.Texts, []string{text, fill["file"]})
		for _, f := range []string{"text", "title", "source", "url"} {
			xssWantSame(t, what+": field "+f, got.Fields[f], fill[f])
		}

		what = fmt.Sprintf("the ingest page with a date and a language of report %d", bt.k)
		bad := map[string]string{"text": "Shelling hit Kirkuk.", "title": bt.title, "source": bt.source, "url": bt.url, "date": bt.join, "lang": bt.join}
		x.b.do(t, what, x.b.js(submit+xssJS(t, bad)+")"), settled(`!!document.querySelector("section.problems")`))
		x.check(t, what)
		if msg := eval[string](t, x.b, `document.querySelector("section.problems").textContent`); !strings.Contains(msg, strconv.Quote(strings.TrimSpace(bt.join))) {
			t.Errorf("%s: the problem reads %.300q", what, msg)
		}
	}
}

// oembed opens another site's page holding the iframes of the embeds' oEmbed HTML.
func (x *xssRun) oembed(t *testing.T, hostURL string, chunks []xssChunk) {
	t.Helper()
	x.b.do(t, "the oEmbed host page", chromedp.Navigate(hostURL+"/"),
		x.b.poll(`[...document.querySelectorAll("iframe")].every(f => f.dataset.loaded)`))
	x.pages++
	type frame struct {
		Source string   `json:"source"`
		Attrs  []string `json:"attrs"`
	}
	frames := eval[[]frame](t, x.b, `[...document.querySelectorAll("#embeds *")].map(f => ({
		source: f.localName === "iframe" ? new URL(f.src).searchParams.get("source") : f.outerHTML,
		attrs: [...f.attributes].map(a => a.name).filter(n => !["data-loaded"].includes(n)).sort(),
	}))`)
	if len(frames) != len(chunks) {
		t.Fatalf("the oEmbed HTML makes %d elements, want %d iframes", len(frames), len(chunks))
	}
	for i, f := range frames {
		xssWantSame(t, "the oEmbed iframe's source", f.Source, chunks[i].words)
		if want := []string{"height", "loading", "src", "style", "title", "width"}; !slices.Equal(f.Attrs, want) {
			t.Errorf("the oEmbed iframe has the attributes %v, want %v", f.Attrs, want)
		}
	}
	time.Sleep(200 * time.Millisecond)
	for _, h := range slices.Concat(eval[[]string](t, x.b, `window.__xssHits || []`), x.s.take()) {
		t.Errorf("the oEmbed host page: a payload ran: %s", h)
	}
}
