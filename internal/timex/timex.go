// Package timex reads dates: a report's own date in the forms feeds and pages give it, and the temporal
// expressions of a report's text ("lundi", "on Sunday", "el 3 de marzo", "im Oktober", "أمس") resolved
// against that date, so that each place mention gets the date of its event. A date may be a range: "du 3
// au 5 octobre", "since June" (to the report's month), "last week" (the ISO week before the report's).
package timex

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// feedLayouts are the timestamp forms of RSS and Atom feeds and of HTTP headers.
var feedLayouts = []string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04:05 -0700", time.RFC822Z, time.RFC822, time.RFC850,
	time.ANSIC,
}

// ParseReportDate reads a report's date: ISO 8601 at any precision ("2017", "2017-11", "2017-11-16"), a
// timestamp (RFC 3339, taken as its local day; RFC 1123 or 822 from feeds), or a date written out in one of
// the supported languages ("16 November 2017", "November 16, 2017", "16. Oktober 2017", "novembre 2017").
// Impossible dates and unrecognised text are errors of kind report.Invalid.
func ParseReportDate(s string) (report.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.Trim(s[:4], "0123456789") == "" && (len(s) == 4 || s[4] == '-') {
		if len(s) > 10 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') {
			s = s[:10] // an RFC 3339 timestamp's own day, whatever its offset
		}
		d, err := report.ParseDate(s)
		if err != nil {
			return report.Date{}, fmt.Errorf("timex: report date: %w", err)
		}
		return d, nil
	}
	for _, layout := range feedLayouts {
		t, err := time.Parse(layout, s)
		if err == nil {
			return report.FromTime(t), nil
		}
		if pe := (*time.ParseError)(nil); errors.As(err, &pe) && strings.Contains(pe.Message, "out of range") {
			return report.Date{}, &report.Error{Kind: report.Invalid, Message: fmt.Sprintf("date %q: no such day", s), Err: err}
		}
	}
	if es := NewDoc(s, "", report.Date{}).Exprs(); len(es) > 0 {
		return es[0].Date, nil
	}
	return report.Date{}, report.Errorf(report.Invalid, "date %q is not a date timex can read", s)
}
