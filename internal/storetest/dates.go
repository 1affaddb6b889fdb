package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// testDateRanges stores a report dated by a range of months whose mentions are dated by ranges of days
// and months, reads them back whole, and finds them by the ranges' last days only.
func testDateRanges(t *testing.T, s Store) {
	text := "Fighting in Kyiv from 3 to 5 October. Paris has been on alert since June."
	days := mustRange(t, report.DayDate(2017, 10, 3), report.DayDate(2017, 10, 5))
	months := mustRange(t, report.MonthDate(2017, 6), report.MonthDate(2017, 11))
	r := create(t, s, &report.Report{Title: "Ranges", Source: "wire", Lang: "en", Published: months, Text: text,
		Mentions: []report.Mention{at(text, "Kyiv", 0, kyiv, days), at(text, "Paris", 0, paris, months)}}, "")

	got, err := s.GetReport(t.Context(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Published != months {
		t.Errorf("published %s, want %s", got.Published, months)
	}
	if ds := []report.Date{got.Mentions[0].Date, got.Mentions[1].Date}; ds[0] != days || ds[1] != months {
		t.Errorf("mention dates %s, %s; want %s, %s", ds[0], ds[1], days, months)
	}
	list, err := s.ListReports(t.Context(), report.ReportFilter{From: day(2017, 11, 30), To: day(2017, 12, 1)})
	if err != nil || len(list.Reports) != 1 || list.Reports[0].Published != months {
		t.Errorf("ListReports of the range's last day = %+v, %v; want the report, published %s", list.Reports, err, months)
	}

	for _, tt := range []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"the last day of the days", day(2017, 10, 5), day(2017, 10, 6), []string{"Paris 2017-06/2017-11", "Kyiv 2017-10-03/2017-10-05"}},
		{"the day after the days", day(2017, 10, 6), day(2017, 10, 7), []string{"Paris 2017-06/2017-11"}},
		{"the last day of the months", day(2017, 11, 30), day(2017, 12, 1), []string{"Paris 2017-06/2017-11"}},
		{"after the months", day(2017, 12, 1), time.Time{}, []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := report.EventFilter{From: tt.from, To: tt.to}
			page, err := s.QueryEvents(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			if got := labels(page.Events); !slices.Equal(got, tt.want) || page.Total != len(tt.want) {
				t.Errorf("QueryEvents = %q total %d, want %q", got, page.Total, tt.want)
			}
			var streamed []report.Event
			for e, err := range s.Events(t.Context(), f, report.EventKey{}) {
				if err != nil {
					t.Fatal(err)
				}
				streamed = append(streamed, e)
			}
			if got := labels(streamed); !slices.Equal(got, tt.want) {
				t.Errorf("Events = %q, want %q", got, tt.want)
			}
		})
	}
}

func mustRange(t *testing.T, first, last report.Date) report.Date {
	t.Helper()
	d, err := report.DateRange(first, last)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
