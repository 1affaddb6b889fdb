package storetest

import (
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

// testReportDates: the span of the reports' published dates, from the first day of the earliest
// to the day after the latest, undated reports aside; zero without a dated report.
func testReportDates(t *testing.T, s Store) {
	from, to, err := s.ReportDates(t.Context())
	if err != nil || !from.IsZero() || !to.IsZero() {
		t.Fatalf("an empty store: ReportDates = %v, %v, %v; want zero times", from, to, err)
	}
	undated := &report.Report{Title: "Undated", Text: "Nothing happened in Lyon."}
	if _, _, err := s.CreateReport(t.Context(), undated, ""); err != nil {
		t.Fatal(err)
	}
	if from, to, err = s.ReportDates(t.Context()); err != nil || !from.IsZero() || !to.IsZero() {
		t.Fatalf("an undated report: ReportDates = %v, %v, %v; want zero times", from, to, err)
	}
	seed(t, s) // 2021 (a year), 28 February and 16 March 2022, and one undated
	from, to, err = s.ReportDates(t.Context())
	if want := day(2021, 1, 1); err != nil || !from.Equal(want) {
		t.Errorf("ReportDates from %v, %v; want %v", from, err, want)
	}
	if want := day(2022, 3, 17); !to.Equal(want) {
		t.Errorf("ReportDates to %v; want %v", to, want)
	}
	// A year's report that ends after a later report's day.
	long := &report.Report{Title: "Year", Text: "A year in Paris.", Published: report.YearDate(2022)}
	if _, _, err := s.CreateReport(t.Context(), long, ""); err != nil {
		t.Fatal(err)
	}
	if _, to, err = s.ReportDates(t.Context()); err != nil || !to.Equal(day(2023, 1, 1)) {
		t.Errorf("with a report of 2022: ReportDates to %v, %v; want %v", to, err, day(2023, 1, 1))
	}
}
