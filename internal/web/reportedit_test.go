package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
)

// form posts a form to path without following the redirect.
func (ts *testServer) form(t *testing.T, path string, v url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return ts.send(t, req)
}

// mentionOf is the mention of r written text.
func mentionOf(t *testing.T, r *report.Report, text string) report.Mention {
	t.Helper()
	for _, m := range r.Mentions {
		if m.Text == text {
			return m
		}
	}
	t.Fatalf("report %s has no mention %q", r.ID, text)
	return report.Mention{}
}

func TestPlaceSearchAPI(t *testing.T) {
	ts := newServer(t, nil)
	res, body := ts.do(t, http.MethodGet, "/api/places?q=karach&limit=3", "", nil)
	wantStatus(t, res, body, http.StatusOK)
	var got struct {
		Places []struct {
			GeonameID   int64  `json:"geonameid"`
			CountryCode string `json:"country_code"`
			Kind        string `json:"kind"`
			Label       string `json:"label"`
		} `json:"places"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Places) == 0 || len(got.Places) > 3 || got.Places[0].CountryCode != "PK" || !strings.HasPrefix(got.Places[0].Label, "Karachi (place, PK") {
		t.Errorf("karach: %+v", got.Places)
	}
	for _, bad := range []string{"/api/places", "/api/places?q=%20", "/api/places?q=x&limit=-1", "/api/places?q=" + strings.Repeat("a", 201)} {
		res, body := ts.do(t, http.MethodGet, bad, "", nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"error"`) {
			t.Errorf("%s: %d %s, want a 400 with a JSON error", bad, res.StatusCode, body)
		}
	}
}

// TestReportEdits: a correction chooses any place by searching, a reader adds a missed mention,
// both survive a reindex, and the page deletes its report.
func TestReportEdits(t *testing.T) {
	ts := newDemoServer(t, nil)
	res, body := ts.post(t, "text/plain", readSeed(t))
	wantStatus(t, res, body, http.StatusOK)
	id := parseReport(t, body).ID
	r, err := ts.store.GetReport(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	markada := mentionOf(t, r, "Markada")
	same := []string{"Sec-Fetch-Site", "same-origin"}

	// A correction by search: the label of a suggestion, or a name.
	res, page := ts.form(t, "/reports/"+id+"/mentions/"+itoa(markada.ID), url.Values{"place": {itoa(markada.Place.ID)}, "search": {"Paris (place, FR, 11) #2988507"}}, same...)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("correct by a suggestion: %d %s", res.StatusCode, page)
	}
	res, page = ts.form(t, "/reports/"+id+"/mentions/"+itoa(markada.ID), url.Values{"search": {"nosuchplacexyz"}}, same...)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "no place is named") {
		t.Errorf("an unknown name: %d, want 422 with a message", res.StatusCode)
	}

	// A missed mention: "Levant" (a vague region the parser leaves out), as Syria.
	res, page = ts.form(t, "/reports/"+id+"/mentions", url.Values{"text": {"Levant"}, "search": {"Syria"}}, same...)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/reports/"+id+"#m-") {
		t.Fatalf("add Levant: %d %q %s", res.StatusCode, res.Header.Get("Location"), page)
	}
	for name, v := range map[string]url.Values{
		"no such text":      {"text": {"Atlantis"}, "search": {"Syria"}},
		"already a mention": {"text": {"Raqqa"}, "search": {"Syria"}},
		"empty text":        {"text": {" "}, "search": {"Syria"}},
		"no place":          {"text": {"Levant"}, "search": {""}},
	} {
		if res, page := ts.form(t, "/reports/"+id+"/mentions", v, same...); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %.200s, want 422", name, res.StatusCode, page)
		}
	}
	if res, _ := ts.form(t, "/reports/"+id+"/mentions", url.Values{"text": {"Levant"}, "search": {"Syria"}}, "Sec-Fetch-Site", "cross-site"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a form of another site adds a mention: %d", res.StatusCode)
	}

	check := func(when string) {
		t.Helper()
		r, err := ts.store.GetReport(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if m := mentionOf(t, r, "Markada"); m.Place.ID != 2988507 || !m.Corrected {
			t.Errorf("%s: Markada is %s (%d), want Paris, corrected", when, m.Place.Name, m.Place.ID)
		}
		if m := mentionOf(t, r, "Levant"); m.Place.CountryCode != "SY" || m.Place.Kind() != report.KindCountry || !m.Corrected || m.Date.IsZero() {
			t.Errorf("%s: Levant is %+v, want Syria, corrected, dated", when, m)
		}
		html := ts.page(t, "/reports/"+id, http.StatusOK)
		if !strings.Contains(html, ">Levant</a>") {
			t.Errorf("%s: the page does not mark Levant", when)
		}
	}
	check("after the edits")
	a, err := loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := intake.Reindex(t.Context(), a, ts.store, nil); err != nil {
		t.Fatal(err)
	}
	check("after a reindex")

	// Delete from the page.
	if res, _ := ts.form(t, "/reports/"+id+"/delete", nil, "Sec-Fetch-Site", "cross-site"); res.StatusCode != http.StatusForbidden {
		t.Errorf("a form of another site deletes: %d", res.StatusCode)
	}
	res, _ = ts.form(t, "/reports/"+id+"/delete", nil, same...)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Errorf("delete: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	ts.page(t, "/reports/"+id, http.StatusNotFound)
	if res, _ := ts.form(t, "/reports/"+id+"/delete", nil, same...); res.StatusCode != http.StatusNotFound {
		t.Errorf("delete again: %d, want 404", res.StatusCode)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
