package web_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
)

// faultyStore fails, or panics, where the real store would answer.
type faultyStore struct {
	web.ReportStore
	panics bool
}

func (f faultyStore) GetReport(ctx context.Context, id string) (*report.Report, error) {
	if f.panics {
		panic("the disk is on fire")
	}
	return nil, errors.New("sqlite: the disk is on fire")
}

func TestInternalErrors(t *testing.T) {
	for _, panics := range []bool{false, true} {
		name := map[bool]string{false: "an error", true: "a panic"}[panics]
		t.Run(name+" is a 500 that hides the cause", func(t *testing.T) {
			ts := newServer(t, func(c *web.Config) { c.Reports = faultyStore{ReportStore: c.Reports, panics: panics} })
			res, body := ts.do(t, http.MethodGet, "/api/reports/abc", "", nil)
			wantError(t, res, body, http.StatusInternalServerError, "internal error")
			if strings.Contains(string(body), "fire") {
				t.Errorf("the cause reached the client: %s", body)
			}
			id := res.Header.Get("X-Request-Id")
			var line string
			for l := range strings.Lines(ts.log.String()) {
				if strings.Contains(l, "id="+id) {
					line = l
				}
			}
			if !strings.Contains(line, "level=ERROR") || !strings.Contains(line, "the disk is on fire") || !strings.Contains(line, "status=500") {
				t.Errorf("log line of request %s: %q\nlog:\n%s", id, line, ts.log.String())
			}
		})
		t.Run(name+" on a page shows the request id, not the cause", func(t *testing.T) {
			ts := newServer(t, func(c *web.Config) { c.Reports = faultyStore{ReportStore: c.Reports, panics: panics} })
			for _, tt := range []struct{ ui, title, msg string }{{"en", "Internal error", "internal error"}, {"fr", "Erreur interne", "erreur interne"}} {
				res, body := ts.do(t, http.MethodGet, "/reports/abc?ui="+tt.ui, "", nil)
				wantStatus(t, res, body, http.StatusInternalServerError)
				id := res.Header.Get("X-Request-Id")
				for _, want := range []string{"<h1>" + tt.title + "</h1>", ">" + tt.msg + "</p>", "<code>" + id + "</code>"} {
					if id == "" || !strings.Contains(string(body), want) {
						t.Errorf("%s: page without %q:\n%s", tt.ui, want, body)
					}
				}
				if strings.Contains(string(body), "fire") || strings.Contains(string(body), "sqlite") {
					t.Errorf("the cause reached the client: %s", body)
				}
			}
		})
	}
}

func TestRoutingErrors(t *testing.T) {
	ts := newServer(t, nil)
	t.Run("an unknown API route is JSON", func(t *testing.T) {
		res, body := ts.do(t, http.MethodGet, "/api/nothing", "", nil)
		wantError(t, res, body, http.StatusNotFound, "nothing at /api/nothing")
	})
	t.Run("a method not allowed", func(t *testing.T) {
		res, body := ts.do(t, http.MethodPut, "/api/reports", "text/plain", strings.NewReader("Raqqa"))
		wantError(t, res, body, http.StatusMethodNotAllowed, "PUT is not allowed on /api/reports")
	})
	for _, tt := range []struct {
		name, acceptLanguage string
		want, not            []string
	}{
		{"an unknown page is HTML, in English by default", "",
			[]string{`<html lang="en"`, "<title>404 Page not found · Dateline", "<h1>Page not found</h1>", "nothing at /nothing", "Request id:", `href="/nothing?ui=fr&amp;x=%3Cscript%3E"`, ">Explore</a>"},
			[]string{"<script>", "introuvable"}},
		{"an unknown page in French with Accept-Language: fr", "fr-FR,fr;q=0.9",
			[]string{`<html lang="fr"`, "<title>404 Page introuvable · Dateline", "<h1>Page introuvable</h1>", "rien à l’adresse /nothing", "Identifiant de la requête :", ">Explorer</a>", `aria-current="true">Français`},
			[]string{"<script>", "Page not found", "nothing at"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := ts.do(t, http.MethodGet, "/nothing?x=<script>", "", nil, "Accept-Language", tt.acceptLanguage)
			wantStatus(t, res, body, http.StatusNotFound)
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q", ct)
			}
			if v := strings.Join(res.Header.Values("Vary"), ","); !strings.Contains(v, "Accept-Language") {
				t.Errorf("Vary %q", v)
			}
			for _, want := range append(tt.want, res.Header.Get("X-Request-Id")) {
				if !strings.Contains(string(body), want) {
					t.Errorf("page without %q:\n%s", want, body)
				}
			}
			for _, not := range tt.not {
				if strings.Contains(string(body), not) {
					t.Errorf("page with %q:\n%s", not, body)
				}
			}
		})
	}
	t.Run("an unknown API route stays English JSON in French", func(t *testing.T) {
		res, body := ts.do(t, http.MethodGet, "/api/nothing", "", nil, "Accept-Language", "fr")
		wantError(t, res, body, http.StatusNotFound, "nothing at /api/nothing")
	})
}

