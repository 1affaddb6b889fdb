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
	"github.com/paulmach/orb"
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

func newAnalyzer(t testing.TB) *analyze.Analyzer {
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

// TestJSONLFeatures checks the features of `geoparse --jsonl` parsed back with orb/geojson: the members
// of a mention's properties, "alternatives" always an array, "date" only when there is one; and that the
// line is, byte for byte, what json.Marshal writes for geoparse.FeatureCollection.
func TestJSONLFeatures(t *testing.T) {
	a := newAnalyzer(t)
	in := []struct{ id, date, text string }{
		{`"dated"`, "2017-10-20", "Les FDS ont pris Raqqa vendredi. La France et le Royaume-Uni ont salué <la> « victoire »."},
		{`3`, "", "Shelling hit Douma & Damascus.\u2028Paris, Texas, was quiet."},
	}
	var sb strings.Builder
	for _, r := range in {
		line, err := json.Marshal(map[string]any{"id": json.RawMessage(r.id), "date": r.date, "text": r.text})
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(append(line, '\n'))
	}
	sb.WriteString(`{"text": "Raqqa"}` + "\n") // no id: no id and no lang
	var out bytes.Buffer
	if err := a.JSONL(strings.NewReader(sb.String()), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines out, want 3", len(lines))
	}
	members := map[string]bool{"admin1": true, "alternatives": true, "confidence": true, "country_code": true,
		"date": true, "date_precision": true, "end": true, "feature_code": true, "geonameid": true, "kind": true,
		"name": true, "population": true, "start": true, "text": true}
	for i, r := range in {
		fc, err := geojson.UnmarshalFeatureCollection([]byte(lines[i]))
		if err != nil {
			t.Fatal(err)
		}
		if lang, _ := fc.ExtraMembers["lang"].(string); string(mustJSON(t, fc.ExtraMembers["id"])) != r.id || lang == "" {
			t.Errorf("line %d: id %v, lang %v", i, fc.ExtraMembers["id"], fc.ExtraMembers["lang"])
		}
		if len(fc.Features) < 2 {
			t.Fatalf("line %d: %d features, want 2 or more", i, len(fc.Features))
		}
		for _, f := range fc.Features {
			p := f.Properties
			for name := range p {
				if !members[name] {
					t.Errorf("line %d: %s has a member %q", i, p["text"], name)
				}
			}
			if runes, start, end := []rune(r.text), int(p.MustFloat64("start")), int(p.MustFloat64("end")); start < 0 ||
				start > end || end > len(runes) || string(runes[start:end]) != p["text"] || p["name"] == "" {
				t.Errorf("line %d: %s at %d-%d named %v does not match the text", i, p["text"], start, end, p["name"])
			}
			if _, ok := p["alternatives"].([]any); !ok {
				t.Errorf("line %d: %s: alternatives %#v, want an array", i, p["text"], p["alternatives"])
			}
			if _, ok := p["admin1"].(string); !ok {
				t.Errorf("line %d: %s: admin1 %#v, want a string", i, p["text"], p["admin1"])
			}
			if _, dated := p["date"]; dated != (r.date != "") || dated != (p["date_precision"] != nil) {
				t.Errorf("line %d: %s: date %v (%v), report date %q", i, p["text"], p["date"], p["date_precision"], r.date)
			}
			if _, ok := f.Geometry.(orb.Point); !ok || p.MustFloat64("confidence") <= 0 || p.MustFloat64("geonameid") <= 0 {
				t.Errorf("line %d: %s: geometry %T, properties %v", i, p["text"], f.Geometry, p)
			}
		}
	}
	// The same lines by reflection over the orb types.
	for i, r := range append(in, struct{ id, date, text string }{"", "", "Raqqa"}) {
		rep := &report.Report{Text: r.text}
		if r.date != "" {
			rep.Published, _ = report.ParseDate(r.date)
		}
		a.Report(rep)
		fc := geoparse.FeatureCollection(rep.Text, rep.Mentions)
		if r.id != "" {
			fc.ExtraMembers = geojson.Properties{"id": json.RawMessage(r.id), "lang": rep.Lang}
		}
		if want := mustJSON(t, fc); string(want) != lines[i] {
			t.Errorf("line %d:\n%s\njson.Marshal writes\n%s", i, lines[i], want)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
