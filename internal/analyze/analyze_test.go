package analyze_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/analyze"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb/geojson"
)

// loadAnalyzer loads the embedded gazetteer once for all the tests (an Analyzer is safe for concurrent use).
var loadAnalyzer = sync.OnceValues(func() (*analyze.Analyzer, error) {
	gz, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		return nil, err
	}
	return analyze.New(geoparse.New(gz, geoparse.Options{})), nil
})

func newAnalyzer(t *testing.T) *analyze.Analyzer {
	t.Helper()
	a, err := loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestJSONLContract checks the `geoparse --jsonl` contract of ../shared/eval/README.md: one line out per
// line in, in order, the input's id as a top-level member, code point offsets, event dates.
func TestJSONLContract(t *testing.T) {
	a := newAnalyzer(t)
	in := strings.Join([]string{
		`{"id": "b", "date": "2013-01-28", "text": "Les soldats français sont entrés lundi dans Tombouctou, après avoir repris Gao samedi."}`,
		``,
		`{"id": 7, "date": "2017-10-20", "text": "أعلنت القوات السيطرة على مدينة الرقة."}`,
		`{"id": "gold", "date": "2017-11", "text": "engagée au Levant", "mentions": [{"start": 11, "end": 17}]}`,
	}, "\n")
	var out bytes.Buffer
	if err := a.JSONL(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 3 {
		t.Fatalf("%d lines out, want 3 (a blank line in gives none)", len(lines))
	}
	type want struct {
		id    string
		texts []string
		dates []string
	}
	wants := []want{
		{`"b"`, []string{"Tombouctou", "Gao"}, []string{"2013-01-28", "2013-01-26"}},
		{`7`, []string{"الرقة"}, []string{"2017-10-20"}},
		{`"gold"`, []string{"Levant"}, []string{"2017-11"}},
	}
	texts := []string{
		"Les soldats français sont entrés lundi dans Tombouctou, après avoir repris Gao samedi.",
		"أعلنت القوات السيطرة على مدينة الرقة.",
		"engagée au Levant",
	}
	for i, line := range lines {
		var head struct{ ID json.RawMessage }
		if err := json.Unmarshal([]byte(line), &head); err != nil || string(head.ID) != wants[i].id {
			t.Errorf("line %d: id %s, want %s (%v)", i, head.ID, wants[i].id, err)
		}
		fc, err := geojson.UnmarshalFeatureCollection([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		if len(fc.Features) != len(wants[i].texts) {
			t.Fatalf("line %d: %d features, want %d", i, len(fc.Features), len(wants[i].texts))
		}
		runes := []rune(texts[i])
		for k, f := range fc.Features {
			start, end := int(f.Properties.MustFloat64("start")), int(f.Properties.MustFloat64("end"))
			if got := string(runes[start:end]); got != wants[i].texts[k] {
				t.Errorf("line %d feature %d: code points %d:%d are %q, want %q", i, k, start, end, got, wants[i].texts[k])
			}
			if d := f.Properties.MustString("date", ""); d != wants[i].dates[k] {
				t.Errorf("line %d feature %d: date %q, want %q", i, k, d, wants[i].dates[k])
			}
		}
	}
}

func TestJSONLRejectsBadLines(t *testing.T) {
	a := newAnalyzer(t)
	for name, in := range map[string]string{
		"not JSON":        `{"id": 1, "text": `,
		"impossible date": `{"id": 1, "date": "2017-02-30", "text": "Raqqa"}`,
		"line over limit": `{"id": 1, "text": "` + strings.Repeat("a", analyze.MaxLineBytes) + `"}`,
	} {
		t.Run(name, func(t *testing.T) {
			err := a.JSONL(strings.NewReader(in), &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), "line 1") {
				t.Fatalf("error %v, want one naming line 1", err)
			}
		})
	}
}

func TestReportSentences(t *testing.T) {
	a := newAnalyzer(t)
	r := &report.Report{Text: "Les combats ont cessé. Samedi 14 octobre, l'armée est entrée à Al-Mayadine.",
		Published: report.DayDate(2017, 10, 15)}
	a.Report(r)
	if r.Lang != "fr" || len(r.Mentions) != 1 {
		t.Fatalf("lang %q, mentions %+v", r.Lang, r.Mentions)
	}
	m := r.Mentions[0]
	if got := r.Text[m.SentenceStart:m.SentenceEnd]; !strings.HasPrefix(got, "Samedi 14 octobre") || !strings.Contains(got, "Al-Mayadine") {
		t.Errorf("sentence %q", got)
	}
	if m.Date.String() != "2017-10-14" || m.Place.CountryCode != "SY" {
		t.Errorf("date %s, country %s", m.Date, m.Place.CountryCode)
	}
}
