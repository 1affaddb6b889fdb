package views_test

import (
	"testing"

	"github.com/datelinehq/dateline/views"
)

func TestLocaleDate(t *testing.T) {
	en, fr := views.Locale{Lang: "en"}, views.Locale{Lang: "fr"}
	for _, tt := range []struct {
		name     string
		l        views.Locale
		iso      string
		want     string
		wantDays string
	}{
		{"English day", en, "2017-11-16", "16 November 2017", "2 events"},
		{"French day", fr, "2017-11-16", "16 novembre 2017", "2 événements"},
		{"French first of the month", fr, "2017-11-01", "1er novembre 2017", ""},
		{"English month", en, "2017-11", "November 2017", ""},
		{"French month", fr, "2017-11", "novembre 2017", ""},
		{"a year", fr, "2017", "2017", ""},
		{"English undated", en, "", "undated", ""},
		{"French undated", fr, "", "sans date", ""},
		{"not a date is left alone", fr, "2017-02-30", "2017-02-30", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Date(tt.iso); got != tt.want {
				t.Errorf("Date(%q) = %q, want %q", tt.iso, got, tt.want)
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
