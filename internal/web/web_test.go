package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/analyze"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"
)

// loadGazetteer loads the embedded gazetteer once for the package's tests.
var loadGazetteer = sync.OnceValues(func() (*gazetteer.Gazetteer, error) { return gazetteer.Load(geodata.Gazetteer) })

// loadAnalyzer makes the analyzer of the embedded gazetteer once.
var loadAnalyzer = sync.OnceValues(func() (*analyze.Analyzer, error) {
	gz, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	return analyze.New(geoparse.New(gz, geoparse.Options{})), nil
})

// loadFinder makes the place search of the embedded gazetteer once.
var loadFinder = sync.OnceValues(func() (*gazetteer.Finder, error) {
	gz, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	return gazetteer.NewFinder(gz), nil
})

// loadAtlas makes the countries' names and the basemap's labels of the embedded gazetteer once.
var loadAtlas = sync.OnceValues(func() (*gazetteer.Atlas, error) {
	gz, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	return gazetteer.NewAtlas(gz, geodata.CountryNames, geodata.PlaceNames)
})

// testServer is the real server over a real SQLite file, behind httptest.
type testServer struct {
	*httptest.Server
	store *sqlite.Store
	log   *syncBuffer
}

// syncBuffer is the server's log, written by concurrent requests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newServer starts a server; adapt, when given, changes its configuration.
func newServer(t testing.TB, adapt func(*web.Config)) *testServer {
	t.Helper()
	a, err := loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	places, err := loadFinder()
	if err != nil {
		t.Fatal(err)
	}
	atlas, err := loadAtlas()
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	cfg := web.Config{Logger: slog.New(slog.NewTextHandler(log, nil)), Reports: store, Events: store, Analyzer: a, Places: places, Atlas: atlas}
	if adapt != nil {
		adapt(&cfg)
	}
	ts := &testServer{Server: httptest.NewServer(web.New(cfg)), store: store, log: log}
	t.Cleanup(func() {
		ts.Close()
		store.Close()
	})
	return ts
}

// do sends a request and returns the response and its body. header is pairs of names and values.
func (ts *testServer) do(t testing.TB, method, path, contentType string, body io.Reader, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return roundTrip(t, ts.Client(), req)
}

// send sends req without following a redirect, and returns the response and its body.
func (ts *testServer) send(t testing.TB, req *http.Request) (*http.Response, string) {
	t.Helper()
	client := *ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, b := roundTrip(t, &client, req)
	return res, string(b)
}

