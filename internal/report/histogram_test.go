package report_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func TestBinCounts(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2017, m, d, 0, 0, 0, 0, time.UTC) }
	october, oct12 := report.MonthDate(2017, 10), report.DayDate(2017, 10, 12)

	c := report.BinCounts{Size: report.BinDay, From: day(10, 10), To: day(10, 14)}
	c.Add(october.Start(), october.End(), 2) // a month: every day of the range
	c.Add(oct12.Start(), oct12.End(), 1)
	c.Add(day(11, 1), day(11, 2), 5) // after the range: not counted
	want := []report.Bin{{Start: day(10, 10), Count: 2}, {Start: day(10, 11), Count: 2}, {Start: day(10, 12), Count: 3}, {Start: day(10, 13), Count: 2}}
	if got := c.Bins(); !reflect.DeepEqual(got, want) {
		t.Errorf("days: %v, want %v", got, want)
	}

	w := report.BinCounts{Size: report.BinWeek}
	w.Add(october.Start(), october.End(), 1) // October 2017 meets the ISO weeks from 25 September to 30 October
	if got := w.Bins(); len(got) != 6 || !got[0].Start.Equal(day(9, 25)) || !got[5].Start.Equal(day(10, 30)) || got[3].Count != 1 {
		t.Errorf("weeks: %v", got)
	}
	m := report.BinCounts{Size: report.BinMonth, To: day(12, 1)}
	y := report.YearDate(2017)
	m.Add(y.Start(), y.End(), 1)
	if got := m.Bins(); len(got) != 11 || got[10].Start != day(11, 1) {
		t.Errorf("a year up to December: %v", got)
	}
	var empty report.BinCounts
	if empty.Bins() != nil {
		t.Errorf("no events: %v", empty.Bins())
	}
}
