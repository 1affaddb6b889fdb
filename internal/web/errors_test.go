package web_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

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
	t.Run("an unknown page is HTML", func(t *testing.T) {
		res, body := ts.do(t, http.MethodGet, "/nothing?x=<script>", "", nil)
		wantStatus(t, res, body, http.StatusNotFound)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("Content-Type %q", ct)
		}
		for _, want := range []string{"<title>404 Not Found", "nothing at /nothing", res.Header.Get("X-Request-Id")} {
			if !strings.Contains(string(body), want) {
				t.Errorf("page without %q:\n%s", want, body)
			}
		}
	})
}

func TestHealthAndRequestIDs(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.do(t, http.MethodGet, "/healthz", "", nil, "X-Request-Id", "trace-42")
	wantStatus(t, res, body, http.StatusOK)
	if strings.TrimSpace(string(body)) != `{"status":"ok"}` || res.Header.Get("X-Request-Id") != "trace-42" {
		t.Errorf("body %s, request id %q", body, res.Header.Get("X-Request-Id"))
	}
	res, body = ts.do(t, http.MethodGet, "/healthz", "", nil, "X-Request-Id", "no spaces <or> markup")
	wantStatus(t, res, body, http.StatusOK)
	if id := res.Header.Get("X-Request-Id"); len(id) != 16 {
		t.Errorf("a client's unusable request id was kept: %q", id)
	}
	if !strings.Contains(ts.log.String(), "id=trace-42 method=GET uri=/healthz status=200") {
		t.Errorf("no request line in the log:\n%s", ts.log.String())
	}
}
