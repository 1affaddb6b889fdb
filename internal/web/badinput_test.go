package web_test

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
)

// badCase is one malformed request of the bad-input matrix and the 4xx it must be answered.
type badCase struct {
	name    string
	server  string // "open" (the default) or "guarded"
	method  string // GET when empty
	path    string
	ctype   string // Content-Type, when set
	body    string
	chunked bool     // the body is sent without a Content-Length
	header  []string // names and values
	host    string   // the Host header, when not the server's own
	status  int
}

// The limits of the matrix's servers: small, so that a body over them costs little.
const (
	matrixMaxBody   = 512 << 10
	matrixMaxReport = 128 << 10
)

// matrixFixture is what the cases refer to: reports, mentions and places of the demo, and the
// secrets of the guarded server.
type matrixFixture struct {
	report, other  string // two reports of the open server
	mention        int64  // a mention of report, whose text occurs once in it
	mentionText    string
	otherMention   int64 // a mention of other
	place          int64 // a place with events
	guardedReport  string
	guardedMention int64
	writer, reader string // the guarded server's tokens
	idempotencyKey string // a key the open server has seen with another report
}

// storeState is what the matrix must leave as it was: every report with its mentions and their
// corrections (as JSON, hashed), the ids, the number of events and the tokens.
type storeState struct {
	ids    []string
	events int
	tokens []string
	digest [sha256.Size]byte
}

func (s storeState) equal(o storeState) bool {
	return slices.Equal(s.ids, o.ids) && s.events == o.events && slices.Equal(s.tokens, o.tokens) && s.digest == o.digest
}

func (s storeState) String() string {
	return fmt.Sprintf("%d reports %v, %d events, tokens %v, digest %x", len(s.ids), s.ids, s.events, s.tokens, s.digest[:6])
}

