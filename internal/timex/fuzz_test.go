package timex

import (
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

func FuzzDoc(f *testing.F) {
	f.Add("Les soldats sont entrés lundi dans Tombouctou, après avoir repris Gao samedi.", "fr", "2013-01-28")
	f.Add("On Nov. 16, 2017 the U.S. Army reached Mosul; yesterday, Sunday's vote.", "", "2017-11")
	f.Add("Am 14. Oktober 2017, gestern, heute Morgen.\n\nSonntagabend", "de", "2017")
	f.Add("سيطرت القوات يوم الأحد في ١٢ تشرين الأول/أكتوبر ٢٠١٧ على الرقة؟ أمس", "ar", "2017-10-20")
	f.Add("12/10/2017 2017-02-30 31 novembre 29 de febrero hier", "", "0001-01-01")
	f.Add("du 3 au 5 octobre, depuis juin; from 28 September to 2 October, last week, vom 3. bis 5. Oktober", "", "2017-11-16")
	f.Fuzz(func(t *testing.T, text, lang, refText string) {
		ref, err := report.ParseDate(refText)
		if err != nil {
			ref = report.Date{}
		}
		d := NewDoc(text, lang, ref)
		boundary := make(map[int]bool, len(text)+1)
		for i := range text {
			boundary[i] = true
		}
		boundary[len(text)] = true
		prev := 0
		dates := map[report.Date]bool{ref: true}
		for _, e := range d.Exprs() {
			dates[e.Date] = true
			if e.Start < prev || e.Start > e.End || e.End > len(text) {
				t.Fatalf("expr %q at [%d, %d) out of order or range (previous end %d, len %d)", e.Text, e.Start, e.End, prev, len(text))
			}
			if !boundary[e.Start] || !boundary[e.End] {
				t.Fatalf("expr %q at [%d, %d) splits a rune", e.Text, e.Start, e.End)
			}
			if e.Text != text[e.Start:e.End] {
				t.Fatalf("expr text %q, want %q", e.Text, text[e.Start:e.End])
			}
			if back, err := report.ParseDate(e.Date.String()); err != nil || back != e.Date {
				t.Fatalf("expr %q: date %+v does not read back: %v", e.Text, e.Date, err)
			}
			prev = e.End
		}
		for _, pos := range []int{-1, 0, len(text) / 2, len(text), len(text) + 1} {
			if s, e := d.Sentence(pos); s < 0 || s > e || e > len(text) {
				t.Fatalf("Sentence(%d) = [%d, %d), len %d", pos, s, e, len(text))
			}
			for _, end := range []int{pos - 1, pos, pos + 3, len(text)} {
				if got := d.DateFor(pos, end); !dates[got] {
					t.Fatalf("DateFor(%d, %d) = %s, neither the report date nor an expression's", pos, end, got)
				}
			}
		}
	})
}
