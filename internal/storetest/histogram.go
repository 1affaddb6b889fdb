package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func testHistogram(t *testing.T, s Store) {
	seed(t, s)
	// The dated events of the seed, and those of France.
	all := []report.Date{report.YearDate(2021), report.DayDate(2021, 2, 28), report.DayDate(2022, 2, 28),
		report.MonthDate(2022, 3), report.DayDate(2022, 3, 1), report.DayDate(2022, 3, 14), report.DayDate(2022, 3, 16)}
	france := []report.Date{report.MonthDate(2022, 3), report.DayDate(2022, 3, 1), report.DayDate(2022, 3, 16)}
	// Each event counts in every bin its date meets: the year 2021 in each of its days.
	counts := func(size report.BinSize, from time.Time, dates ...report.Date) []report.Bin {
		c := report.BinCounts{Size: size, From: from}
		for _, d := range dates {
			c.Add(d.Start(), d.End(), 1)
		}
		return c.Bins()
	}
	tests := []struct {
		name  string
		f     report.EventFilter
		size  report.BinSize
		want  []report.Bin
		check func(t *testing.T, got []report.Bin)
	}{
		{"days", report.EventFilter{}, report.BinDay, counts(report.BinDay, time.Time{}, all...), func(t *testing.T, got []report.Bin) {
			// 365 days of 2021, 31 of March 2022, 28 February 2022; Lima adds to the 28 February 2021
			if len(got) != 365+1+31 || got[58].Start != day(2021, 2, 28) || got[58].Count != 2 || got[len(got)-1].Start != day(2022, 3, 31) {
				t.Errorf("%d bins, %v ... %v", len(got), got[:3], got[len(got)-3:])
			}
		}},
		{"weeks from Monday", report.EventFilter{}, report.BinWeek, counts(report.BinWeek, time.Time{}, all...), nil},
		{"months", report.EventFilter{}, report.BinMonth, counts(report.BinMonth, time.Time{}, all...), func(t *testing.T, got []report.Bin) {
			if len(got) != 14 || got[1] != (report.Bin{Start: day(2021, 2, 1), Count: 2}) || got[13] != (report.Bin{Start: day(2022, 3, 1), Count: 4}) {
				t.Errorf("months: %v", got)
			}
		}},
		{"filtered", report.EventFilter{Country: "FR"}, report.BinDay, counts(report.BinDay, time.Time{}, france...), func(t *testing.T, got []report.Bin) {
			if len(got) != 31 || got[0].Count != 2 || got[1].Count != 1 || got[15].Count != 2 {
				t.Errorf("France by day: %v", got)
			}
		}},
		{"bbox and range", report.EventFilter{BBox: europe, From: day(2022, 3, 10)}, report.BinMonth, []report.Bin{{Start: day(2022, 3, 1), Count: 3}}, nil},
		{"nothing", report.EventFilter{Q: "nowhere"}, report.BinDay, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Histogram(t.Context(), tt.f, tt.size)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Histogram = %v, %v; want %v", got, err, tt.want)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}
