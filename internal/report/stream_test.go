package report_test

import (
	"slices"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func TestEventKeyOrder(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// In the order of events: by the first day of their date, undated last, then by id.
	keys := []report.EventKey{
		{},
		{Start: day(-800, 1, 1), MentionID: 9},
		{Start: day(1, 1, 1), MentionID: 3},
		report.Event{MentionID: 4, Date: report.MonthDate(2022, 3)}.Key(),
		report.Event{MentionID: 7, Date: report.DayDate(2022, 3, 1)}.Key(),
		report.Event{MentionID: 2, Date: report.DayDate(2022, 3, 2)}.Key(),
		report.Event{MentionID: 1}.Key(),
		{Undated: true, Start: day(1990, 1, 1), MentionID: 5}, // an undated key's Start is no part of it
	}
	for i, k := range keys {
		for j, o := range keys {
			if got, want := k.Compare(o), cmpInt(i, j); got != want {
				t.Errorf("%+v.Compare(%+v) = %d, want %d", k, o, got, want)
			}
		}
		back, err := report.ParseEventKey(k.String())
		if err != nil || back.Compare(k) != 0 || back.String() != k.String() {
			t.Errorf("ParseEventKey(%q) = %+v, %v; want %+v", k.String(), back, err, k)
		}
	}
	if s := (report.EventKey{}).String(); s != "" {
		t.Errorf("the zero key's cursor is %q, want empty", s)
	}
	if !slices.IsSortedFunc(keys, report.EventKey.Compare) {
		t.Error("the keys are not sorted by Compare")
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestParseEventKeyRejects(t *testing.T) {
	for _, c := range []string{
		"not a cursor", "a+b/", "MTIzNDU" /* 12345 */, "dS4w" /* u.0 */, "MDEyLjU" /* 012.5 */, "ei4x", /* z.1 */
		"MTIuMS4x" /* 12.1.1 */, "OTk5OTk5OTkuMQ" /* 99999999.1 */, "KzEyLjU" /* +12.5 */, "MTIuNQ==", /* padded */
	} {
		if _, err := report.ParseEventKey(c); report.ErrorKind(err) != report.Invalid {
			t.Errorf("ParseEventKey(%q) = %v, want an Invalid error", c, err)
		}
	}
}

// FuzzParseEventKey checks that a cursor read is the one its key writes.
func FuzzParseEventKey(f *testing.F) {
	for _, k := range []report.EventKey{{}, {Undated: true, MentionID: 1}, {Start: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), MentionID: 42}} {
		f.Add(k.String())
	}
	f.Add("MDEyLjU")
	f.Fuzz(func(t *testing.T, cursor string) {
		k, err := report.ParseEventKey(cursor)
		if err != nil {
			if report.ErrorKind(err) != report.Invalid {
				t.Fatalf("ParseEventKey(%q): error %v is not Invalid", cursor, err)
			}
			return
		}
		if k.String() != cursor || (cursor != "" && k.MentionID <= 0) {
			t.Fatalf("ParseEventKey(%q) = %+v, whose cursor is %q", cursor, k, k.String())
		}
	})
}
