package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
)

// FuzzEventsQ: whatever a reader types in q, the events query answers or refuses it as invalid
// input; FTS5's syntax (quotes, NEAR, column filters, operators, stray brackets) never reaches the
// database as an error of its own.
func FuzzEventsQ(f *testing.F) {
	for _, q := range []string{"Raqqa", `"a phrase"`, "raq*", "a OR b", "NEAR(a b)", "title:x", `"`, "(", "*", "-x", "^x", "a AND", "{a b}", "x:y:z", "\x00", "ü*", `""""`} {
		f.Add(q)
	}
	s, err := sqlite.Open(f.Context(), filepath.Join(f.TempDir(), "dateline.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	raqqa := report.Place{ID: 163915, Name: "Raqqa", Lat: 35.95, Lon: 39.01, FeatureCode: "PPLA", CountryCode: "SY"}
	r := &report.Report{Text: "Fighting in Raqqa on Monday.", Published: report.DayDate(2017, time.October, 16),
		Mentions: []report.Mention{{Start: 12, End: 17, Text: "Raqqa", Place: raqqa, SentenceEnd: 28, Date: report.DayDate(2017, time.October, 16)}}}
	if _, _, err := s.CreateReport(f.Context(), r, ""); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		filter := report.EventFilter{Q: q}
		if filter.Normalize() != nil {
			return
		}
		page, err := s.QueryEvents(t.Context(), filter)
		if err != nil && report.ErrorKind(err) != report.Invalid {
			t.Fatalf("q %q: %v", q, err)
		}
		if err == nil && q == "Raqqa" && len(page.Events) != 1 {
			t.Fatalf("q %q found %d events, want the one: the query is not run", q, len(page.Events))
		}
	})
}
