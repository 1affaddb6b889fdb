package report_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want string
		prec report.Precision
	}{
		{"2017", "2017", report.PrecisionYear},
		{"2017-11", "2017-11", report.PrecisionMonth},
		{"2017-11-16", "2017-11-16", report.PrecisionDay},
		{"2024-02-29", "2024-02-29", report.PrecisionDay},
		{" 2017-11 ", "2017-11", report.PrecisionMonth},
		{"2017-11-16T23:30:00+02:00", "2017-11-16", report.PrecisionDay},
		{"2017-10-03/2017-10-05", "2017-10-03/2017-10-05", report.PrecisionDay},
		{"2016-12-28/2017-01-02", "2016-12-28/2017-01-02", report.PrecisionDay},
		{"2017-06/2017-11", "2017-06/2017-11", report.PrecisionMonth},
		{"2017-02-01/2018-01-31", "2017-02-01/2018-01-31", report.PrecisionDay},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			d, err := report.ParseDate(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if d.String() != tc.want || d.Precision != tc.prec {
				t.Errorf("got %s (%s), want %s (%s)", d, d.Precision, tc.want, tc.prec)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{"", "2017-02-30", "2023-02-29", "2017-13", "2017-00", "17-11-16", "2017/11/16", "2017-11-16-1", "abcd", "0000",
		"2017-10-05/2017-10-03", "2017-10-05/2017-10-05", "2017-10/2017-10-05", "2017-10-03/", "/2017-10-05", "2017-10-03/2017-10-32",
		"2017-01-01/2018-01-02", "2016/2017", "2017-10-03/2017-10-05/2017-10-07", "2017-10-03T00:00:00Z/2017-10-05"} {
		t.Run(in, func(t *testing.T) {
			_, err := report.ParseDate(in)
			if err == nil {
				t.Fatal("no error")
			}
			if report.ErrorKind(err) != report.Invalid {
				t.Errorf("kind %q, want invalid", report.ErrorKind(err))
			}
			if msg := report.ErrorMessage(err); msg == "internal error" || msg == "" {
				t.Errorf("message %q does not name the problem", msg)
			}
		})
	}
}

func TestDateRangeAndContains(t *testing.T) {
	month := report.MonthDate(2017, time.November)
	if got := month.Start(); !got.Equal(time.Date(2017, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("start %v", got)
	}
	if got := month.End(); !got.Equal(time.Date(2017, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("end %v", got)
	}
	if got := month.Last(); !got.Equal(time.Date(2017, 11, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("last %v", got)
	}
	if !month.Contains(report.DayDate(2017, time.November, 16)) || month.Contains(report.DayDate(2017, time.October, 31)) {
		t.Error("November 2017 should contain the 16th and not 31 October")
	}
	if report.DayDate(2017, time.November, 16).Contains(month) {
		t.Error("a day cannot contain its month")
	}
	if (report.Date{}).Contains(month) || month.Contains(report.Date{}) {
		t.Error("the zero date contains nothing and is in nothing")
	}
}

func TestDateRangeSpan(t *testing.T) {
	d, err := report.ParseDate("2017-10-03/2017-10-05")
	if err != nil {
		t.Fatal(err)
	}
	if !d.IsRange() || d.Through != 2 {
		t.Errorf("%s: range %v through %d, want a range through 2 more days", d, d.IsRange(), d.Through)
	}
	if got := d.Start(); !got.Equal(time.Date(2017, 10, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("start %v", got)
	}
	if got := d.End(); !got.Equal(time.Date(2017, 10, 6, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("end %v", got)
	}
	if d.First() != report.DayDate(2017, 10, 3) || d.Final() != report.DayDate(2017, 10, 5) {
		t.Errorf("first %s, final %s", d.First(), d.Final())
	}
	if !d.Contains(report.DayDate(2017, 10, 5)) || d.Contains(report.DayDate(2017, 10, 6)) || !report.MonthDate(2017, 10).Contains(d) {
		t.Error("3-5 October should contain the 5th, not the 6th, and be in October")
	}
	m, err := report.DateRange(report.MonthDate(2017, 6), report.MonthDate(2017, 11))
	if err != nil || m.String() != "2017-06/2017-11" || !m.End().Equal(time.Date(2017, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("June-November: %s ending %v, %v", m, m.End(), err)
	}
	if _, err := report.DateRange(report.MonthDate(2017, 6), report.DayDate(2017, 11, 1)); report.ErrorKind(err) != report.Invalid {
		t.Errorf("a range of mixed precisions: %v, want invalid", err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2017", "2017-11", "2017-11-16", "2017-10-03/2017-10-05", "2017-06/2017-11",
		"2016-12-28/2017-01-02", "2017-11-16T23:30:00+02:00", "2017-10-05/2017-10-03", "0001-01-01/0001-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := report.ParseDate(s)
		if err != nil {
			return
		}
		if d.IsZero() {
			t.Fatalf("%q: a zero date without error", s)
		}
		back, err := report.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("%q: %+v writes %q, which reads back as %+v, %v", s, d, d, back, err)
		}
		if !d.End().After(d.Start()) || d.End().Sub(d.Start()) > report.MaxRangeDays*24*time.Hour && d.IsRange() {
			t.Fatalf("%q: [%v, %v) is empty or longer than a year", s, d.Start(), d.End())
		}
		if d.IsRange() && (d.First().String()+"/"+d.Final().String() != d.String() || d.Final().End() != d.End()) {
			t.Fatalf("%q: a range's bounds do not make it: %s, %s", s, d.First(), d.Final())
		}
	})
}

func TestDateJSON(t *testing.T) {
	b, err := json.Marshal(struct{ D report.Date }{report.MonthDate(2017, time.October)})
	if err != nil || string(b) != `{"D":"2017-10"}` {
		t.Fatalf("%s %v", b, err)
	}
	var v struct{ D report.Date }
	if err := json.Unmarshal([]byte(`{"D":"2017-02-30"}`), &v); err == nil {
		t.Error("an impossible date unmarshalled")
	}
	if err := json.Unmarshal([]byte(`{"D":"2017-10-12"}`), &v); err != nil || v.D != report.DayDate(2017, time.October, 12) {
		t.Errorf("%v %v", v.D, err)
	}
}

func TestContentHashNormalisesLineEndings(t *testing.T) {
	if report.ContentHash("a\r\nb\n") != report.ContentHash("a\nb") {
		t.Error("CRLF and trailing space change the hash")
	}
	if report.ContentHash("a") == report.ContentHash("b") {
		t.Error("different texts share a hash")
	}
}

// TestDateStringAsFmt checks String, which writes digits itself, against fmt's %04d and %02d for every
// precision, for years outside 0-9999 too, and for ranges.
func TestDateStringAsFmt(t *testing.T) {
	want := func(d report.Date) string {
		switch d.Precision {
		case report.PrecisionYear:
			return fmt.Sprintf("%04d", d.Year)
		case report.PrecisionMonth:
			return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
		case report.PrecisionDay:
			return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
		}
		return ""
	}
	for _, y := range []int{-12345, -1, 0, 7, 99, 999, 2017, 9999, 10000, 123456} {
		for _, m := range []time.Month{1, 9, 10, 12} {
			for _, day := range []int{1, 9, 10, 31} {
				for _, d := range []report.Date{report.YearDate(y), report.MonthDate(y, m), report.DayDate(y, m, day), {}} {
					if got := d.String(); got != want(d) {
						t.Errorf("%#v: String() = %q, want %q", d, got, want(d))
					}
					if got := string(d.AppendText([]byte("x"))); got != "x"+want(d) {
						t.Errorf("%#v: AppendText = %q, want %q", d, got, "x"+want(d))
					}
				}
			}
		}
	}
	r := report.DayDate(2017, 10, 3)
	r.Through = 2
	if got := r.String(); got != "2017-10-03/2017-10-05" {
		t.Errorf("range: %q", got)
	}
	if got := (report.Date{Year: 2017, Precision: report.PrecisionDay + 1}).String(); got != "" {
		t.Errorf("no precision: %q", got)
	}
}
