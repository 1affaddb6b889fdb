package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func TestPrepare(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 123, time.FixedZone("CET", 3600))
	text := "Des combattants ont atteint Markada."
	r := &report.Report{Text: text, Mentions: []report.Mention{
		{Start: 28, End: 35, SentenceEnd: len(text), Place: report.Place{Name: "Markada", Lat: 35.5, Lon: 40.9}},
		{Start: 0, End: 3, SentenceEnd: len(text)},
	}}
	got, err := report.Prepare(r, now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash != report.ContentHash(text) || got.ID != report.IDOf(got.Hash) || len(got.ID) != 16 {
		t.Errorf("hash %q id %q", got.Hash, got.ID)
	}
	if !got.Created.Equal(now) || got.Created.Location() != time.UTC {
		t.Errorf("created %v, want %v in UTC", got.Created, now)
	}
	if got.Mentions[0].Start != 0 || got.Mentions[1].Text != "Markada" || r.Mentions[0].Text != "" {
		t.Errorf("mentions %+v (the caller's %+v must not change)", got.Mentions, r.Mentions)
	}
	// The id is the content's: the same in every store, and on every run.
	if id := report.IDOf(report.ContentHash("a\r\nb")); id != report.IDOf(report.ContentHash("a\nb")) || id == report.IDOf(report.ContentHash("a")) {
		t.Errorf("IDOf does not follow the content: %q", id)
	}

	bad := map[string]report.Report{
		"no text":        {Text: " \n"},
		"offsets":        {Text: text, Mentions: []report.Mention{{Start: 30, End: 40}}},
		"sentence":       {Text: text, Mentions: []report.Mention{{Start: 0, End: 3, SentenceStart: 5, SentenceEnd: 4}}},
		"off the globe":  {Text: text, Mentions: []report.Mention{{Start: 0, End: 3, Place: report.Place{Lat: 91}}}},
		"date too late":  {Text: text, Mentions: []report.Mention{{Start: 0, End: 3, Date: report.YearDate(report.DatesEnd.Year())}}},
		"date too early": {Text: text, Mentions: []report.Mention{{Start: 0, End: 3, Date: report.YearDate(report.FirstDay.Year() - 1)}}},
	}
	for name, r := range bad {
		if _, err := report.Prepare(&r, now); report.ErrorKind(err) != report.Invalid {
			t.Errorf("%s: %v, want Invalid", name, err)
		}
	}
	ok := report.Report{Text: text, Mentions: []report.Mention{{Start: 0, End: 3, Date: report.DayDate(report.FirstDay.Year()+1, 1, 1)}}}
	if _, err := report.Prepare(&ok, now); err != nil {
		t.Errorf("a date inside the limits: %v", err)
	}
}

// TestValidID: a client's id is refused unless it is one segment of a path as it is; the ids
// Dateline makes, and those of the evaluation sets and seed files, are valid.
func TestValidID(t *testing.T) {
	valid := []string{
		report.IDOf(report.ContentHash("Floods in Mosul.")), "000_57931d506f7e5e2f.txt", "dev-afrin", "eval-1",
		"urn:report:7", "a.b~c_d-e", "x", "..a", "...", strings.Repeat("a", report.MaxIDBytes),
	}
	invalid := []string{
		"", ".", "..", strings.Repeat("a", report.MaxIDBytes+1), "a/b", "/", "../etc", `a\b`, "a b", "a?b", "a#b", "a%2Fb", "a%b",
		"a&b", "a+b", "a;b", "a=b", "a,b", "a\x00b", "a\tb", "a\nb", "<script>", `"`, "'", "é", "∕", "a\u00a0b", "Ａ",
	}
	for _, id := range valid {
		if !report.ValidID(id) {
			t.Errorf("ValidID(%q) = false, want true", id)
		}
		if _, err := report.Prepare(&report.Report{ID: id, Text: "Floods."}, time.Now()); err != nil {
			t.Errorf("Prepare with the id %q: %v", id, err)
		}
	}
	for _, id := range invalid {
		if report.ValidID(id) {
			t.Errorf("ValidID(%q) = true, want false", id)
		}
		if id == "" { // no id: Prepare gives the report its own
			continue
		}
		_, err := report.Prepare(&report.Report{ID: id, Text: "Floods."}, time.Now())
		if msg := report.ErrorMessage(err); report.ErrorKind(err) != report.Invalid || !strings.HasPrefix(msg, "id ") || !strings.Contains(msg, "letters, digits and - _ . ~ :") {
			t.Errorf("Prepare with the id %q: %v, want Invalid naming the id and the characters allowed", id, err)
		}
	}
	if _, err := report.Prepare(&report.Report{ID: strings.Repeat("/", 5000), Text: "Floods."}, time.Now()); len(report.ErrorMessage(err)) > 200 {
		t.Errorf("the message quotes a long id whole: %d bytes", len(report.ErrorMessage(err)))
	}
}

