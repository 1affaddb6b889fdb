package ingest

import (
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"golang.org/x/net/html"
)

func TestMarkupDate(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       report.Date
	}{
		{"article:published_time with a zone without colon", `<meta property="article:published_time" content="2018-01-24T23:30:00+0100">`, report.DayDate(2018, 1, 24)},
		{"article:published_time as a name", `<meta name="article:published_time" content="2018-01">`, report.MonthDate(2018, 1)},
		{"JSON-LD object", `<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-02-03 10:00"}</script>`, report.DayDate(2019, 2, 3)},
		{"JSON-LD array", `<script type="application/ld+json">[{"@type": "Person"}, {"datePublished": "2019"}]</script>`, report.YearDate(2019)},
		{"time datetime", `<time datetime="2020-06-30">30 June</time>`, report.DayDate(2020, 6, 30)},
		{"meta before JSON-LD before time", `<time datetime="2020-06-30"></time><script type="application/ld+json">{"datePublished": "2019-01-01"}</script><meta property="article:published_time" content="2018-05-05">`, report.DayDate(2018, 5, 5)},
		{"bad dates are passed over", `<meta property="article:published_time" content="yesterday"><script type="application/ld+json">{oops</script><time datetime="2017-02-30"></time><time datetime="2017-03-01"></time>`, report.DayDate(2017, 3, 1)},
		{"nothing", `<time>today</time>`, report.Date{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><head>" + tc.head + "</head><body></body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := markupDate(doc); got != tc.want {
				t.Errorf("markupDate = %v (%s), want %v (%s)", got, got.Precision, tc.want, tc.want.Precision)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"paragraphs on lines", "<p>Uno en  Lima.</p>\n<p>Dos\nen Cusco.</p>", "Uno en Lima.\nDos en Cusco."},
		{"inline tags keep words whole", "<p>Ba<b>gh</b>dad &amp; <a href=x>Basra</a></p>", "Baghdad & Basra"},
		{"script and style dropped", "<style>p{}</style>Kabul<script>alert('Herat')</script><br>Kandahar", "Kabul\nKandahar"},
		{"plain text", "Just words, Tunis.", "Just words, Tunis."},
		{"broken markup", "<p>Open <b>Tripoli", "Open Tripoli"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlText(tc.in); got != tc.want {
				t.Errorf("htmlText = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestFeedDate(t *testing.T) {
	utc := time.Date(2018, 3, 7, 4, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, raw string
		want      report.Date
	}{
		{"RSS date keeps its own zone", "Tue, 06 Mar 2018 23:30:00 -0500", report.DayDate(2018, 3, 6)},
		{"one-digit day and zone name", "Tue, 6 Mar 2018 23:30:00 EST", report.DayDate(2018, 3, 6)},
		{"Atom date keeps its own zone", "2018-03-06T23:30:00-05:00", report.DayDate(2018, 3, 6)},
		{"other layouts fall back to gofeed's UTC time", "06/03/2018 23:30", report.DayDate(2018, 3, 7)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := feedDate(tc.raw, utc); got != tc.want {
				t.Errorf("feedDate = %v, want %v", got, tc.want)
			}
		})
	}
}
