package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
)

// newToken stores a token in the test server's store and returns its secret.
func newToken(t *testing.T, ts *testServer, name string, readOnly bool) string {
	t.Helper()
	tok, secret, err := report.NewToken(name, readOnly, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.store.CreateToken(t.Context(), tok); err != nil {
		t.Fatal(err)
	}
	return secret
}

func TestWriteTokens(t *testing.T) {
	ts := newServer(t, func(c *web.Config) { c.WriteToken, c.Tokens = true, c.Reports.(web.TokenStore) })
	writer, reader := newToken(t, ts, "newsroom", false), newToken(t, ts, "reader", true)
	body := "Shelling hit Douma on Monday."

	res, b := ts.post(t, "text/plain", body)
	if res.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") || !strings.Contains(string(b), `"error"`) {
		t.Errorf("no token: %d %q %s", res.StatusCode, res.Header.Get("WWW-Authenticate"), b)
	}
	if res, b := ts.post(t, "text/plain", body, "Authorization", "Bearer dl_wrong"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d %s", res.StatusCode, b)
	}
	if res, b := ts.post(t, "text/plain", body, "Authorization", "Bearer "+reader); res.StatusCode != http.StatusForbidden {
		t.Errorf("a read-only token: %d %s", res.StatusCode, b)
	}
	if page, _ := ts.store.ListReports(t.Context(), report.ReportFilter{}); len(page.Reports) != 0 {
		t.Fatalf("refused writes stored %d reports", len(page.Reports))
	}
	res, b = ts.post(t, "text/plain", body, "Authorization", "Bearer "+writer)
	wantStatus(t, res, b, http.StatusCreated)
	id := parseReport(t, b).ID
	// reads stay open
	if res, b := ts.do(t, http.MethodGet, "/api/reports/"+id, "", nil); res.StatusCode != http.StatusOK {
		t.Errorf("a read without a token: %d %s", res.StatusCode, b)
	}
	if res, _ := ts.do(t, http.MethodDelete, "/api/reports/"+id, "", nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a delete without a token: %d", res.StatusCode)
	}
	// A page that writes: 401 with a way to sign in, then the cookie of /signin.
	res, page := ts.form(t, "/reports/"+id+"/delete", nil, "Sec-Fetch-Site", "same-origin")
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "/signin") {
		t.Errorf("delete from the page without signing in: %d", res.StatusCode)
	}
	res, page = ts.form(t, "/signin", url.Values{"token": {"dl_wrong"}, "next": {"/reports/" + id}}, "Sec-Fetch-Site", "same-origin")
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(page, `name="token"`) {
		t.Errorf("sign in with a wrong token: %d", res.StatusCode)
	}
	if res, _ := ts.form(t, "/signin", url.Values{"token": {writer}}, "Sec-Fetch-Site", "cross-site"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a sign-in form of another site: %d", res.StatusCode)
	}
	res, _ = ts.form(t, "/signin", url.Values{"token": {writer}, "next": {"//evil.example/x"}}, "Sec-Fetch-Site", "same-origin")
	var cookie *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == "dateline_token" {
			cookie = ck
		}
	}
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" || cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("sign in: %d to %q, cookie %+v", res.StatusCode, res.Header.Get("Location"), cookie)
	}
	res, _ = ts.form(t, "/reports/"+id+"/delete", nil, "Sec-Fetch-Site", "same-origin", "Cookie", "dateline_token="+cookie.Value)
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("delete from the page signed in: %d", res.StatusCode)
	}
	res, _ = ts.form(t, "/signout", nil, "Sec-Fetch-Site", "same-origin")
	if cs := res.Cookies(); res.StatusCode != http.StatusSeeOther || len(cs) != 1 || cs[0].MaxAge >= 0 {
		t.Errorf("sign out: %d, cookies %+v", res.StatusCode, cs)
	}
}

func TestPrivateReads(t *testing.T) {
	ts := newServer(t, func(c *web.Config) { c.ReadToken, c.WriteToken, c.Tokens = true, true, c.Reports.(web.TokenStore) })
	reader := newToken(t, ts, "reader", true)
	for _, path := range []string{"/", "/api/events", "/embed/map", "/events.geojson"} {
		if res, _ := ts.do(t, http.MethodGet, path, "", nil); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s without a token: %d", path, res.StatusCode)
		}
		if res, b := ts.do(t, http.MethodGet, path, "", nil, "Authorization", "Bearer "+reader); res.StatusCode != http.StatusOK {
			t.Errorf("%s with a read-only token: %d %.100s", path, res.StatusCode, b)
		}
	}
	for _, path := range []string{"/healthz", "/signin", "/assets/static/app.css", "/about"} {
		if res, _ := ts.do(t, http.MethodGet, path, "", nil); res.StatusCode != http.StatusOK {
			t.Errorf("%s, open to all: %d", path, res.StatusCode)
		}
	}
	if res, _ := ts.post(t, "text/plain", "Shelling hit Douma.", "Authorization", "Bearer "+reader); res.StatusCode != http.StatusForbidden {
		t.Errorf("a read-only token writes: %d", res.StatusCode)
	}
}

func TestHostAllowList(t *testing.T) {
	ts := newServer(t, func(c *web.Config) { c.PublicURL = "https://dateline.example/" })
	for host, want := range map[string]int{
		"evil.example": http.StatusMisdirectedRequest, "evil.example:80": http.StatusMisdirectedRequest, "10.0.0.7": http.StatusMisdirectedRequest,
		"localhost": http.StatusOK, "127.0.0.1:8080": http.StatusOK, "[::1]:8080": http.StatusOK, "dateline.example": http.StatusOK, "DATELINE.example:443": http.StatusOK,
	} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/events", nil)
		req.Host = host
		res, b := ts.send(t, req)
		if res.StatusCode != want {
			t.Errorf("Host %s: %d, want %d; %.100s", host, res.StatusCode, want, b)
		}
	}
	// oEmbed answers with the public URL, never the Host a client sent.
	res, b := ts.do(t, http.MethodGet, "/oembed?url="+url.QueryEscape("https://dateline.example/embed/map?from=2017-10"), "", nil)
	wantStatus(t, res, b, http.StatusOK)
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if h, _ := raw["html"].(string); !strings.Contains(h, `src="https://dateline.example/embed/map?from=2017-10`) || raw["provider_url"] != "https://dateline.example/" {
		t.Errorf("oEmbed %v", raw)
	}
}
