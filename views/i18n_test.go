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
