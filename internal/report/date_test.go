package report_test

import (
	"encoding/json"
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
	for _, in := range []string{"", "2017-02-30", "2023-02-29", "2017-13", "2017-00", "17-11-16", "2017/11/16", "2017-11-16-1", "abcd", "0000"} {
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
