package timex

import (
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

func TestParseReportDate(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"ISO year", "2017", "2017"},
		{"ISO month", "2017-11", "2017-11"},
		{"ISO day", " 2017-11-16 ", "2017-11-16"},
		{"RFC 3339 keeps its own day", "2017-11-16T23:30:00-05:00", "2017-11-16"},
		{"RFC 3339 UTC", "2017-11-16T08:00:00Z", "2017-11-16"},
		{"ISO with time", "2017-11-16 08:00", "2017-11-16"},
		{"RFC 1123", "Thu, 16 Nov 2017 14:05:00 GMT", "2017-11-16"},
		{"RFC 1123 numeric zone", "Thu, 16 Nov 2017 14:05:00 +0100", "2017-11-16"},
		{"RFC 822 one-digit day", "Sat, 4 Nov 2017 09:00:00 -0500", "2017-11-04"},
		{"English day month year", "16 November 2017", "2017-11-16"},
		{"English month day year", "November 16, 2017", "2017-11-16"},
		{"English abbreviated", "Nov. 16, 2017", "2017-11-16"},
		{"French", "16 novembre 2017", "2017-11-16"},
		{"French with weekday", "jeudi 16 novembre 2017", "2017-11-16"},
		{"French first of month", "1er novembre 2017", "2017-11-01"},
		{"German", "16. Oktober 2017", "2017-10-16"},
		{"Spanish", "16 de noviembre de 2017", "2017-11-16"},
		{"Italian", "16 novembre 2017", "2017-11-16"},
		{"Portuguese", "16 de novembro de 2017", "2017-11-16"},
		{"Arabic Levantine month", "16 تشرين الثاني 2017", "2017-11-16"},
		{"Arabic Egyptian month with Arabic digits", "١٦ نوفمبر ٢٠١٧", "2017-11-16"},
		{"month and year", "novembre 2017", "2017-11"},
		{"numeric day first", "16/11/2017", "2017-11-16"},
		{"numeric German", "16.11.2017", "2017-11-16"},
		{"numeric year first with slashes", "2017/11/16", "2017-11-16"},
		{"page byline", "Publié le 16 novembre 2017 à 14h05", "2017-11-16"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseReportDate(c.in)
			if err != nil {
				t.Fatalf("ParseReportDate(%q): %v", c.in, err)
			}
			if got.String() != c.want {
				t.Errorf("ParseReportDate(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func TestParseReportDateInvalid(t *testing.T) {
	for _, c := range []struct{ name, in string }{
		{"empty", ""},
		{"ISO impossible day", "2017-02-30"},
		{"ISO impossible month", "2017-13"},
		{"RFC 1123 impossible day", "Thu, 31 Nov 2017 14:05:00 GMT"},
		{"written impossible day", "31 novembre 2017"},
		{"no date", "hello world"},
		{"relative day without a report date", "hier"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := ParseReportDate(c.in)
			if err == nil {
				t.Fatalf("ParseReportDate(%q) = %s, want an error", c.in, d)
			}
			if k := report.ErrorKind(err); k != report.Invalid {
				t.Errorf("ParseReportDate(%q): error kind %q, want %q (%v)", c.in, k, report.Invalid, err)
			}
		})
	}
}
