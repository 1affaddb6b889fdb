package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
)

// sameAround checks that ReadAround answers Sentence and DateFor for every mention of ms as Read does,
// and returns how many tokens each read.
func sameAround(t *testing.T, name, text, lang string, ref report.Date, ms []report.Mention) (around, whole int) {
	t.Helper()
	full, part := NewDoc(text, lang, ref), new(Doc)
	part.ReadAround(text, lang, ref, ms)
	for _, m := range ms {
		fs, fe := full.Sentence(m.Start)
		ps, pe := part.Sentence(m.Start)
		if fs != ps || fe != pe {
			t.Fatalf("%s: mention %q at %d: sentence [%d, %d) after ReadAround, [%d, %d) after Read",
				name, text[m.Start:m.End], m.Start, ps, pe, fs, fe)
		}
		if got, want := part.DateFor(m.Start, m.End), full.DateFor(m.Start, m.End); got != want {
			t.Fatalf("%s: mention %q at %d: date %s after ReadAround, %s after Read", name, text[m.Start:m.End], m.Start, got, want)
		}
	}
	return len(part.toks), len(full.toks)
}

// capitalised returns a mention for every capitalised word of text whose index, counting from 0, is
// a multiple of every (1: all of them): place names are capitalised, and few in a text.
func capitalised(text string, every int) []report.Mention {
	var ms []report.Mention
	n := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += s2
		}
		if unicode.IsUpper(r) {
			if n%every == 0 {
				ms = append(ms, report.Mention{Start: i, End: j})
			}
			n++
		}
		i = j
	}
	return ms
}

// corpus is the dev set's and the held-out set's texts with their language and date, and the demo
// reports in English, French and German.
func corpus(t *testing.T) []goldReport {
	t.Helper()
	rs := append(loadGold(t), readGold(t, "../../testdata/eval/holdout.gold.jsonl")...)
	files, err := filepath.Glob("../demo/reports/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no demo reports")
	}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lang := strings.TrimSuffix(filepath.Base(path), ".txt")
		lang = lang[strings.LastIndexByte(lang, '_')+1:]
		rs = append(rs, goldReport{ID: path, Lang: lang, Date: "2017-11-03", Text: string(b)})
	}
	return rs
}

// TestReadAroundAsRead checks ReadAround against Read on real reports in seven languages: the gold
// toponyms, every capitalised word, and every third and seventh, which leave most sentences unread.
func TestReadAroundAsRead(t *testing.T) {
	around, whole := 0, 0
	for _, r := range corpus(t) {
		ref, err := ParseReportDate(r.Date)
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		offs := byteOffsets(r.Text)
		var gold []report.Mention
		for _, g := range r.Toponyms {
			gold = append(gold, report.Mention{Start: offs[g.Start], End: offs[g.End]})
		}
		for _, ms := range [][]report.Mention{gold, capitalised(r.Text, 1), capitalised(r.Text, 3), capitalised(r.Text, 7)} {
			a, w := sameAround(t, r.ID, r.Text, r.Lang, ref, ms)
			around, whole = around+a, whole+w
		}
	}
	t.Logf("ReadAround read %d tokens where Read read %d", around, whole)
	if around >= whole*9/10 {
		t.Errorf("ReadAround read %d tokens of %d: it should pass most sentences without a mention by", around, whole)
	}
}

// TestReadAroundCases checks what the rest of a text may change: a day the text gave before "the day
// after" in a sentence with no mention, a text without a language, mentions out of order, a mention
// across a sentence end.
func TestReadAroundCases(t *testing.T) {
	ref := report.DayDate(2017, 3, 10)
	for _, c := range []struct {
		text, lang, mention string
	}{
		{"Les combats ont repris le 3 mars. Le lendemain, les troupes ont atteint Gao.", "fr", "Gao"},
		{"Fighting resumed on March 3 near the river. The next day, troops reached Gao.", "en", "Gao"},
		{"Fighting resumed on March 3 near the river. Troops reached Gao on Sunday. Nobody came.", "", "Gao"},
		{"The convoy left Raqqa on Tuesday at dawn. It reached Markada later. Then Abu Kamal.", "en", "Raqqa"},
		{"They drove to Fort Worth. Its mayor spoke on Monday.", "en", "Worth. Its"},
		{`Fighting resumed on March 3 near the river." "We left Gao on Monday," she said.`, "en", "Gao"},
		{"Fighting resumed near the river. 2017 was calm in Gao until Monday. Nov. 2016 was not.", "en", "Gao"},
		{"Les combats ont repris le 3 mars.” « Nous avons quitté Gao lundi. » Puis Kidal.", "fr", "Kidal"},
	} {
		i := strings.Index(c.text, c.mention)
		ms := []report.Mention{{Start: i, End: i + len(c.mention)}}
		sameAround(t, c.text, c.text, c.lang, ref, ms)
		all := capitalised(c.text, 1)
		for k := range len(all) / 2 { // out of order: ReadAround reads the whole text
			all[k], all[len(all)-1-k] = all[len(all)-1-k], all[k]
		}
		sameAround(t, c.text, c.text, c.lang, ref, all)
	}
	d := new(Doc)
	text := "Les combats ont repris le 3 mars. Le lendemain, les troupes ont atteint Gao."
	i := strings.Index(text, "Gao")
	d.ReadAround(text, "fr", ref, []report.Mention{{Start: i, End: i + 3}})
	if got := d.DateFor(i, i+3); got != report.DayDate(2017, 3, 4) {
		t.Errorf("le lendemain of 3 March in a sentence without a mention: %s, want 2017-03-04", got)
	}
}

func FuzzReadAround(f *testing.F) {
	f.Add("Les soldats sont entrés lundi dans Tombouctou. Après avoir repris Gao samedi. Le lendemain, Kidal.", "fr", "2013-01-28", uint64(5))
	f.Add("On Nov. 16, 2017 the U.S. Army reached Mosul. Its mayor left. Yesterday, Sunday's vote in Erbil.", "en", "2017-11", uint64(0xff))
	f.Add("Am 14. Oktober 2017 in Berlin. Gestern, heute Morgen in Bonn.\n\nSonntagabend. Dann Köln.", "de", "2017", uint64(3))
	f.Add("Dr. Smith went to Paris. St. Louis is far. Fighting in Ft. Worth. The next day, Dallas.", "en", "2017-11-16", uint64(6))
	f.Add(`He left in Mar. 2017 for Gao." "In Kidal. 3 May. Then Mopti," said Ag. “Bamako” on Monday last.`, "en", "2017-11-16", uint64(0x2d))
	f.Fuzz(func(t *testing.T, text, lang, refText string, pick uint64) {
		ref, err := report.ParseDate(refText)
		if err != nil {
			ref = report.Date{}
		}
		var ms []report.Mention
		for k, m := range capitalised(text, 1) {
			if pick>>(k%64)&1 != 0 {
				ms = append(ms, m)
			}
		}
		sameAround(t, "fuzz", text, lang, ref, ms)
	})
}
