package demo_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/analyze"
	"github.com/datelinehq/dateline/internal/demo"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
)

func TestReportFilesStartWithTheirDate(t *testing.T) {
	files, err := filepath.Glob("reports/*.txt")
	if err != nil || len(files) < 15 {
		t.Fatalf("want the seed and 14 or more reports, got %d files (%v)", len(files), err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(strings.TrimSpace(string(b)), "date 2017-") {
			t.Errorf("%s does not start with a date line", f)
		}
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	gz, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	a := analyze.New(geoparse.New(gz, geoparse.Options{}))
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	files, _ := fs.Glob(os.DirFS("reports"), "*.txt")
	n, err := demo.Load(ctx, s, intake.New(a, s))
	if err != nil || n != len(files) {
		t.Fatalf("Load = %d, %v; want %d, nil", n, err, len(files))
	}
	t.Run("a second load adds nothing", func(t *testing.T) {
		if n, err := demo.Load(ctx, s, intake.New(a, s)); err != nil || n != 0 {
			t.Errorf("Load again = %d, %v; want 0, nil", n, err)
		}
	})
	t.Run("every report has places and a date", func(t *testing.T) {
		page, err := s.ListReports(ctx, report.ReportFilter{Limit: 100})
		if err != nil || len(page.Reports) != len(files) {
			t.Fatalf("ListReports: %d reports, %v", len(page.Reports), err)
		}
		langs := map[string]bool{}
		for _, r := range page.Reports {
			langs[r.Lang] = true
			if r.Published.IsZero() {
				t.Errorf("report %q has no date", r.Title)
			}
			ev, err := s.QueryEvents(ctx, report.EventFilter{ReportID: r.ID})
			if err != nil || ev.Total < 2 {
				t.Errorf("report %q has %d events (%v), want 2 or more", r.Title, ev.Total, err)
			}
		}
		for _, l := range []string{"fr", "en", "ar", "es", "de", "it"} {
			if !langs[l] {
				t.Errorf("no report in %q; languages: %v", l, langs)
			}
		}
	})
	// Events the timeline must show on their own days.
	for _, tt := range []struct{ place, day string }{
		{"Ar Raqqah", "2017-10-17"}, {"Ar Raqqah", "2017-11-16"}, {"Kirkuk", "2017-10-16"},
		{"Al Mayādīn", "2017-10-14"}, {"Deir ez-Zor", "2017-11-03"}, {"Al Qā’im", "2017-11-03"},
		{"Ālbū Kamāl", "2017-11-09"}, {"Ālbū Kamāl", "2017-11-19"}, {"Idlib", "2017-10-12"},
		{"Ḩarastā", "2017-11-14"}, {"Rāwah", "2017-11-17"},
	} {
		t.Run(tt.place+" on "+tt.day, func(t *testing.T) {
			d, _ := report.ParseDate(tt.day)
			ev, err := s.QueryEvents(ctx, report.EventFilter{From: d.Start(), To: d.End()})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range ev.Events {
				if e.Place.Name == tt.place && e.Date == d {
					return
				}
			}
			t.Errorf("no event at %s on %s among %d events that day", tt.place, tt.day, ev.Total)
		})
	}
	t.Run("the events are in the Levant", func(t *testing.T) {
		ev, err := s.QueryEvents(ctx, report.EventFilter{Limit: report.MaxEventLimit})
		if err != nil {
			t.Fatal(err)
		}
		countries := map[string]int{}
		for _, e := range ev.Events {
			countries[e.Place.CountryCode]++
		}
		if countries["SY"]+countries["IQ"] < ev.Total*3/4 {
			t.Errorf("events by country %v: want three quarters or more in Syria and Iraq", countries)
		}
	})
}
