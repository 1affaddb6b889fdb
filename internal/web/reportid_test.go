package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestClientChosenIDs: an id a client gives a report is kept when every route reaches the report
// by it, and refused at creation otherwise, by the API (one report or a batch) and the ingest page
// alike, with a message that names the field and the characters allowed; nothing is stored.
func TestClientChosenIDs(t *testing.T) {
	ts := newServer(t, nil)
	const allowed = "letters, digits and - _ . ~ :"

	for _, id := range []string{"000_57931d506f7e5e2f.txt", "urn:dateline:7", "dev-afrin~2", strings.Repeat("Z", 128)} {
		res, body := ts.post(t, "application/json", `{"id":"`+id+`","text":"Shelling hit Homs on Monday, `+id+`."}`)
		wantStatus(t, res, body, http.StatusCreated)
		if got := parseReport(t, body).ID; got != id {
			t.Fatalf("stored as %q, want %q", got, id)
		}
		if loc := res.Header.Get("Location"); loc != "/api/reports/"+id {
			t.Errorf("Location %q", loc)
		}
		for _, path := range []string{"/api/reports/" + id, "/reports/" + id} {
			if res, body := ts.do(t, http.MethodGet, path, "", nil); res.StatusCode != http.StatusOK {
				t.Errorf("GET %s: %d %.200s", path, res.StatusCode, body)
			}
		}
		res, body = ts.do(t, http.MethodDelete, "/api/reports/"+id, "", nil)
		wantStatus(t, res, body, http.StatusNoContent)
	}

	before := ts.snapshot(t)
	bad := []string{"a/b", "/", "../x", "..", ".", "a?b", "a#b", "a%2Fb", "a%b", "a b", "a\tb", "a\x00b", "é", "x∕y",
		"<script>alert(1)</script>", `"onmouseover="`, strings.Repeat("a", 129)}
	for _, id := range bad {
		t.Run("one report, id "+short(url.PathEscape(id)), func(t *testing.T) {
			res, body := ts.post(t, "application/json", string(must(json.Marshal(map[string]string{"id": id, "text": "Shelling hit Homs on Monday."}))))
			wantError(t, res, body, http.StatusUnprocessableEntity, allowed)
			var e struct{ Error string }
			if json.Unmarshal(body, &e) != nil || !strings.HasPrefix(e.Error, `id "`) {
				t.Errorf("the error does not start with the field: %s", body)
			}
		})
	}
	t.Run("a batch: the bad id is rejected, the good one stored", func(t *testing.T) {
		lines := `{"id":"ok-1","text":"Shelling hit Aleppo."}` + "\n" + `{"id":"no/1","text":"Shelling hit Mosul."}` + "\n"
		res, body := ts.post(t, "application/x-ndjson", lines)
		wantStatus(t, res, body, http.StatusMultiStatus)
		b := parseBatch(t, body)
		if len(b.Created) != 1 || b.Created[0].ID != "ok-1" || len(b.Rejected) != 1 || b.Rejected[0].Line != 2 ||
			!strings.Contains(b.Rejected[0].Error, `id "no/1"`) || !strings.Contains(b.Rejected[0].Error, allowed) {
			t.Errorf("batch: %s", body)
		}
		res, body = ts.do(t, http.MethodDelete, "/api/reports/ok-1", "", nil)
		wantStatus(t, res, body, http.StatusNoContent)
	})
	t.Run("the ingest page: a file of a bad id", func(t *testing.T) {
		res, html := ts.postIngest(t, map[string]string{"action": "save"}, map[string]string{"r.json": `{"id":"a/b","text":"Shelling hit Homs."}`})
		wantStatus(t, res, []byte(html), http.StatusUnprocessableEntity)
		if !strings.Contains(html, "r.json") || !strings.Contains(html, "id &#34;a/b&#34;") || !strings.Contains(html, allowed) {
			t.Errorf("the page does not say why:\n%s", html)
		}
	})
	if after := ts.snapshot(t); !slices.Equal(after.ids, before.ids) || after.events != before.events {
		t.Errorf("refused ids changed the store: before %v, after %v", before, after)
	}
}

// must is v, or a panic on err.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
