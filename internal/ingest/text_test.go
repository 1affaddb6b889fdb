package ingest

import (
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

func TestParseText(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		want        report.Report
		err         string
	}{
		{
			name:  "date line then text",
			input: "date 2017-11-16\nLes FDS sont entrées dans Raqqa.",
			want:  report.Report{Published: report.DayDate(2017, 11, 16), Text: "Les FDS sont entrées dans Raqqa."},
		},
		{
			name:  "seed format: leading space, text on the date line",
			input: " date 2017-11 La coalition était à Raqqa.\n\nSuite à Deir ez-Zor.",
			want:  report.Report{Published: report.MonthDate(2017, 11), Text: "La coalition était à Raqqa.\n\nSuite à Deir ez-Zor."},
		},
		{
			name:  "text on the date line is text even when it looks like a header",
			input: "date 2017 source of the Nile, near Jinja.",
			want:  report.Report{Published: report.YearDate(2017), Text: "source of the Nile, near Jinja."},
		},
		{
			name:  "ISO date-time without a zone is taken as its day",
			input: "date 2021-03-04T23:10\nMontréal.",
			want:  report.Report{Published: report.DayDate(2021, 3, 4), Text: "Montréal."},
		},
		{
			name:  "year precision",
			input: "date 1999\nKosovo.",
			want:  report.Report{Published: report.YearDate(1999), Text: "Kosovo."},
		},
		{
			name:  "RFC 3339 date is taken as its day",
			input: "date 2021-03-04T23:10:00-05:00\nMontréal.",
			want:  report.Report{Published: report.DayDate(2021, 3, 4), Text: "Montréal."},
		},
		{
			name:  "all headers, tabs, colons and any case with a colon",
			input: "Title: Séisme à Al Haouz\nsource\tDépêche\nURL: https://example.org/s\nlang fr-MA\nDate: 2023-09-09\n\nLa terre a tremblé près de Marrakech.",
			want: report.Report{Title: "Séisme à Al Haouz", Source: "Dépêche", URL: "https://example.org/s", Lang: "fr",
				Published: report.DayDate(2023, 9, 9), Text: "La terre a tremblé près de Marrakech."},
		},
		{
			name:  "capitalised key without a colon is text",
			input: "Title of the regiment moved to Basra.",
			want:  report.Report{Text: "Title of the regiment moved to Basra."},
		},
		{
			name:  "date key without a date is text",
			input: "date night in Seville ended early.",
			want:  report.Report{Text: "date night in Seville ended early."},
		},
		{
			name:  "url that is not a web address ends the header",
			input: "title Homs\nurl somewhere\nThe text.",
			want:  report.Report{Title: "Homs", Text: "url somewhere\nThe text."},
		},
		{
			name:  "header lines after the text are text",
			input: "Aleppo first.\ndate 2016",
			want:  report.Report{Text: "Aleppo first.\ndate 2016"},
		},
		{
			name:  "CRLF line ends",
			input: "date 2016-12\r\ntitle Alep\r\n\r\nTexte.\r\n",
			want:  report.Report{Title: "Alep", Published: report.MonthDate(2016, 12), Text: "Texte."},
		},
		{
			name:  "impossible date names the line and the date",
			input: "title Une date\ndate 2017-02-30\nTexte.",
			err:   `line 2: date "2017-02-30": no such day`,
		},
		{
			name:  "month 13",
			input: "date 2017-13\nTexte.",
			err:   `line 1: date "2017-13": month out of range`,
		},
		{
			name:  "malformed date",
			input: "date 2017/11/02 Texte.",
			err:   `line 1: date "2017/11/02" is not YYYY, YYYY-MM or YYYY-MM-DD, nor an interval of two such dates`,
		},
		{
			name:  "empty text after the header",
			input: "date 2017\n\n",
			err:   "text is empty",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := parseText([]byte(tc.input))
			if err == nil {
				rep, err = Options{}.finish(rep)
			}
			if tc.err != "" {
				if report.ErrorKind(err) != report.Invalid || report.ErrorMessage(err) != tc.err {
					t.Fatalf("err = %v (%s), want invalid: %s", err, report.ErrorKind(err), tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.want.Hash = report.ContentHash(tc.want.Text)
			if rep.Title != tc.want.Title || rep.Source != tc.want.Source || rep.URL != tc.want.URL || rep.Lang != tc.want.Lang ||
				rep.Published != tc.want.Published || rep.Text != tc.want.Text || rep.Hash != tc.want.Hash {
				t.Errorf("got  %+v\nwant %+v", rep, tc.want)
			}
		})
	}
}

func TestLangCode(t *testing.T) {
	for in, want := range map[string]string{"fr": "fr", "EN-gb": "en", "ast": "ast", " ar ": "ar", "french": "", "f": "", "e1": "", "": ""} {
		if got := langCode(in); got != want {
			t.Errorf("langCode(%q) = %q, want %q", in, got, want)
		}
	}
}
