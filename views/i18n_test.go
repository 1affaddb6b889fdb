package views_test

import (
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/views"
)

func TestLocaleDate(t *testing.T) {
	en, fr := views.Locale{Lang: "en"}, views.Locale{Lang: "fr"}
	for _, tt := range []struct {
		name     string
		l        views.Locale
		date     report.Date
		want     string
		wantDays string
	}{
		{"English day", en, report.DayDate(2017, 11, 16), "16 November 2017", "2 events"},
		{"French day", fr, report.DayDate(2017, 11, 16), "16 novembre 2017", "2 événements"},
		{"French first of the month", fr, report.DayDate(2017, 11, 1), "1er novembre 2017", ""},
		{"English month", en, report.MonthDate(2017, 11), "November 2017", ""},
		{"French month", fr, report.MonthDate(2017, 11), "novembre 2017", ""},
		{"a year", fr, report.YearDate(2017), "2017", ""},
		{"English undated", en, report.Date{}, "undated", ""},
		{"French undated", fr, report.Date{}, "sans date", ""},
		{"English days", en, mustRange(t, "2017-10-03/2017-10-05"), "3–5 October 2017", ""},
		{"French days", fr, mustRange(t, "2017-10-01/2017-10-05"), "du 1er au 5 octobre 2017", ""},
		{"English days across months", en, mustRange(t, "2017-09-28/2017-10-02"), "28 September – 2 October 2017", ""},
		{"French days across months", fr, mustRange(t, "2017-09-28/2017-10-02"), "du 28 septembre au 2 octobre 2017", ""},
		{"English days across years", en, mustRange(t, "2016-12-28/2017-01-02"), "28 December 2016 – 2 January 2017", ""},
		{"French days across years", fr, mustRange(t, "2016-12-28/2017-01-02"), "du 28 décembre 2016 au 2 janvier 2017", ""},
		{"English months", en, mustRange(t, "2017-06/2017-11"), "June–November 2017", ""},
		{"French months", fr, mustRange(t, "2017-06/2017-11"), "de juin à novembre 2017", ""},
		{"French months from a vowel", fr, mustRange(t, "2017-04/2017-11"), "d’avril à novembre 2017", ""},
		{"English months across years", en, mustRange(t, "2016-12/2017-02"), "December 2016 – February 2017", ""},
		{"French months across years", fr, mustRange(t, "2016-12/2017-02"), "de décembre 2016 à février 2017", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Date(tt.date); got != tt.want {
				t.Errorf("Date(%v) = %q, want %q", tt.date, got, tt.want)
			}
			if tt.wantDays != "" && tt.l.Events(2) != tt.wantDays {
				t.Errorf("Events(2) = %q, want %q", tt.l.Events(2), tt.wantDays)
			}
		})
	}
	for _, tt := range []struct {
		l    views.Locale
		n    int
		want string
	}{{en, 0, "0 events"}, {en, 1, "1 event"}, {fr, 0, "0 événement"}, {fr, 1, "1 événement"}, {fr, 12, "12 événements"}} {
		if got := tt.l.Events(tt.n); got != tt.want {
			t.Errorf("%s: Events(%d) = %q, want %q", tt.l.Lang, tt.n, got, tt.want)
		}
	}
	if got := fr.T("a message without a translation"); got != "a message without a translation" {
		t.Errorf("an untranslated message became %q", got)
	}
}

func mustRange(t *testing.T, s string) report.Date {
	t.Helper()
	d, err := report.ParseDate(s)
	if err != nil || !d.IsRange() {
		t.Fatalf("ParseDate(%q) = %v, %v; want a range", s, d, err)
	}
	return d
}