// roundTrip sends req with client and reads the whole answer.
func roundTrip(t testing.TB, client *http.Client, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

func (ts *testServer) post(t testing.TB, contentType, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	return ts.do(t, http.MethodPost, "/api/reports", contentType, strings.NewReader(body), header...)
}

// reportBody is the JSON of one report, its GeoJSON parsed back.
type reportBody struct {
	ID     string
	Report report.Report
	FC     *geojson.FeatureCollection
}

func parseReport(t testing.TB, b []byte) reportBody {
	t.Helper()
	var raw struct {
		ID      string          `json:"id"`
		Report  report.Report   `json:"report"`
		GeoJSON json.RawMessage `json:"geojson"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("report body: %v\n%s", err, b)
	}
	fc, err := geojson.UnmarshalFeatureCollection(raw.GeoJSON)
	if err != nil {
		t.Fatalf("report GeoJSON: %v\n%s", err, raw.GeoJSON)
	}
	if raw.ID == "" || raw.ID != raw.Report.ID {
		t.Fatalf("report id %q, report.id %q", raw.ID, raw.Report.ID)
	}
	return reportBody{ID: raw.ID, Report: raw.Report, FC: fc}
}

// wantStatus fails the test when res has another status, showing the body.
func wantStatus(t testing.TB, res *http.Response, body []byte, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("status %d, want %d; body: %.500s", res.StatusCode, want, body)
	}
}

// wantError checks a JSON error: its status, its message, and the request id of the response.
func wantError(t testing.TB, res *http.Response, body []byte, status int, msg string) {
	t.Helper()
	wantStatus(t, res, body, status)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want JSON", ct)
	}
	var e struct {
		Error     string `json:"error"`
		RequestID string `json:"request_id"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body: %v\n%.500s", err, body)
	}
	if !strings.Contains(e.Error, msg) {
		t.Errorf("error %q, want it to contain %q", e.Error, msg)
	}
	if e.RequestID == "" || e.RequestID != res.Header.Get("X-Request-Id") {
		t.Errorf("request id %q in the body, %q in the header", e.RequestID, res.Header.Get("X-Request-Id"))
	}
}

// snapshot is what the store holds: the ids of its reports and how many events.
type snapshot struct {
	ids    []string
	events int
}

func (ts *testServer) snapshot(t testing.TB) snapshot {
	t.Helper()
	ctx := context.Background()
	page, err := ts.store.ListReports(ctx, report.ReportFilter{Limit: report.MaxReportLimit})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := ts.store.QueryEvents(ctx, report.EventFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	var s snapshot
	for _, r := range page.Reports {
		s.ids = append(s.ids, r.ID)
	}
	slices.Sort(s.ids)
	s.events = ev.Total
	return s
}

func readSeed(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../demo/reports/000_seed_raqqa_fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// props is a feature's properties as the tests read them.
func props(f *geojson.Feature) (text, date, precision string) {
	return f.Properties.MustString("text", ""), f.Properties.MustString("date", ""), f.Properties.MustString("date_precision", "")
}

func TestPostSeed(t *testing.T) {
	ts := newServer(t, nil)
	seed := readSeed(t)
	res, body := ts.post(t, "text/plain; charset=utf-8", seed)
	wantStatus(t, res, body, http.StatusCreated)
	got := parseReport(t, body)
	if loc := res.Header.Get("Location"); loc != "/api/reports/"+got.ID {
		t.Errorf("Location %q", loc)
	}
	if got.Report.Published.String() != "2017-11" || got.Report.Lang != "fr" || !strings.HasPrefix(got.Report.Text, "La coalition") {
		t.Errorf("report date %s, lang %q, text %.20q", got.Report.Published, got.Report.Lang, got.Report.Text)
	}

	want := [][3]string{
		{"Raqqa", "2017-11-16", "day"}, {"Raqqa", "2017-11", "month"}, {"Raqqa", "2017-11", "month"},
		{"France", "2017-11", "month"}, {"Markada", "2017-11", "month"}, {"Abu Kamal", "2017-11", "month"},
		{"Syrie", "2017-11", "month"},
	}
	var mentions [][3]string
	runes := []rune(got.Report.Text)
	for _, f := range got.FC.Features {
		text, date, precision := props(f)
		mentions = append(mentions, [3]string{text, date, precision})
		start, end := int(f.Properties.MustFloat64("start", -1)), int(f.Properties.MustFloat64("end", -1))
		if start < 0 || end > len(runes) || string(runes[start:end]) != text {
			t.Errorf("%s: start %d, end %d do not point at it in the text", text, start, end)
		}
		if f.ID == nil {
			t.Errorf("%s: the feature has no id (the mention's)", text)
		}
	}
	if !slices.Equal(mentions, want) {
		t.Errorf("mentions\n got %v\nwant %v", mentions, want)
	}
	raqqa, ok := got.FC.Features[0].Geometry.(orb.Point)
	if !ok || geo.Distance(raqqa, orb.Point{39.01, 35.95}) > 20e3 {
		t.Errorf("Raqqa at %v, want within 20 km of 39.01 E, 35.95 N", got.FC.Features[0].Geometry)
	}

	t.Run("the same content again returns the stored report", func(t *testing.T) {
		before := ts.snapshot(t)
		res, body := ts.post(t, "text/plain", strings.ReplaceAll(seed, "\n", "\r\n"))
		wantStatus(t, res, body, http.StatusOK)
		again := parseReport(t, body)
		if again.ID != got.ID || len(again.FC.Features) != len(got.FC.Features) {
			t.Errorf("got report %s with %d features, want %s with %d", again.ID, len(again.FC.Features), got.ID, len(got.FC.Features))
		}
		if after := ts.snapshot(t); !slices.Equal(after.ids, before.ids) || after.events != before.events {
			t.Errorf("the store changed: %v -> %v", before, after)
		}
	})
	t.Run("GET returns the report and its GeoJSON", func(t *testing.T) {
		res, body := ts.do(t, http.MethodGet, "/api/reports/"+got.ID, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		stored := parseReport(t, body)
		a, _ := json.Marshal(stored.FC)
		b, _ := json.Marshal(got.FC)
		if !bytes.Equal(a, b) || stored.Report.Text != got.Report.Text {
			t.Errorf("GET differs from POST:\n%s\n%s", a, b)
		}
	})
}

func TestPostFormats(t *testing.T) {
	ts := newServer(t, nil)
	tests := []struct {
		name, contentType, body string
		date, lang              string
		places                  []string // feature texts
	}{
		{"JSON", "application/json",
			`{"title":"Kirkuk","text":"Iraqi forces entered Kirkuk on Monday. Many people fled to Erbil.","date":"2017-10-17","source":"Wire","url":"https://example.org/k","lang":"en"}`,
			"2017-10-17", "en", []string{"Kirkuk", "Erbil"}},
		{"plain text without a date line", "text/plain", "Les forces irakiennes sont entrées dans Kirkouk.",
			"", "fr", []string{"Kirkouk"}},
		{"plain text with a month date line", "text/plain", "date 2017-10\n\nEl ejército sirio avanza hacia Deir ez-Zor.",
			"2017-10", "es", []string{"Deir ez-Zor"}},
		{"HTML article", "text/html; charset=utf-8",
			`<!doctype html><html lang="en"><head><title>Mosul</title><meta property="article:published_time" content="2017-11-02"></head>
			<body><nav>Home News</nav><article><h1>Mosul</h1><p>Families are returning to the old city of Mosul, months after the battle ended.</p>
			<p>Many of them had spent the summer in camps near Erbil and Dohuk, waiting for the roads to open again.</p></article></body></html>`,
			"2017-11-02", "en", []string{"Mosul", "Erbil", "Dohuk"}},
		{"no content type: JSON, guessed", "", `{"text":"Shelling hit Douma, near Damascus.","date":"2017-11-14"}`,
			"2017-11-14", "en", []string{"Douma", "Damascus"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := ts.post(t, tt.contentType, tt.body)
			wantStatus(t, res, body, http.StatusCreated)
			got := parseReport(t, body)
			if got.Report.Published.String() != tt.date || got.Report.Lang != tt.lang {
				t.Errorf("date %q lang %q, want %q %q", got.Report.Published, got.Report.Lang, tt.date, tt.lang)
			}
			var places []string
			for _, f := range got.FC.Features {
				text, date, _ := props(f)
				places = append(places, text)
				if tt.date != "" && !strings.HasPrefix(date, "2017-1") {
					t.Errorf("%s dated %q", text, date)
				}
			}
			if !slices.Equal(places, tt.places) {
				t.Errorf("places %v, want %v", places, tt.places)
			}
		})
	}
}

func TestIdempotencyKey(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.post(t, "text/plain", "Fighting near Mosul.", "Idempotency-Key", "k-1")
	wantStatus(t, res, body, http.StatusCreated)
	first := parseReport(t, body)

	// The same key again with the same text is the first report; with another text, a mistake.
	res, body = ts.post(t, "text/plain", "Fighting near Mosul.", "Idempotency-Key", "k-1")
	wantStatus(t, res, body, http.StatusOK)
	if again := parseReport(t, body); again.ID != first.ID || len(again.FC.Features) != 1 {
		t.Errorf("the same key returned %s with %d features, want %s", again.ID, len(again.FC.Features), first.ID)
	}
	res, body = ts.post(t, "text/plain", "Another text entirely, about Tikrit.", "Idempotency-Key", "k-1")
	wantError(t, res, body, http.StatusUnprocessableEntity, `Idempotency-Key "k-1"`)
	if s := ts.snapshot(t); len(s.ids) != 1 || s.events != 1 {
		t.Errorf("store holds %v, want one report with one event", s)
	}

	res, body = ts.post(t, "text/plain", "Fighting near Tikrit.", "Idempotency-Key", "has spaces")
	wantError(t, res, body, http.StatusBadRequest, "Idempotency-Key")
}

// batchBody is the answer to a batch.
type batchBody struct {
	Error                         string
	Created, Duplicates, Rejected []struct {
		Origin, ID, Error string
		Line              int
	}
}

func parseBatch(t testing.TB, b []byte) batchBody {
	t.Helper()
	var bb batchBody
	if err := json.Unmarshal(b, &bb); err != nil {
		t.Fatalf("batch body: %v\n%.500s", err, b)
	}
	return bb
}

func TestBatchJSONLines(t *testing.T) {
	ts := newServer(t, nil)
	lines := strings.Join([]string{
		`{"text":"Iraqi forces took Rawa on Friday.","date":"2017-11-17"}`,
		`{"text":"Iraqi forces took Rawa on Friday.","date":"2017-11-17"}`,
		`{"text":"Clashes in Tal Afar.","date":"2017-02-30"}`,
		``,
		`{"text":`,
		`{"text":"   "}`,
		`{"text":"Turkish troops entered Idlib on Thursday.","date":"2017-10-13","lang":"en"}`,
	}, "\n")
	res, body := ts.post(t, "application/x-ndjson", lines)
	wantStatus(t, res, body, http.StatusMultiStatus)
	got := parseBatch(t, body)
	if len(got.Created) != 2 || got.Created[0].Line != 1 || got.Created[1].Line != 7 {
		t.Fatalf("created %+v, want lines 1 and 7", got.Created)
	}
	if len(got.Duplicates) != 1 || got.Duplicates[0].Line != 2 || got.Duplicates[0].ID != got.Created[0].ID {
		t.Errorf("duplicates %+v, want line 2 as %s", got.Duplicates, got.Created[0].ID)
	}
	wantRejected := map[int]string{3: "no such day", 5: "invalid JSON", 6: "text is empty"}
	if len(got.Rejected) != len(wantRejected) {
		t.Errorf("rejected %+v, want lines 3, 5, 6", got.Rejected)
	}
	for _, r := range got.Rejected {
		if !strings.Contains(r.Error, wantRejected[r.Line]) || wantRejected[r.Line] == "" || r.Origin == "" {
			t.Errorf("rejected line %d: %q, want %q", r.Line, r.Error, wantRejected[r.Line])
		}
	}
	for _, c := range got.Created {
		res, body := ts.do(t, http.MethodGet, "/api/reports/"+c.ID, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		if r := parseReport(t, body); len(r.FC.Features) != 1 {
			t.Errorf("report %s has %d features, want 1", c.ID, len(r.FC.Features))
		}
	}

	t.Run("a clean batch is 200", func(t *testing.T) {
		res, body := ts.post(t, "application/jsonl", `{"text":"Rebels shelled Damascus."}`+"\n"+`{"text":"Iraqi forces took Rawa on Friday.","date":"2017-11-17"}`)
		wantStatus(t, res, body, http.StatusOK)
		if got := parseBatch(t, body); len(got.Created) != 1 || len(got.Duplicates) != 1 || len(got.Rejected) != 0 {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("multipart upload of files", func(t *testing.T) {
		var buf bytes.Buffer
		mw := newMultipart(&buf, map[string]string{
			"a.txt":   "date 2017-10-16\nIraqi forces entered Kirkuk on Monday.",
			"b.jsonl": `{"text":"Aid reached Douma.","date":"2017-11-20"}` + "\n" + `{"text":"x","date":"2017-13"}`,
		})
		res, body := ts.do(t, http.MethodPost, "/api/reports", mw, &buf)
		wantStatus(t, res, body, http.StatusMultiStatus)
		got := parseBatch(t, body)
		origins := []string{}
		for _, c := range got.Created {
			origins = append(origins, c.Origin)
		}
		if !slices.Equal(origins, []string{"a.txt", "b.jsonl:1"}) || len(got.Rejected) != 1 ||
			got.Rejected[0].Origin != "b.jsonl:2" || !strings.Contains(got.Rejected[0].Error, "month out of range") {
			t.Errorf("got %+v", got)
		}
	})
}

func TestBadInput(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.post(t, "text/plain", readSeed(t))
	wantStatus(t, res, body, http.StatusCreated)
	before := ts.snapshot(t)

	garbage := string([]byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0xff, 0xfe, 0x00, 0x01})
	tenMB := `{"text":"` + strings.Repeat("Raqqa ", 10<<20/6) + `"}`
	tests := []struct {
		name, contentType, body string
		status                  int
		msg                     string
	}{
		{"malformed JSON", "application/json", `{"title":"Raqqa","text":"Raqqa fell"`, 400, "malformed JSON"},
		{"two JSON objects", "application/json", `{"text":"a"}{"text":"b"}`, 400, "malformed JSON"},
		{"a JSON array", "application/json", `["Raqqa"]`, 422, "not a JSON object"},
		{"a number for the text", "application/json", `{"text":5}`, 422, `"text" must be a string`},
		{"wrong content type", "application/pdf", "%PDF-1.4", 415, `"application/pdf"`},
		{"a form", "application/x-www-form-urlencoded", "text=Raqqa", 415, "content type"},
		{"a malformed content type", "text/plain; charset", "Raqqa", 415, "cannot be read"},
		{"empty text", "text/plain", "", 422, "text is empty"},
		{"only a date line", "text/plain", "date 2017-11-16\n\n", 422, "text is empty"},
		{"blank JSON text", "application/json", `{"text":"  \n ","date":"2017-11"}`, 422, "text is empty"},
		{"impossible date in JSON", "application/json", `{"text":"Raqqa fell.","date":"2017-02-30"}`, 422, `"2017-02-30": no such day`},
		{"impossible date line", "text/plain", "date 2017-02-30\nRaqqa fell.", 422, "no such day"},
		{"impossible month", "application/json", `{"text":"Raqqa fell.","date":"2017-13"}`, 422, "month out of range"},
		{"bad language", "application/json", `{"text":"Raqqa fell.","lang":"french!"}`, 422, "lang"},
		{"binary garbage as text", "text/plain", garbage, 422, "binary data"},
		{"binary garbage as JSON", "application/json", garbage, 400, "malformed JSON"},
		{"binary garbage as JSON Lines", "application/x-ndjson", garbage, 422, "body:1"},
		{"a 10 MB single line of JSON Lines", "application/x-ndjson", tenMB, 413, "body:1: line longer than the 5242880-byte limit"},
		{"a 10 MB single line of text", "text/plain", strings.Repeat("Raqqa ", 10<<20/6), 413, "larger than the 5242880-byte limit"},
		{"a 10 MB JSON report", "application/json", tenMB, 413, "larger than the 5242880-byte limit"},
		{"an empty batch", "application/x-ndjson", "\n\n", 422, "no reports"},
		{"multipart without a boundary", "multipart/form-data", "--x\r\n", 400, "without a boundary"},
		{"malformed multipart", "multipart/form-data; boundary=x", "garbage", 400, "malformed multipart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := ts.post(t, tt.contentType, tt.body)
			wantError(t, res, body, tt.status, tt.msg)
			if after := ts.snapshot(t); !slices.Equal(after.ids, before.ids) || after.events != before.events {
				t.Errorf("the store changed: %v -> %v", before, after)
			}
		})
	}
	// A body over the 32 MiB limit, with and without a Content-Length.
	big := strings.Repeat(`{"text":"Raqqa fell."}`+"\n", 33<<20/22)
	for _, tt := range []struct {
		name string
		body io.Reader
	}{
		{"body over the limit", strings.NewReader(big)},
		{"chunked body over the limit", io.MultiReader(strings.NewReader(big))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := ts.do(t, http.MethodPost, "/api/reports", "application/x-ndjson", tt.body)
			wantError(t, res, body, http.StatusRequestEntityTooLarge, "larger than the 33554432-byte limit")
			if after := ts.snapshot(t); !slices.Equal(after.ids, before.ids) || after.events != before.events {
				t.Errorf("the store changed: %v -> %v", before, after)
			}
		})
	}
}

func TestListReports(t *testing.T) {
	ts := newServer(t, nil)
	ids := map[string]string{}
	for _, r := range []struct{ date, text string }{
		{"2017-10-05", "Hawija was retaken."}, {"2017-11-16", "Raqqa: the deal."}, {"2017-11", "Mosul rebuilds."}, {"", "Undated notes from Erbil."},
	} {
		res, body := ts.post(t, "application/json", `{"text":"`+r.text+`","date":"`+r.date+`"}`)
		wantStatus(t, res, body, http.StatusCreated)
		ids[r.date] = parseReport(t, body).ID
	}
	var prev string // of the last page listed
	list := func(t *testing.T, query string) ([]string, string) {
		t.Helper()
		res, body := ts.do(t, http.MethodGet, "/api/reports"+query, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		var page struct {
			Reports    []report.Report `json:"reports"`
			Next, Prev string
		}
		defer func() { prev = page.Prev }()
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		var dates []string
		for _, r := range page.Reports {
			if ids[r.Published.String()] != r.ID || len(r.Mentions) != 0 {
				t.Errorf("report %s dated %q with %d mentions", r.ID, r.Published, len(r.Mentions))
			}
			dates = append(dates, r.Published.String())
		}
		return dates, page.Next
	}
	for _, tt := range []struct {
		name, query string
		want        []string
	}{
		{"newest first, undated last", "", []string{"2017-11-16", "2017-11", "2017-10-05", ""}},
		{"from a month", "?from=2017-11", []string{"2017-11-16", "2017-11"}},
		{"to a month, included", "?to=2017-10", []string{"2017-10-05"}},
		{"a day range inside a month report", "?from=2017-11-20&to=2017-11-21", []string{"2017-11"}},
		{"an empty page", "?from=2018", nil},
		{"a box around Raqqa", "?bbox=38,35,40,36.5", []string{"2017-11-16"}},
		{"a box around Mosul and Erbil", "?bbox=42.5,35.9,44.5,36.6", []string{"2017-11", ""}},
		{"words", "?q=deal", []string{"2017-11-16"}},
		{"a box and a month", "?bbox=42.5,35.9,44.5,36.6&from=2017-11&to=2017-11", []string{"2017-11"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := list(t, tt.query); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("pages follow the cursor", func(t *testing.T) {
		first, next := list(t, "?limit=3")
		firstPrev := prev
		second, last := list(t, "?limit=3&cursor="+next)
		if !slices.Equal(first, []string{"2017-11-16", "2017-11", "2017-10-05"}) || !slices.Equal(second, []string{""}) || next == "" || last != "" {
			t.Errorf("pages %q (next %q), %q (next %q)", first, next, second, last)
		}
		if back, backNext := list(t, "?limit=3&before="+prev); firstPrev != "" || !slices.Equal(back, first) || backNext != next || prev != "" {
			t.Errorf("the first page's prev %q; the page before the second %q next %q prev %q, want %q next %q", firstPrev, back, backNext, prev, first, next)
		}
	})
	for _, tt := range []struct{ name, query, msg string }{
		{"impossible from", "?from=2017-02-30", "from: date \"2017-02-30\": no such day"},
		{"bad to", "?to=yesterday", "to: date"},
		{"to before from", "?from=2017-11&to=2017-10", "is empty"},
		{"bad limit", "?limit=ten", `limit "ten"`},
		{"bad cursor", "?cursor=zzz", "cursor"},
		{"bad before", "?before=zzz", "cursor"},
		{"cursor and before", "?cursor=MSwyLDM&before=MSwyLDM", "not both"},
		{"bad bbox", "?bbox=1,2,3", "bbox"},
		{"latitude 100", "?bbox=0,0,10,100", "latitude"},
		{"unclosed quote", `?q=%22deal`, "unclosed quote"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := ts.do(t, http.MethodGet, "/api/reports"+tt.query, "", nil)
			wantError(t, res, body, http.StatusBadRequest, tt.msg)
		})
	}
}

func TestGetAndDelete(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.post(t, "text/plain", readSeed(t))
	wantStatus(t, res, body, http.StatusCreated)
	id := parseReport(t, body).ID

	res, body = ts.do(t, http.MethodGet, "/api/reports/nosuchreport", "", nil)
	wantError(t, res, body, http.StatusNotFound, `no report "nosuchreport"`)

	res, body = ts.do(t, http.MethodDelete, "/api/reports/"+id, "", nil)
	wantStatus(t, res, body, http.StatusNoContent)
	if len(body) != 0 {
		t.Errorf("204 with a body: %q", body)
	}
	if s := ts.snapshot(t); len(s.ids) != 0 || s.events != 0 {
		t.Errorf("after DELETE the store holds %v", s)
	}
	res, body = ts.do(t, http.MethodGet, "/api/reports/"+id, "", nil)
	wantError(t, res, body, http.StatusNotFound, "no report")
	res, body = ts.do(t, http.MethodDelete, "/api/reports/"+id, "", nil)
	wantError(t, res, body, http.StatusNotFound, "no report")
}

func TestEvents(t *testing.T) {
	ts := newServer(t, nil)
	for _, body := range []string{
		readSeed(t),
		"date 2017-10-16\nIraqi forces entered Kirkuk on Monday. Kurdish fighters withdrew to Erbil.",
		"date 2017-11-15\nShelling hit Douma on Tuesday. Mortars fell on Damascus on Wednesday.",
	} {
		res, b := ts.post(t, "text/plain", body)
		wantStatus(t, res, b, http.StatusCreated)
	}
	// events returns the features of a query, checking the collection's members.
	events := func(t *testing.T, query string) (*geojson.FeatureCollection, int) {
		t.Helper()
		res, body := ts.do(t, http.MethodGet, "/api/events"+query, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); ct != "application/geo+json" {
			t.Errorf("Content-Type %q", ct)
		}
		fc, err := geojson.UnmarshalFeatureCollection(body)
		if err != nil {
			t.Fatalf("%v\n%.500s", err, body)
		}
		matched, _ := fc.ExtraMembers["numberMatched"].(float64)
		if returned, _ := fc.ExtraMembers["numberReturned"].(float64); int(returned) != len(fc.Features) {
			t.Errorf("numberReturned %v, %d features", fc.ExtraMembers["numberReturned"], len(fc.Features))
		}
		for _, f := range fc.Features {
			sentence, text := f.Properties.MustString("sentence", ""), f.Properties.MustString("text", "")
			start, end := int(f.Properties.MustFloat64("start", -1)), int(f.Properties.MustFloat64("end", -1))
			if r := []rune(sentence); start < 0 || end > len(r) || string(r[start:end]) != text {
				t.Errorf("%s: %d-%d is not its place in %q", text, start, end, sentence)
			}
			if _, ok := f.Geometry.(orb.Point); !ok || f.Properties.MustString("report_id", "") == "" {
				t.Errorf("%s: geometry %T, report_id %q", text, f.Geometry, f.Properties.MustString("report_id", ""))
			}
		}
		return fc, int(matched)
	}
	texts := func(fc *geojson.FeatureCollection) []string {
		var s []string
		for _, f := range fc.Features {
			s = append(s, f.Properties.MustString("text", ""))
		}
		return s
	}
	all, total := events(t, "")
	if total != 11 || len(all.Features) != 11 {
		t.Fatalf("%d events of %d: %v", len(all.Features), total, texts(all))
	}
	syria := orb.Bound{Min: orb.Point{35.5, 32}, Max: orb.Point{42.5, 37.5}}
	for _, tt := range []struct {
		name, query string
		check       func(*geojson.Feature) bool
		want        int
	}{
		{"bbox of Syria", "?bbox=35.5,32,42.5,37.5", func(f *geojson.Feature) bool { return syria.Contains(f.Geometry.(orb.Point)) }, 8},
		{"a day", "?from=2017-10-16&to=2017-10-16", func(f *geojson.Feature) bool { return f.Properties.MustString("date", "") == "2017-10-16" }, 2},
		{"a day overlaps month events", "?from=2017-11-16&to=2017-11-16", func(f *geojson.Feature) bool {
			return strings.HasPrefix(f.Properties.MustString("date", ""), "2017-11")
		}, 7},
		{"words", "?q=Kirkuk", func(f *geojson.Feature) bool { return f.Properties.MustString("country_code", "") == "IQ" }, 2},
		{"country", "?country=iq", func(f *geojson.Feature) bool { return f.Properties.MustString("country_code", "") == "IQ" }, 2},
		{"language", "?lang=fr", func(f *geojson.Feature) bool { return f.Properties.MustString("lang", "") == "fr" }, 7},
		{"place", "?place=" + placeID(all, "Raqqa"), func(f *geojson.Feature) bool { return f.Properties.MustString("text", "") == "Raqqa" }, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fc, matched := events(t, tt.query)
			if matched != tt.want {
				t.Errorf("numberMatched %d, want %d: %v", matched, tt.want, texts(fc))
			}
			for _, f := range fc.Features {
				if !tt.check(f) {
					t.Errorf("%s (%v, %s) should not match", f.Properties.MustString("text", ""), f.Geometry, f.Properties.MustString("date", ""))
				}
			}
		})
	}
	t.Run("a page", func(t *testing.T) {
		fc, matched := events(t, "?limit=2&offset=1")
		if got, want := texts(fc), texts(all)[1:3]; matched != 11 || !slices.Equal(got, want) {
			t.Errorf("numberMatched %d, events %v; want 11, %v", matched, got, want)
		}
	})
	for _, tt := range []struct{ name, query, msg string }{
		{"bbox of three numbers", "?bbox=1,2,3", "minLon,minLat,maxLon,maxLat"},
		{"bbox not numbers", "?bbox=a,b,c,d", "minLon,minLat,maxLon,maxLat"},
		{"bbox off the globe", "?bbox=190,0,170,10", "a west east of the east must lie in -180..180"},
		{"bbox upside down", "?bbox=10,10,0,0", "south above its north"},
		{"bbox past a pole", "?bbox=0,0,10,95", "latitudes lie in -90..90"},
		{"impossible date", "?from=2017-02-30", "no such day"},
		{"empty range", "?from=2017-12&to=2017-11", "is empty"},
		{"unclosed quote", `?q="Raqqa`, "unclosed quote"},
		{"place not an id", "?place=Raqqa", "not a GeoNames id"},
		{"negative offset", "?offset=-1", "offset"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := ts.do(t, http.MethodGet, "/api/events"+tt.query, "", nil)
			wantError(t, res, body, http.StatusBadRequest, tt.msg)
		})
	}
}

// placeID is the geonameid of the first feature whose text is text.
func placeID(fc *geojson.FeatureCollection, text string) string {
	for _, f := range fc.Features {
		if f.Properties.MustString("text", "") == text {
			return strconv.FormatInt(int64(f.Properties.MustFloat64("geonameid", 0)), 10)
		}
	}
	return "0"
}

// newMultipart writes a multipart/form-data body of files to w and returns its content type.
func newMultipart(w io.Writer, files map[string]string) string {
	mw := multipart.NewWriter(w)
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		fw, _ := mw.CreateFormFile("files", name)
		io.WriteString(fw, files[name])
	}
	mw.WriteField("note", "ignored")
	mw.Close()
	return mw.FormDataContentType()
}

// TestBBoxAcrossTheAntimeridian: a box whose west lies east of its east is answered, with the
// events on either side of 180° and none between.
func TestBBoxAcrossTheAntimeridian(t *testing.T) {
	ts := newDemoServer(t, nil)
	res, body := ts.do(t, http.MethodGet, "/api/events?limit=5000&bbox=100,-60,-60,80", "", nil)
	wantStatus(t, res, body, http.StatusOK)
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) == 0 {
		t.Fatal("no event across the antimeridian (the demo names the United States)")
	}
	for _, f := range fc.Features {
		if lon := f.Point().Lon(); lon > -60 && lon < 100 {
			t.Errorf("%s at %v, between the box's east and west", f.Properties.MustString("text", ""), f.Point())
		}
	}
	for _, path := range []string{"/clusters.geojson?zoom=3&bbox=100,-60,-60,80&view=-180,-85,180,85", "/?bbox=100,-60,-60,80", "/map.svg?bbox=100,-60,-60,80", "/api/events?bbox=170,0,190,10"} {
		if res, body := ts.do(t, http.MethodGet, path, "", nil); res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %.200s", path, res.StatusCode, body)
		}
	}
}