// storeStateOf reads the whole store of ts.
func storeStateOf(t testing.TB, ts *testServer) storeState {
	t.Helper()
	ctx := context.Background()
	var s storeState
	h := sha256.New()
	enc := json.NewEncoder(h)
	err := ts.store.EachReport(ctx, func(r *report.Report) error {
		s.ids = append(s.ids, r.ID)
		return enc.Encode(r)
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(s.ids)
	ev, err := ts.store.QueryEvents(ctx, report.EventFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	s.events = ev.Total
	toks, err := ts.store.Tokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range toks {
		s.tokens = append(s.tokens, tok.Name)
	}
	slices.Sort(s.tokens)
	copy(s.digest[:], h.Sum(nil))
	return s
}

// TestBadInputMatrix sends every route that takes input requests it must refuse, on the real
// server over a real SQLite file with the demo reports: each is a 4xx (never a 5xx), in JSON
// with a message on the API and an HTML page elsewhere, and the store is left as it was.
func TestBadInputMatrix(t *testing.T) {
	limits := func(c *web.Config) {
		c.PublicURL = "https://dateline.example"
		c.MaxBodyBytes, c.MaxReportBytes = matrixMaxBody, matrixMaxReport
	}
	servers := map[string]*testServer{
		"open": newDemoServer(t, limits),
		"guarded": newDemoServer(t, func(c *web.Config) {
			limits(c)
			c.WriteToken, c.Tokens = true, c.Reports.(web.TokenStore)
		}),
	}
	fx := matrixFixtureOf(t, servers)
	before := map[string]storeState{}
	for name, ts := range servers {
		before[name] = storeStateOf(t, ts)
	}

	cases := badCases(fx)
	if len(cases) < 150 {
		t.Fatalf("the matrix holds %d cases, want at least 150", len(cases))
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Fatalf("two cases are named %q", c.name)
		}
		seen[c.name] = true
	}
	last := maps.Clone(before) // each case is compared with the state it found
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			server := cmp.Or(c.server, "open")
			ts := servers[server]
			res, body := ts.send(t, c.request(t, ts))
			if after := storeStateOf(t, ts); !after.equal(last[server]) {
				t.Errorf("%s %s changed the store:\nbefore %v\nafter  %v", cmp.Or(c.method, http.MethodGet), short(c.path), last[server], after)
				last[server] = after
			}
			checkRefusal(t, c, res, body)
		})
	}

	// Not a 4xx but what the oEmbed spec asks of an unknown format (logged at info level: no ERROR below).
	t.Run("oEmbed's unknown format is the 501 of the oEmbed spec", func(t *testing.T) {
		ts := servers["open"]
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/oembed?format=xml&url="+url.QueryEscape("https://dateline.example/embed"), nil)
		res, body := ts.send(t, req)
		wantError(t, res, []byte(body), http.StatusNotImplemented, `format "xml" is not served`)
	})
	for name, ts := range servers {
		if after := storeStateOf(t, ts); !after.equal(before[name]) {
			t.Errorf("the matrix changed the %s store:\nbefore %v\nafter  %v", name, before[name], after)
		}
		for l := range strings.Lines(ts.log.String()) {
			if strings.Contains(l, "level=ERROR") || strings.Contains(l, "panic") {
				t.Errorf("%s server logged: %s", name, l)
			}
		}
	}
	// A reader confirming a mention's place keeps the ids and the events: the digest must see it.
	t.Run("the comparison sees a confirmed mention", func(t *testing.T) {
		ts := servers["open"]
		res, _ := ts.form(t, fmt.Sprintf("/reports/%s/mentions/%d", fx.report, fx.mention), url.Values{"place": {strconv.FormatInt(fx.place, 10)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("a correction: %d", res.StatusCode)
		}
		after := storeStateOf(t, ts)
		if after.equal(before["open"]) || !slices.Equal(after.ids, before["open"].ids) || after.events != before["open"].events {
			t.Errorf("a stored correction: before %v, after %v", before["open"], after)
		}
	})
}

// request is the case's request to ts.
func (c badCase) request(t testing.TB, ts *testServer) *http.Request {
	t.Helper()
	var body io.Reader
	if c.body != "" || c.method == http.MethodPost {
		body = strings.NewReader(c.body)
		if c.chunked {
			body = io.MultiReader(body) // no length known: sent chunked
		}
	}
	req, err := http.NewRequest(cmp.Or(c.method, http.MethodGet), ts.URL+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.ctype != "" {
		req.Header.Set("Content-Type", c.ctype)
	}
	for i := 0; i+1 < len(c.header); i += 2 {
		req.Header.Set(c.header[i], c.header[i+1])
	}
	if c.host != "" {
		req.Host = c.host
	}
	return req
}

// checkRefusal checks the answer to a bad request: the case's 4xx, and an error a reader can
// read, JSON with a message and the request id on the API, an HTML page elsewhere.
func checkRefusal(t *testing.T, c badCase, res *http.Response, body string) {
	t.Helper()
	show := fmt.Sprintf("%s %s (Content-Type %q, %d bytes of body %.80q)", cmp.Or(c.method, http.MethodGet), short(c.path), c.ctype, len(c.body), c.body)
	if res.StatusCode != c.status || res.StatusCode < 400 || res.StatusCode > 499 {
		t.Fatalf("%s: status %d, want %d; body: %.600s", show, res.StatusCode, c.status, body)
	}
	if c.method == http.MethodHead {
		if body != "" {
			t.Errorf("%s: a HEAD answered with a body: %.200s", show, body)
		}
		return
	}
	ct := res.Header.Get("Content-Type")
	if p := res.Request.URL.Path; strings.HasPrefix(p+"/", "/api/") || strings.HasSuffix(p, ".geojson") ||
		p == "/oembed" || p == "/healthz" || strings.HasPrefix(p, "/basemap/") {
		var e struct {
			Error     string `json:"error"`
			RequestID string `json:"request_id"`
		}
		if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%s: %d with Content-Type %q, not a JSON error (%v): %.600s", show, res.StatusCode, ct, err, body)
		}
		if strings.TrimSpace(e.Error) == "" || e.RequestID == "" || e.RequestID != res.Header.Get("X-Request-Id") {
			t.Errorf("%s: error %q, request id %q (header %q)", show, e.Error, e.RequestID, res.Header.Get("X-Request-Id"))
		}
		return
	}
	if !strings.HasPrefix(ct, "text/html") || !strings.HasPrefix(strings.ToLower(body), "<!doctype html>") || !strings.Contains(body, "</html>") {
		t.Fatalf("%s: %d with Content-Type %q, not an HTML page: %.600s", show, res.StatusCode, ct, body)
	}
}

// matrixFixtureOf picks the reports, mentions and places the cases name, stores the tokens of
// the guarded server and gives the open server an idempotency key: all before the store is
// compared.
func matrixFixtureOf(t *testing.T, servers map[string]*testServer) matrixFixture {
	t.Helper()
	var fx matrixFixture
	var demo []*report.Report
	err := servers["open"].store.EachReport(t.Context(), func(r *report.Report) error {
		demo = append(demo, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range demo {
		for _, m := range r.Mentions {
			switch {
			case fx.report == "" && !m.NotAPlace && strings.Count(r.Text, m.Text) == 1:
				fx.report, fx.mention, fx.mentionText, fx.place = r.ID, m.ID, m.Text, m.Place.ID
			case fx.report != "" && fx.other == "" && r.ID != fx.report:
				fx.other, fx.otherMention = r.ID, m.ID
			}
		}
	}
	if fx.report == "" || fx.other == "" {
		t.Fatalf("the demo has no mention to correct: %d reports", len(demo))
	}
	g := servers["guarded"]
	err = g.store.EachReport(t.Context(), func(r *report.Report) error {
		if fx.guardedReport == "" && len(r.Mentions) > 0 {
			fx.guardedReport, fx.guardedMention = r.ID, r.Mentions[0].ID
		}
		return nil
	})
	if err != nil || fx.guardedReport == "" {
		t.Fatalf("the guarded server has no report with a mention (%v)", err)
	}
	fx.writer, fx.reader = newToken(t, g, "newsroom", false), newToken(t, g, "reader", true)

	fx.idempotencyKey = "matrix-key-1"
	res, body := servers["open"].post(t, "text/plain", "Shelling was reported near Homs.", "Idempotency-Key", fx.idempotencyKey)
	wantStatus(t, res, body, http.StatusCreated)
	return fx
}

// multipartBody is a multipart/form-data body of fields and files (name, content) in order, and
// its content type.
func multipartBody(fields [][2]string, files [][2]string) (string, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	for _, f := range files {
		fw, _ := mw.CreateFormFile("files", f[0])
		io.WriteString(fw, f[1])
	}
	mw.Close()
	return buf.String(), mw.FormDataContentType()
}

// badCases is the matrix: malformed requests to every route that takes input.
func badCases(fx matrixFixture) []badCase {
	const (
		get, post, head = http.MethodGet, http.MethodPost, http.MethodHead
		jsonType        = "application/json"
		textType        = "text/plain"
		jsonl           = "application/x-ndjson"
		formType        = "application/x-www-form-urlencoded"
		bad, unproc     = http.StatusBadRequest, http.StatusUnprocessableEntity
		notFound        = http.StatusNotFound
		tooLarge        = http.StatusRequestEntityTooLarge
		unsupported     = http.StatusUnsupportedMediaType
	)
	var cs []badCase
	add := func(c ...badCase) { cs = append(cs, c...) }
	// postReport is a POST of one body to /api/reports.
	postReport := func(name, ctype, body string, status int, header ...string) badCase {
		return badCase{name: "POST /api/reports: " + name, method: post, path: "/api/reports", ctype: ctype, body: body, status: status, header: header}
	}
	query := func(path, name, q string, status int) badCase {
		return badCase{name: "GET " + path + ": " + name, path: path + "?" + q, status: status}
	}
	form := func(name, path string, v url.Values, status int) badCase {
		return badCase{name: "POST " + short(path) + ": " + name, method: post, path: path, ctype: formType, body: v.Encode(), status: status}
	}
	chunked := func(c badCase) badCase {
		c.name, c.chunked = c.name+", chunked", true
		return c
	}
	big := strings.Repeat("Raqqa fell to the SDF. ", matrixMaxReport/23+10)    // over the report limit
	huge := strings.Repeat(`{"text":"Raqqa fell."}`+"\n", matrixMaxBody/22+10) // over the body limit
	valid := `{"title":"Raqqa","text":"The coalition struck Raqqa on Monday.","date":"2017-11-16","source":"Wire","url":"https://example.org/raqqa","lang":"en"}`

	// POST /api/reports, one JSON report: every field of the wrong JSON type.
	for _, field := range []string{"id", "title", "text", "date", "source", "url", "lang"} {
		for _, v := range []string{`5`, `true`, `["Raqqa"]`, `{"a":1}`} {
			body := `{"text":"Raqqa fell.","` + field + `":` + v + `}`
			if field == "text" {
				body = `{"text":` + v + `}`
			}
			add(postReport(fmt.Sprintf("%s as %s", field, v), jsonType, body, unproc))
		}
	}
	// Truncated JSON: a valid report cut anywhere is malformed.
	for _, n := range []int{1, 2, 9, 25, 60, 100, len(valid) - 2, len(valid) - 1} {
		add(postReport(fmt.Sprintf("JSON cut after %d bytes", n), jsonType, valid[:n], bad))
	}
	add(
		postReport("an empty JSON body", jsonType, "", bad),
		postReport("a JSON body of white space", jsonType, " \n\t ", bad),
		postReport("two JSON objects", jsonType, `{"text":"a"}{"text":"b"}`, bad),
		postReport("a trailing comma", jsonType, `{"text":"Raqqa fell.",}`, bad),
		postReport("single quotes", jsonType, `{'text':'Raqqa fell.'}`, bad),
		postReport("JSON null", jsonType, `null`, unproc),
		postReport("a JSON number", jsonType, `5`, unproc),
		postReport("a JSON string", jsonType, `"Raqqa fell."`, unproc),
		postReport("a JSON array of a report", jsonType, `[{"text":"Raqqa fell."}]`, unproc),
		postReport("text null", jsonType, `{"text":null,"date":"2017-11"}`, unproc),
		postReport("no text member", jsonType, `{"title":"Raqqa","date":"2017-11"}`, unproc),
		postReport("duplicate text, the last empty", jsonType, `{"text":"Raqqa fell.","text":""}`, unproc),
		postReport("duplicate text, the last a number", jsonType, `{"text":"Raqqa fell.","text":7}`, unproc),
		postReport("duplicate date, the last impossible", jsonType, `{"text":"Raqqa fell.","date":"2017-11","date":"2017-02-30"}`, unproc),
		postReport("duplicate url, the last javascript:", jsonType, `{"text":"Raqqa fell.","url":"https://example.org/","url":"javascript:alert(1)"}`, unproc),
		postReport("arrays nested past the decoder's depth", jsonType,
			`{"text":"Raqqa fell.","x":`+strings.Repeat("[", 10001)+strings.Repeat("]", 10001)+`}`, bad),
		postReport("objects nested past the decoder's depth", jsonType, strings.Repeat(`{"a":`, 10001)+`1`+strings.Repeat(`}`, 10001), bad),
		postReport("a NUL escaped in the text", jsonType, `{"text":"Raqqa\u0000fell."}`, unproc),
		postReport("invalid UTF-8 in the JSON text", jsonType, `{"text":"`+strings.Repeat("\xff\xfe", 40)+` Raqqa"}`, unproc),
		postReport("a title over the report limit", jsonType, `{"text":"Raqqa fell.","title":"`+big+`"}`, tooLarge),
		postReport("a text over the report limit", jsonType, `{"text":"`+big+`"}`, tooLarge),
	)
	// Dates that are none.
	for _, d := range []string{"2017-02-30", "2017-13", "2017-00", "2017-11-31", "0000", "yesterday", "16/11/2017",
		"20171116", "2017-1-5", "2017-02-30T10:00", " ", "2017-11/2017-10", "2016/2018", "2017-10/2017-11-05", "2017-11-16/2017-11-16", "9999-99-99"} {
		add(postReport("date "+d, jsonType, `{"text":"Raqqa fell.","date":"`+d+`"}`, unproc))
	}
	// Addresses that are not the web's.
	for _, u := range []string{"javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
		"file:///etc/passwd", "ftp://example.org/raqqa", "//evil.example/raqqa", "http://", "https:///raqqa", "example.org/raqqa",
		"mailto:desk@example.org", "vbscript:msgbox(1)", "http://exa mple.org/", `\tjavascript:alert(1)`, `java\nscript:alert(1)`} {
		add(postReport("url "+u, jsonType, `{"text":"Raqqa fell.","url":"`+u+`"}`, unproc))
	}
	for _, l := range []string{"french!", "f", "e1", "english", "12"} {
		add(postReport("lang "+l, jsonType, `{"text":"Raqqa fell.","lang":"`+l+`"}`, unproc))
	}
	// Ids that /reports/:id could not reach as they are (as JSON strings).
	for i, id := range []string{`a/b`, `..`, `.`, `a?b`, `a#b`, `a%2Fb`, `a b`, `é`, `<b>\"x`, `a\u0000b`, strings.Repeat("a", 129)} {
		body := fmt.Sprintf(`{"text":"Raqqa fell (%d).","id":"%s"}`, i, id)
		add(postReport("id "+short(id), jsonType, body, unproc), postReport("a batch of the id "+short(id), jsonl, body, unproc))
	}

	// POST /api/reports, text, HTML and no content type.
	add(
		postReport("empty text", textType, "", unproc),
		postReport("text of white space", textType, " \r\n\t\n", unproc),
		postReport("text of header lines only", textType, "title Raqqa\nsource Wire\n\n", unproc),
		postReport("text with an impossible date line", textType, "date 2017-02-30\nRaqqa fell.", unproc),
		postReport("text with a date line of month 13", textType, "date 2017-13 Raqqa fell.", unproc),
		postReport("text that is not UTF-8", textType, strings.Repeat("Raqqa \xff\xfe\xfd ", 20), unproc),
		postReport("text with a NUL byte", textType, "Raqqa\x00fell.", unproc),
		postReport("a PNG as text", textType, "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", unproc),
		postReport("text over the report limit", textType, big, tooLarge),
		chunked(postReport("text over the report limit", textType, big, tooLarge)),
		postReport("an empty HTML page", "text/html", "", unproc),
		postReport("an HTML page without text", "text/html", `<!doctype html><html><head><title>x</title></head><body></body></html>`, unproc),
		postReport("HTML with a NUL byte", "text/html; charset=utf-8", "<html><body><p>Raqqa\x00fell.</p></body></html>", unproc),
		postReport("HTML over the report limit", "text/html", "<html><body><p>"+big+"</p></body></html>", tooLarge),
		postReport("no content type, an empty body", "", "", unproc),
		postReport("no content type, binary", "", "\x00\x01\x02\x03", unproc),
		postReport("no content type, JSON of the wrong type", "", `{"text":["Raqqa"]}`, unproc),
	)

	// POST /api/reports, content types that are not accepted or cannot be read.
	for _, ct := range []string{"application/pdf", formType, "image/png", "application/octet-stream", "text/csv",
		"application/jsonx", "multipart/mixed; boundary=x", "text/plain; charset", "text/plain;;", "/", "json", "application/json; =x"} {
		add(postReport("content type "+ct, ct, "Raqqa fell.", unsupported))
	}

	// POST /api/reports, Idempotency-Key.
	add(
		postReport("an Idempotency-Key seen with another report", textType, "Fighting near Tikrit, in another report.", unproc, "Idempotency-Key", fx.idempotencyKey),
		postReport("an Idempotency-Key with a space", textType, "Fighting near Tikrit.", bad, "Idempotency-Key", "two words"),
		postReport("an Idempotency-Key with a tab", textType, "Fighting near Tikrit.", bad, "Idempotency-Key", "a\tb"),
		postReport("an Idempotency-Key not ASCII", textType, "Fighting near Tikrit.", bad, "Idempotency-Key", "clé"),
		postReport("an Idempotency-Key of 256 bytes", textType, "Fighting near Tikrit.", bad, "Idempotency-Key", strings.Repeat("k", 256)),
	)

	// POST /api/reports, batches: JSON Lines, feeds, multipart uploads.
	deep := `{"text":"Raqqa fell.","x":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`
	add(
		postReport("an empty batch", jsonl, "", unproc),
		postReport("a batch of blank lines", jsonl, "\n\r\n  \n", unproc),
		postReport("a batch of truncated lines", jsonl, "{\"text\":\n{\n", unproc),
		postReport("a batch of impossible dates", jsonl, `{"text":"Raqqa fell.","date":"2017-02-30"}`+"\n"+`{"text":"Mosul fell.","date":"2017-13"}`, unproc),
		postReport("a batch of arrays", "application/jsonl", `["Raqqa"]`+"\n"+`[1,2]`, unproc),
		postReport("a batch of javascript: urls", "application/x-jsonlines", `{"text":"Raqqa fell.","url":"javascript:alert(1)"}`, unproc),
		postReport("a batch of wrong types", jsonl, `{"text":5}`+"\n"+`{"text":"Raqqa fell.","title":[]}`, unproc),
		postReport("a batch line nested too deep", jsonl, deep, unproc),
		postReport("a batch that is not UTF-8", jsonl, `{"text":"`+strings.Repeat("\xff", 50)+`"}`, unproc),
		postReport("a batch line over the report limit", jsonl, `{"text":"`+big+`"}`, tooLarge),
		postReport("a batch over the body limit", jsonl, huge, tooLarge),
		chunked(postReport("a batch over the body limit", jsonl, huge, tooLarge)),
		postReport("a feed that is not XML", "application/rss+xml", "Raqqa fell.", unproc),
		postReport("an empty feed", "application/rss+xml", "", unproc),
		postReport("a feed without items", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>`, unproc),
		postReport("a feed item with a javascript: link", "application/rss+xml",
			`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Raqqa</title><link>javascript:alert(1)</link><description>Raqqa fell.</description></item></channel></rss>`, unproc),
		postReport("an Atom entry without text", "application/atom+xml",
			`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry><title>Raqqa</title></entry></feed>`, unproc),
		postReport("a feed with a NUL byte", "application/xml", "<rss>\x00</rss>", unproc),
		postReport("a feed over the report limit", "text/xml", `<?xml version="1.0"?><rss version="2.0"><channel><item><description>`+big+`</description></item></channel></rss>`, tooLarge),
	)
	noFiles, noFilesType := multipartBody([][2]string{{"note", "only a field"}}, nil)
	emptyFile, emptyFileType := multipartBody(nil, [][2]string{{"empty.txt", ""}})
	badFiles, badFilesType := multipartBody(nil, [][2]string{{"a.jsonl", `{"text":` + "\n" + `{"date":"2017-02-30","text":"x"}`}, {"b.txt", "date 2017-13\nRaqqa"}})
	bigFile, bigFileType := multipartBody(nil, [][2]string{{"big.txt", big}})
	binFile, binFileType := multipartBody(nil, [][2]string{{"photo.txt", "\x89PNG\r\n\x1a\n\x00\x00"}})
	hugeFiles, hugeFilesType := multipartBody(nil, [][2]string{{"a.jsonl", huge}})
	add(
		postReport("multipart without a boundary", "multipart/form-data", "--x\r\n", bad),
		postReport("malformed multipart", "multipart/form-data; boundary=x", "garbage", bad),
		postReport("multipart cut short", emptyFileType, emptyFile[:len(emptyFile)/2], bad),
		postReport("multipart without files", noFilesType, noFiles, unproc),
		postReport("multipart of an empty file", emptyFileType, emptyFile, unproc),
		postReport("multipart of files with bad records", badFilesType, badFiles, unproc),
		postReport("multipart of a binary file", binFileType, binFile, unproc),
		postReport("multipart of a file over the report limit", bigFileType, bigFile, tooLarge),
		postReport("multipart over the body limit", hugeFilesType, hugeFiles, tooLarge),
		chunked(postReport("multipart over the body limit", hugeFilesType, hugeFiles, tooLarge)),
	)

	// GET /api/events and its twin /events.geojson: the view's query string.
	events := func(name, q string) badCase { return query("/api/events", name, q, bad) }
	for _, b := range []string{"1", "1,2", "1,2,3", "1,2,3,4,5", ",,,", "1,,3,4", "a,b,c,d", "1,2,3,x", "NaN,0,1,1", "0,0,Inf,1",
		"-Inf,0,1,1", "0,0,1,%2BInf", "nan,nan,nan,nan", "Infinity,0,1,1", "1e999,0,1,1", "0,0,10,100", "0,-100,10,10", "0,95,10,96",
		"0,10,10,0", "190,0,170,10", "200,0,100,10", "10,0,-190,10"} {
		add(events("bbox "+b, "bbox="+b))
	}
	for _, d := range []string{"from=2017-02-30", "to=2017-13", "from=yesterday", "from=2017-11-16T10:00", "from=0000", "to=2017-11-16T25:00:00Z",
		"from=2017-11/2017-10", "from=2016/2018", "from=2017-10/2017-11-05", "to=/2017", "from=2017-10-01/", "from=2017-12&to=2017-11",
		"from=2017-11-16%2010:00", "from=0000-01-01T00:00:00Z"} {
		add(events("dates "+d, d))
	}
	for _, q := range []string{"limit=-1", "limit=ten", "limit=1.5", "limit=99999999999999999999", "limit=1e3", "offset=-1", "offset=x",
		"offset=99999999999999999999", "place=abc", "place=0", "place=-5", "place=1.5", "place=0x10", "country=Atlantis", "country=XX",
		"theme=neon", "page=-1", "page=two", "map=bad", "map=23/0/0", "map=1/95/0", "map=1/0/181", "map=1/NaN/0", "map=1/0",
		`q=%22Raqqa`, `q=%22%22`, "q=***", "q=-", "q=" + strings.Repeat("a", 1001), "q=" + url.QueryEscape(strings.Repeat("Raqqa ", 200)),
		"q=" + url.QueryEscape(manyWords(33))} {
		add(events(short(q), q))
	}
	add(
		query("/events.geojson", "bbox of two numbers", "bbox=1,2", bad),
		query("/events.geojson", "an impossible date", "from=2017-02-30", bad),
		query("/events.geojson", "a negative limit", "limit=-5", bad),
		query("/events.geojson", "a country of no one", "country=Narnia", bad),
		badCase{name: "HEAD /api/events: bbox of three numbers", method: head, path: "/api/events?bbox=1,2,3", status: bad},
	)

	// GET /api/reports, /api/reports/:id, /api/places.
	cursor := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, q := range []string{"from=2017-02-30", "to=yesterday", "from=2017-11&to=2017-10", "limit=-1", "limit=ten", "limit=1e2",
		"cursor=zzz", "cursor=!!!", "cursor=" + cursor("1,2"), "cursor=" + cursor("a,b,c"), "cursor=" + cursor("99999999999999999999,1,1")} {
		add(query("/api/reports", q, q, bad))
	}
	for _, id := range []string{"nosuchreport", strings.ToUpper(fx.report), strings.Repeat("a", 5000), "%00", "..%2F..%2Fetc"} {
		add(badCase{name: "GET /api/reports/" + short(id), path: "/api/reports/" + id, status: notFound})
	}
	add(
		badCase{name: "HEAD /api/reports/:id, an unknown id", method: head, path: "/api/reports/nosuchreport", status: notFound},
		query("/api/places", "no q", "limit=5", bad),
		query("/api/places", "q of white space", "q=%20%20", bad),
		query("/api/places", "q of 201 bytes", "q="+strings.Repeat("r", 201), bad),
		query("/api/places", "a negative limit", "q=raq&limit=-1", bad),
		query("/api/places", "a limit not a number", "q=raq&limit=five", bad),
	)

	// The map's data, popups and images.
	for _, q := range []string{"zoom=-1", "zoom=abc", "zoom=23", "zoom=99999999999", "view=1,2,3", "view=0,95,10,96", "view=0,10,10,0",
		"view=NaN,0,1,1", "bbox=1,2", "zoom=3&from=2017-02-30"} {
		add(query("/clusters.geojson", q, q, bad))
	}
	add(
		query("/popup", "no place", "from=2017-10", bad),
		query("/popup", "place not an id", "place=Raqqa", bad),
		query("/popup", "a place without events", "place=999999999", notFound),
		query("/popup", "a bad date", fmt.Sprintf("place=%d&from=2017-02-30", fx.place), bad),
		query("/map.svg", "a negative width", "width=-1", bad),
		query("/map.svg", "a height not a number", "height=tall", bad),
		query("/map.svg", "bbox past a pole", "bbox=0,0,10,95", bad),
		query("/embed/map.svg", "a width not a number", "width=wide", bad),
	)

	// Pages: explore, reports, places, embeds; assets and the basemap.
	for _, q := range []string{"bbox=1,2,3", "from=2017-02-30", "from=2017-12&to=2017-11", "page=-1", "page=two", "theme=neon", "map=bad",
		"map=23/0/0", "country=Atlantis", "place=abc", "limit=-1", "q=" + strings.Repeat("a", 1001), "q=%22Raqqa", "q=" + url.QueryEscape(manyWords(40))} {
		add(query("/", short(q), q, bad))
	}
	for _, id := range []string{"nosuchreport", strings.ToUpper(fx.report), strings.Repeat("z", 5000), "%00"} {
		add(badCase{name: "GET /reports/" + short(id), path: "/reports/" + id, status: notFound})
	}
	add(badCase{name: "HEAD /reports/:id, an unknown id", method: head, path: "/reports/nosuchreport", status: notFound})
	for _, id := range []string{"abc", "0", "-5", "1.5", "99999999999999999999", "999999999", "%00"} {
		add(badCase{name: "GET /places/" + id, path: "/places/" + id, status: notFound})
	}
	add(
		query(fmt.Sprintf("/places/%d", fx.place), "bbox of one number", "bbox=1", bad),
		query(fmt.Sprintf("/places/%d", fx.place), "a negative page", "page=-2", bad),
		query("/embed", "bbox not numbers", "bbox=a,b,c,d", bad),
		query("/embed/map", "an impossible date", "from=2017-02-30", bad),
		query("/embed/timeline", "an unknown theme", "theme=neon", bad),
		query("/embed", "place not an id", "place=-1", bad),
		badCase{name: "GET /assets: a file that is not there", path: "/assets/nothing.css", status: notFound},
		badCase{name: "GET /assets: out of the folder", path: "/assets/../go.mod", status: notFound},
		badCase{name: "GET /assets: out of the folder, escaped", path: "/assets/%2e%2e/%2e%2e/go.mod", status: notFound},
		badCase{name: "GET /basemap: a file that is not there", path: "/basemap/nothing.json", status: notFound},
		badCase{name: "GET /basemap: labels of no language", path: "/basemap/labels-xx.json", status: notFound},
		badCase{name: "GET /api/nothing", path: "/api/nothing", status: notFound},
		badCase{name: "GET /nothing", path: "/nothing?x=%3Cscript%3E", status: notFound},
	)

	// oEmbed.
	oembed := func(name, q string, status int) badCase { return query("/oembed", name, q, status) }
	view := func(u string) string { return "url=" + url.QueryEscape(u) }
	add(
		oembed("no url", "format=json", bad),
		oembed("a javascript: url", view("javascript:alert(1)"), notFound),
		oembed("a file: url", view("file:///etc/passwd"), notFound),
		oembed("a relative url", view("/embed"), notFound),
		oembed("another site", view("https://evil.example/embed"), notFound),
		oembed("another site behind a user name", view("https://dateline.example@evil.example/embed"), notFound),
		oembed("a url without a host", view("https:///embed"), notFound),
		oembed("a page that is not a view", view("https://dateline.example/reports/abc"), notFound),
		oembed("a place that is not an id", view("https://dateline.example/places/abc"), notFound),
		oembed("place 0", view("https://dateline.example/places/0"), notFound),
		oembed("a url that cannot be read", view("http://[::1"), notFound),
		oembed("a view of a bad bbox", view("https://dateline.example/embed?bbox=1,2"), bad),
		oembed("a view of an impossible date", view("https://dateline.example/embed/map?from=2017-02-30"), bad),
		oembed("a negative maxwidth", view("https://dateline.example/embed")+"&maxwidth=-1", bad),
		oembed("maxwidth not a number", view("https://dateline.example/embed")+"&maxwidth=wide", bad),
		oembed("maxheight not whole", view("https://dateline.example/embed")+"&maxheight=1.5", bad),
		oembed("maxwidth past int", view("https://dateline.example/embed")+"&maxwidth=99999999999999999999", bad),
	)

	// Corrections, added mentions and deletes of unknown or malformed ids, and bad choices.
	mention := fmt.Sprintf("/reports/%s/mentions/%d", fx.report, fx.mention)
	none := url.Values{"place": {"none"}}
	add(
		form("an unknown report", "/reports/nosuchreport/mentions/1", none, notFound),
		form("a mention not a number", "/reports/"+fx.report+"/mentions/abc", none, notFound),
		form("a mention past int64", "/reports/"+fx.report+"/mentions/99999999999999999999", none, notFound),
		form("a negative mention", "/reports/"+fx.report+"/mentions/-1", none, notFound),
		form("mention 0", "/reports/"+fx.report+"/mentions/0", none, notFound),
		form("a mention of another report", fmt.Sprintf("/reports/%s/mentions/%d", fx.report, fx.otherMention), none, notFound),
		form("a place that is no candidate", mention, url.Values{"place": {"1"}}, unproc),
		form("a place not an id", mention, url.Values{"place": {"Raqqa"}}, unproc),
		form("no choice at all", mention, url.Values{}, unproc),
		form("a search that finds nothing", mention, url.Values{"search": {"Xyzzyqwv"}}, unproc),
		form("a search of a bare #", mention, url.Values{"search": {"#"}}, unproc),
		form("a search of an unknown id", mention, url.Values{"search": {"Xyzzyqwv #999999999999"}}, unproc),
		badCase{name: "POST " + mention + ": the choice as JSON", method: post, path: mention, ctype: jsonType, body: `{"place":"none"}`, status: unproc},
		badCase{name: "POST " + mention + ": a form over the body limit", method: post, path: mention, ctype: formType, body: "place=none&x=" + huge, status: tooLarge},
		chunked(badCase{name: "POST " + mention + ": a form over the body limit", method: post, path: mention, ctype: formType, body: "place=none&x=" + huge, status: tooLarge}),
		badCase{name: "POST " + mention + ": a malformed form", method: post, path: mention, ctype: formType, body: "place=%zz", status: bad},
		badCase{name: "POST " + mention + ": multipart without a boundary", method: post, path: mention, ctype: "multipart/form-data", body: "--x\r\n", status: bad},
	)
	added := "/reports/" + fx.report + "/mentions"
	add(
		form("an unknown report", "/reports/nosuchreport/mentions", url.Values{"text": {"Raqqa"}, "search": {"Raqqa"}}, notFound),
		form("no text", added, url.Values{"search": {"Damascus"}}, unproc),
		form("text of white space", added, url.Values{"text": {"  \t "}, "search": {"Damascus"}}, unproc),
		form("text not in the report", added, url.Values{"text": {"Xyzzyqwv"}, "search": {"Damascus"}}, unproc),
		form("text that is a mention already", added, url.Values{"text": {fx.mentionText}, "search": {"Damascus"}}, unproc),
		form("a place that cannot be found", added, url.Values{"text": {fx.mentionText}, "search": {"Xyzzyqwv"}}, unproc),
		form("no place", added, url.Values{"text": {fx.mentionText}}, unproc),
		chunked(badCase{name: "POST " + added + ": a form over the body limit", method: post, path: added, ctype: formType, body: "search=Damascus&text=" + huge, status: tooLarge}),
		form("an unknown report", "/reports/nosuchreport/delete", nil, notFound),
		form("an id of 5,000 bytes", "/reports/"+strings.Repeat("q", 5000)+"/delete", nil, notFound),
		badCase{name: "DELETE /api/reports/:id, an unknown id", method: http.MethodDelete, path: "/api/reports/nosuchreport", status: notFound},
		badCase{name: "DELETE /api/reports/:id, an id in capitals", method: http.MethodDelete, path: "/api/reports/" + strings.ToUpper(fx.report), status: notFound},
		badCase{name: "DELETE /api/reports/:id, an id with a space", method: http.MethodDelete, path: "/api/reports/" + fx.report + "%20", status: notFound},
		badCase{name: "DELETE /api/reports/:id, an id of 5,000 bytes", method: http.MethodDelete, path: "/api/reports/" + strings.Repeat("a", 5000), status: notFound},
	)
	// Deletes take no body: one is refused, not ignored, and the report stays.
	del := func(name, path, ctype, body string) badCase {
		return badCase{name: "DELETE /api/reports/:id, " + name, method: http.MethodDelete, path: path, ctype: ctype, body: body, status: tooLarge}
	}
	delButton := func(name, body string) badCase {
		return badCase{name: "POST /reports/:id/delete: " + name, method: post, path: "/reports/" + fx.report + "/delete", ctype: formType, body: body, status: tooLarge}
	}
	add(
		del("a JSON body", "/api/reports/"+fx.report, jsonType, `{"confirm":true}`),
		chunked(del("a JSON body", "/api/reports/"+fx.report, jsonType, `{"confirm":true}`)),
		del("a body of one byte", "/api/reports/"+fx.report, textType, "x"),
		del("a body over the body limit", "/api/reports/"+fx.report, jsonl, huge),
		chunked(del("a body over the body limit", "/api/reports/"+fx.report, jsonl, huge)),
		chunked(del("a body over the body limit, an unknown id", "/api/reports/nosuchreport", jsonl, huge)),
		delButton("a form field", "x=1"),
		chunked(delButton("a form over the body limit", "x="+huge)),
		badCase{name: "guarded: a delete with a body and the writer's token", server: "guarded", method: http.MethodDelete, path: "/api/reports/" + fx.guardedReport,
			body: huge, chunked: true, header: []string{"Authorization", "Bearer " + fx.writer}, status: tooLarge},
	)

	// The ingest page's form, sign-in and the theme switch.
	ingest := func(name string, v url.Values, status int) badCase { return form(name, "/ingest", v, status) }
	blank, blankType := multipartBody(nil, [][2]string{{"blank.jsonl", "\n\n"}})
	add(
		badCase{name: "POST /ingest: no content type", method: post, path: "/ingest", body: "text=Raqqa+fell.", status: unsupported},
		badCase{name: "POST /ingest: JSON", method: post, path: "/ingest", ctype: jsonType, body: `{"text":"Raqqa fell."}`, status: unsupported},
		badCase{name: "POST /ingest: multipart without a boundary", method: post, path: "/ingest", ctype: "multipart/form-data", body: "--x\r\n", status: bad},
		badCase{name: "POST /ingest: malformed multipart", method: post, path: "/ingest", ctype: "multipart/form-data; boundary=x", body: "garbage", status: bad},
		badCase{name: "POST /ingest: multipart cut short", method: post, path: "/ingest", ctype: emptyFileType, body: emptyFile[:len(emptyFile)/2], status: bad},
		badCase{name: "POST /ingest: a malformed form", method: post, path: "/ingest", ctype: formType, body: "text=%zz", status: bad},
		badCase{name: "POST /ingest: files of blank lines", method: post, path: "/ingest", ctype: blankType, body: blank, status: unproc},
		badCase{name: "POST /ingest: a form over the body limit", method: post, path: "/ingest", ctype: formType, body: "text=" + huge, status: tooLarge},
		ingest("no text", url.Values{"action": {"save"}}, unproc),
		ingest("text of white space", url.Values{"text": {" \n "}, "action": {"save"}}, unproc),
		ingest("an impossible date", url.Values{"text": {"Raqqa fell."}, "date": {"2017-02-30"}, "action": {"save"}}, unproc),
		ingest("an impossible date, preview", url.Values{"text": {"Raqqa fell."}, "date": {"2017-13"}}, unproc),
		ingest("a bad lang", url.Values{"text": {"Raqqa fell."}, "lang": {"french!"}, "action": {"save"}}, unproc),
		ingest("a javascript: url", url.Values{"text": {"Raqqa fell."}, "url": {"javascript:alert(1)"}, "action": {"save"}}, unproc),
		ingest("a data: url", url.Values{"text": {"Raqqa fell."}, "url": {"data:text/html,<script>alert(1)</script>"}, "action": {"save"}}, unproc),
		ingest("a NUL in the text", url.Values{"text": {"Raqqa\x00fell."}, "action": {"save"}}, unproc),
		ingest("a text over the report limit", url.Values{"text": {big}, "action": {"save"}}, tooLarge),
		form("a token that is none", "/signin", url.Values{"token": {"dl_wrong"}}, http.StatusUnauthorized),
		form("no token", "/signin", url.Values{"next": {"/"}}, http.StatusUnauthorized),
		form("an unknown theme", "/theme", url.Values{"theme": {"neon"}}, unproc),
		badCase{name: "POST /theme: a malformed form", method: post, path: "/theme", ctype: formType, body: "theme=%zz&back=/", status: bad},
		badCase{name: "POST /signin: a malformed form", method: post, path: "/signin", ctype: formType, body: "token=%zz", status: bad},
	)
	for _, path := range []string{"/theme", "/signin", "/signout"} {
		add(chunked(badCase{name: "POST " + path + ": a form over the body limit", method: post, path: path, ctype: formType, body: "theme=dark&token=x&x=" + huge, status: tooLarge}))
	}

	// Methods a route does not take.
	for _, m := range []struct{ method, path string }{
		{http.MethodPut, "/api/reports"}, {http.MethodPatch, "/api/reports/" + fx.report}, {http.MethodDelete, "/api/events"},
		{post, "/api/events"}, {post, "/api/places"}, {http.MethodDelete, "/api/reports"}, {post, "/healthz"}, {post, "/oembed"},
		{http.MethodDelete, "/"}, {http.MethodPut, "/reports/" + fx.report}, {http.MethodDelete, "/reports/" + fx.report},
		{post, "/embed"}, {http.MethodDelete, mention}, {get, "/reports/" + fx.report + "/delete"}, {get, added},
		{get, "/signout"}, {http.MethodPut, "/theme"}, {http.MethodTrace, "/api/reports"},
	} {
		add(badCase{name: m.method + " " + m.path, method: m.method, path: m.path, status: http.StatusMethodNotAllowed})
	}

	// Hosts this server is not: DNS rebinding.
	for _, h := range []struct{ host, path string }{
		{"evil.example", "/api/events"}, {"evil.example:80", "/"}, {"dateline.example.evil.example", "/api/reports/" + fx.report},
		{"localhost.evil.example", "/reports/" + fx.report}, {"10.0.0.7", "/embed"}, {"127.0.0.2:8080", "/oembed"},
		{"[::2]:8080", "/events.geojson"}, {"0.0.0.0", "/map.svg"},
	} {
		add(badCase{name: "Host " + h.host + " for " + h.path, path: h.path, host: h.host, status: http.StatusMisdirectedRequest})
	}
	add(badCase{name: "Host evil.example for a report", method: post, path: "/api/reports", ctype: textType, body: "Rebels shelled Damascus.",
		host: "evil.example", status: http.StatusMisdirectedRequest})

	// Writes another site sent: valid requests but for their origin.
	crossSite := []string{"Sec-Fetch-Site", "cross-site"}
	add(
		badCase{name: "cross-site: a report", method: post, path: "/api/reports", ctype: textType, body: "Rebels shelled Damascus.", header: crossSite, status: http.StatusForbidden},
		badCase{name: "same-site: a report", method: post, path: "/api/reports", ctype: textType, body: "Rebels shelled Damascus.", header: []string{"Sec-Fetch-Site", "same-site"}, status: http.StatusForbidden},
		badCase{name: "another Origin: a report", method: post, path: "/api/reports", ctype: textType, body: "Rebels shelled Damascus.", header: []string{"Origin", "https://evil.example"}, status: http.StatusForbidden},
		badCase{name: "cross-site: DELETE a report", method: http.MethodDelete, path: "/api/reports/" + fx.report, header: crossSite, status: http.StatusForbidden},
		badCase{name: "cross-site: the delete button", method: post, path: "/reports/" + fx.report + "/delete", ctype: formType, header: crossSite, status: http.StatusForbidden},
		badCase{name: "cross-site: a correction", method: post, path: mention, ctype: formType, body: none.Encode(), header: crossSite, status: http.StatusForbidden},
		badCase{name: "cross-site: an added mention", method: post, path: added, ctype: formType, body: url.Values{"text": {"the"}, "search": {"Damascus"}}.Encode(), header: crossSite, status: http.StatusForbidden},
		badCase{name: "cross-site: the ingest form", method: post, path: "/ingest", ctype: formType, body: url.Values{"text": {"Rebels shelled Damascus."}, "action": {"save"}}.Encode(), header: crossSite, status: http.StatusForbidden},
		badCase{name: "cross-site: sign in", method: post, path: "/signin", ctype: formType, body: "token=x", header: crossSite, status: http.StatusForbidden},
		badCase{name: "cross-site: the theme", method: post, path: "/theme", ctype: formType, body: "theme=dark", header: crossSite, status: http.StatusForbidden},
	)

	// Writes to a server that wants a token: none, a wrong one, one that only reads.
	guarded := func(name, method, path, ctype, body string, status int, header ...string) badCase {
		return badCase{name: "guarded: " + name, server: "guarded", method: method, path: path, ctype: ctype, body: body, header: header, status: status}
	}
	gMention := fmt.Sprintf("/reports/%s/mentions/%d", fx.guardedReport, fx.guardedMention)
	const unauthorized, forbidden = http.StatusUnauthorized, http.StatusForbidden
	add(
		guarded("a report without a token", post, "/api/reports", textType, "Rebels shelled Damascus.", unauthorized),
		guarded("a report with a wrong token", post, "/api/reports", textType, "Rebels shelled Damascus.", unauthorized, "Authorization", "Bearer dl_wrong"),
		guarded("a report with an empty bearer", post, "/api/reports", textType, "Rebels shelled Damascus.", unauthorized, "Authorization", "Bearer "),
		guarded("a report with basic auth", post, "/api/reports", textType, "Rebels shelled Damascus.", unauthorized, "Authorization", "Basic dXNlcjpwYXNz"),
		guarded("a report with a wrong cookie", post, "/api/reports", textType, "Rebels shelled Damascus.", unauthorized, "Cookie", "dateline_token=dl_wrong"),
		guarded("a report with a read-only token", post, "/api/reports", textType, "Rebels shelled Damascus.", forbidden, "Authorization", "Bearer "+fx.reader),
		guarded("a bad report with the writer's token", post, "/api/reports", jsonType, `{"text":"Raqqa fell.","url":"javascript:alert(1)"}`, unproc, "Authorization", "Bearer "+fx.writer),
		guarded("a delete without a token", http.MethodDelete, "/api/reports/"+fx.guardedReport, "", "", unauthorized),
		guarded("a delete with a read-only token", http.MethodDelete, "/api/reports/"+fx.guardedReport, "", "", forbidden, "Authorization", "Bearer "+fx.reader),
		guarded("a delete of an unknown report with the writer's token", http.MethodDelete, "/api/reports/nosuchreport", "", "", notFound, "Authorization", "Bearer "+fx.writer),
		guarded("the delete button without a token", post, "/reports/"+fx.guardedReport+"/delete", formType, "", unauthorized),
		guarded("the delete button with a read-only cookie", post, "/reports/"+fx.guardedReport+"/delete", formType, "", forbidden, "Cookie", "dateline_token="+fx.reader),
		guarded("a correction without a token", post, gMention, formType, none.Encode(), unauthorized),
		guarded("a correction with a wrong token", post, gMention, formType, none.Encode(), unauthorized, "Authorization", "Bearer dl_wrong"),
		guarded("an added mention without a token", post, "/reports/"+fx.guardedReport+"/mentions", formType, url.Values{"text": {"the"}, "search": {"Damascus"}}.Encode(), unauthorized),
		guarded("the ingest form without a token", post, "/ingest", formType, url.Values{"text": {"Rebels shelled Damascus."}, "action": {"save"}}.Encode(), unauthorized),
		guarded("the ingest form with a read-only token", post, "/ingest", formType, url.Values{"text": {"Rebels shelled Damascus."}, "action": {"save"}}.Encode(), forbidden, "Authorization", "Bearer "+fx.reader),
		guarded("a PUT without a token", http.MethodPut, "/api/reports", textType, "Rebels shelled Damascus.", unauthorized),
		guarded("a body over the limit without a token", post, "/api/reports", jsonl, huge, tooLarge),
	)
	return cs
}

// short is s, cut to 40 bytes for a case's name.
func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// manyWords is n different words.
func manyWords(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("word%d", i)
	}
	return strings.Join(w, " ")
}