func TestCorrection(t *testing.T) {
	machine := report.Place{ID: 1, Name: "Concord", Lat: 43.2, Lon: -71.5}
	chosen := report.Place{ID: 2988507, Name: "Paris", Lat: 48.85, Lon: 2.35}
	m := report.Mention{Place: machine, Confidence: 0.4}
	report.Correction{Place: &chosen}.Apply(&m)
	if m.Place != chosen || m.Confidence != 1 || !m.Corrected || m.NotAPlace {
		t.Errorf("a chosen place: %+v", m)
	}
	m = report.Mention{Place: machine, Confidence: 0.4}
	report.Correction{}.Apply(&m)
	if m.Place != machine || !m.NotAPlace || !m.Corrected {
		t.Errorf("not a place keeps the machine's place: %+v", m)
	}
	for _, p := range []report.Place{{Name: "no id", Lat: 1, Lon: 1}, {ID: 1, Lat: 1, Lon: 181}} {
		if err := (report.Correction{Place: &p}).Check(); report.ErrorKind(err) != report.Invalid {
			t.Errorf("%+v: %v, want Invalid", p, err)
		}
	}
	if err := (report.Correction{}).Check(); err != nil {
		t.Errorf("not a place: %v", err)
	}
}

func TestAddedMention(t *testing.T) {
	text := "Le convoi a quitté Raqqa le 12 octobre. Il a atteint Markada.\nKARACHI, 29 août"
	span := func(s string) [2]int { i := strings.Index(text, s); return [2]int{i, i + len(s)} }
	first := span("Le convoi a quitté Raqqa le 12 octobre.")
	raqqa := report.Mention{Start: span("Raqqa")[0], End: span("Raqqa")[1], SentenceStart: first[0], SentenceEnd: first[1], Date: report.DayDate(2017, 10, 12)}
	r := &report.Report{Text: text, Published: report.MonthDate(2017, 11), Mentions: []report.Mention{raqqa}}
	karachi := report.Place{ID: 1174872, Name: "Karachi", Lat: 24.86, Lon: 67.01}
	add := func(s string) (report.Mention, error) {
		sp := span(s)
		return report.AddedMention(r, sp[0], sp[1], karachi)
	}

	// In a sentence with a dated mention: that sentence and its date.
	m, err := add("convoi")
	if err != nil || m.Text != "convoi" || m.SentenceStart != first[0] || m.SentenceEnd != first[1] || m.Date != raqqa.Date || !m.Corrected || m.Confidence != 1 {
		t.Errorf("in Raqqa's sentence: %+v, %v", m, err)
	}
	// In a sentence of its own: the sentence's bounds, the report's date.
	m, err = add("Markada")
	if err != nil || m.Text != "Markada" || text[m.SentenceStart:m.SentenceEnd] != "Il a atteint Markada." || m.Date != r.Published {
		t.Errorf("Markada: %+v, %v", m, err)
	}
	// A dateline on the last line.
	m, err = add("KARACHI")
	if err != nil || m.Text != "KARACHI" || text[m.SentenceStart:m.SentenceEnd] != "KARACHI, 29 août" {
		t.Errorf("KARACHI: %+v, %v", m, err)
	}
	bad := map[string][2]int{"empty": {5, 5}, "outside": {len(text) - 2, len(text) + 5}, "overlap": span("Raqqa le"),
		"blank": span(" "), "lines": span("Markada.\nKARACHI")}
	for name, sp := range bad {
		if _, err := report.AddedMention(r, sp[0], sp[1], karachi); report.ErrorKind(err) != report.Invalid {
			t.Errorf("%s span %v: %v, want Invalid", name, sp, err)
		}
	}
	if _, err := report.AddedMention(r, span("Markada")[0], span("Markada")[1], report.Place{Name: "no id"}); report.ErrorKind(err) != report.Invalid {
		t.Errorf("a place without an id: %v", err)
	}
}

func TestPrepareRefusesURLsThatAreNotWebAddresses(t *testing.T) {
	for _, u := range []string{"javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "//evil.example/x", "news.example/a", "http://"} {
		if _, err := report.Prepare(&report.Report{Text: "Floods.", URL: u}, time.Now()); report.ErrorKind(err) != report.Invalid {
			t.Errorf("url %q: %v, want Invalid", u, err)
		}
	}
	for _, u := range []string{"", "https://news.example/a?b=c", "http://news.example"} {
		if _, err := report.Prepare(&report.Report{Text: "Floods.", URL: u}, time.Now()); err != nil {
			t.Errorf("url %q: %v", u, err)
		}
	}
}