func TestHealthAndRequestIDs(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.do(t, http.MethodGet, "/healthz", "", nil, "X-Request-Id", "trace-42")
	wantStatus(t, res, body, http.StatusOK)
	id := res.Header.Get("X-Request-Id")
	if strings.TrimSpace(string(body)) != `{"status":"ok"}` || len(id) != 16 || id == "trace-42" {
		t.Errorf("body %s, request id %q: want one of ours", body, id)
	}
	// Ours in the log, the client's beside it, and the connection's address.
	if want := "id=" + id + " client=127.0.0.1 method=GET uri=/healthz status=200"; !strings.Contains(ts.log.String(), want) ||
		!strings.Contains(ts.log.String(), "client_request_id=trace-42") {
		t.Errorf("no request line %q with the client's id in the log:\n%s", want, ts.log.String())
	}
	res, body = ts.do(t, http.MethodGet, "/healthz", "", nil, "X-Request-Id", "no spaces <or> markup")
	wantStatus(t, res, body, http.StatusOK)
	if strings.Contains(ts.log.String(), "markup") {
		t.Errorf("a client's unusable request id was logged:\n%s", ts.log.String())
	}
}

// TestClientGoneIsNoError: a request whose client left is logged as 499 at info level, not as
// an internal error.
func TestClientGoneIsNoError(t *testing.T) {
	ts := newDemoServer(t, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/api/events?limit=100", nil).WithContext(ctx)
	req.Host = "localhost"
	ts.Config.Handler.ServeHTTP(httptest.NewRecorder(), req)
	log := ts.log.String()
	if !strings.Contains(log, "level=INFO msg=request") || !strings.Contains(log, "status=499") || strings.Contains(log, "level=ERROR") {
		t.Errorf("the log of a request whose client left:\n%s", log)
	}
}

// TestUnservedFormatIsNoError: oEmbed's format=xml is answered 501, as the oEmbed spec asks, and
// logged at info level as a client's error is, not as an error of the server (a 500 is:
// TestInternalErrors).
func TestUnservedFormatIsNoError(t *testing.T) {
	ts := newServer(t, func(c *web.Config) { c.PublicURL = "https://dateline.example" })
	res, body := ts.do(t, http.MethodGet, "/oembed?format=xml&url="+url.QueryEscape("https://dateline.example/embed"), "", nil)
	wantError(t, res, body, http.StatusNotImplemented, `format "xml" is not served`)
	log := ts.log.String()
	if !strings.Contains(log, "level=INFO msg=request") || !strings.Contains(log, "status=501") || strings.Contains(log, "level=ERROR") {
		t.Errorf("the log of an oEmbed request for XML:\n%s", log)
	}
}

// TestLoadShedding: past MaxInFlight requests, the next is a 503 with Retry-After before any
// work; the health check still answers.
func TestLoadShedding(t *testing.T) {
	ts := newServer(t, func(c *web.Config) { c.MaxInFlight = 2 })
	var writers []*io.PipeWriter
	t.Cleanup(func() { // before the server closes, which waits for the uploads, should the test fail
		for _, w := range writers {
			w.Close()
		}
	})
	done := make(chan string, 4)
	// the uploads have a client of their own, so that nothing they do waits on the reads' connections
	uploader := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	upload := func() { // an upload whose body never ends holds a slot
		pr, pw := io.Pipe()
		writers = append(writers, pw)
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/reports", pr)
		req.Header.Set("Content-Type", "application/x-ndjson")
		go func() {
			res, err := uploader.Do(req)
			if err != nil {
				done <- err.Error()
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			done <- fmt.Sprintf("%d %s", res.StatusCode, b)
		}()
		if _, err := pw.Write([]byte(`{"text": "Fighting near Mosul."}` + "\n")); err != nil {
			t.Fatal(err)
		}
	}
	upload()
	upload()
	// the uploads hold their slots once the server has read their headers: until then a read may
	// pass, and an upload that came after a read holding its slot is refused, and sent again
	res, body := ts.do(t, http.MethodGet, "/api/events", "", nil)
	for deadline := time.Now().Add(20 * time.Second); res.StatusCode == http.StatusOK && time.Now().Before(deadline); {
		select {
		case end := <-done:
			if !strings.HasPrefix(end, "503 ") {
				t.Fatalf("an upload whose body had not ended was answered: %s", end)
			}
			upload()
		case <-time.After(10 * time.Millisecond):
		}
		res, body = ts.do(t, http.MethodGet, "/api/events", "", nil)
	}
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" || !strings.Contains(string(body), "busy") {
		t.Errorf("a third request: %d, Retry-After %q, %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	if res, _ := ts.do(t, http.MethodGet, "/healthz", "", nil); res.StatusCode != http.StatusOK {
		t.Errorf("the health check under load: %d", res.StatusCode)
	}
	for _, w := range writers {
		w.Close()
	}
	<-done // the two uploads that held the slots; those refused were answered in the loop
	<-done
	if res, _ := ts.do(t, http.MethodGet, "/api/events", "", nil); res.StatusCode != http.StatusOK {
		t.Errorf("after the load: %d", res.StatusCode)
	}
}

// TestRateLimit: a client past its rate is answered 429 with Retry-After, others are not; behind a
// trusted proxy the client is the address the proxy names, and a header from anyone else is not
// believed.
func TestRateLimit(t *testing.T) {
	proxies, err := web.ParseTrustedProxies("10.0.0.0/8, 192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	ts := newServer(t, func(c *web.Config) { c.RateLimit, c.RateBurst, c.TrustedProxies = 1, 3, proxies })
	get := func(remote string, header ...string) int {
		req := httptest.NewRequest(http.MethodGet, "/api/events?limit=1", nil)
		req.Host, req.RemoteAddr = "localhost", remote
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		ts.Config.Handler.ServeHTTP(rec, req)
		if rec.Code == http.StatusTooManyRequests && rec.Header().Get("Retry-After") == "" {
			t.Errorf("a 429 without Retry-After")
		}
		return rec.Code
	}
	for i := range 3 {
		if code := get("198.51.100.7:4000"); code != http.StatusOK {
			t.Fatalf("request %d of the burst: %d", i+1, code)
		}
	}
	if code := get("198.51.100.7:4001"); code != http.StatusTooManyRequests {
		t.Errorf("past the burst: %d, want 429", code)
	}
	if code := get("198.51.100.8:4000"); code != http.StatusOK {
		t.Errorf("another client: %d", code)
	}
	// The spent client cannot pass as another by a header...
	if code := get("198.51.100.7:4002", "X-Forwarded-For", "203.0.113.9"); code != http.StatusTooManyRequests {
		t.Errorf("a header from an untrusted address was believed: %d", code)
	}
	// ...but a trusted proxy's clients are told apart by theirs.
	for _, client := range []string{"203.0.113.1", "203.0.113.2"} {
		for i := range 3 {
			if code := get("10.1.2.3:5000", "X-Forwarded-For", "198.51.100.7, "+client); code != http.StatusOK {
				t.Errorf("%s through the proxy, request %d: %d", client, i+1, code)
			}
		}
	}
	if code := get("10.1.2.3:5000", "X-Forwarded-For", "203.0.113.1"); code != http.StatusTooManyRequests {
		t.Errorf("203.0.113.1 past its burst through the proxy: %d", code)
	}
	if code := get("127.0.0.1:1", "X-Forwarded-For", "x"); code != http.StatusOK {
		t.Errorf("a fresh client: %d", code)
	}
	if _, err := web.ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Errorf("a bad prefix is accepted")
	}
}

// TestReadDeadline: a read that outlasts the deadline is interrupted and answered 503 with a
// message; writes are not cut short.
func TestReadDeadline(t *testing.T) {
	ts := newServer(t, func(c *web.Config) { c.ReadDeadline = time.Nanosecond })
	res, body := ts.do(t, http.MethodGet, "/api/events?q=Mosul", "", nil)
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "took longer") {
		t.Errorf("a read past its deadline: %d %s", res.StatusCode, body)
	}
	res, body = ts.post(t, "text/plain", "Fighting near Mosul.")
	wantStatus(t, res, body, http.StatusCreated)
	if !strings.Contains(ts.log.String(), "status=503") || strings.Contains(ts.log.String(), "status=500") {
		t.Errorf("the log:\n%s", ts.log.String())
	}
}
