package geoeval_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/analyze"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/geoeval"
	"github.com/datelinehq/dateline/internal/geoparse"
)

// evalDir is ../shared/eval beside the repository, as on the developers' machines and in CI.
const evalDir = "../../../shared/eval"

func ptr(f float64) *float64 { return &f }

func TestScoreCounts(t *testing.T) {
	gold := []geoeval.GoldDoc{{ID: "d", Lang: "fr", Text: "à Raqqa et en Syrie près du Levant, lundi à Gao", Toponyms: []geoeval.Toponym{
		{Start: 2, End: 7, Name: "Raqqa", Kind: "place", Lat: ptr(35.95), Lon: ptr(39.01), CC: "SY", Date: "2017-11"},
		{Start: 14, End: 19, Name: "Syrie", Kind: "country", CC: "SY"},
		{Start: 28, End: 34, Name: "Levant", Kind: "optional"},
		{Start: 44, End: 47, Name: "Gao", Kind: "place", Lat: ptr(16.27), Lon: ptr(-0.04), CC: "ML", Date: "2013-01-26"},
	}}}
	preds := map[string][]geoeval.Pred{"d": {
		{Start: 2, End: 7, Lat: 35.9, Lon: 39.0, HasPoint: true, CC: "SY", Date: "2017-11-13"}, // right, date inside
		{Start: 14, End: 19, Lat: 33, Lon: 44, HasPoint: true, CC: "IQ"},                       // found, wrong country
		{Start: 28, End: 34, HasPoint: true, CC: ""},                                           // optional: not counted
		{Start: 36, End: 41, HasPoint: true, CC: "FR"},                                         // "lundi": a false positive
		{Start: 44, End: 47, Lat: 20, Lon: 10, HasPoint: true, CC: "ML", Date: "2013-01-28"},   // 1,200 km away, wrong date
	}}
	res := geoeval.Score(gold, preds)
	want := geoeval.Counts{Gold: 3, Pred: 4, Match: 3, Correct: 1, Dated: 2, DateOK: 1}
	if res.Counts != want {
		t.Fatalf("counts %+v, want %+v", res.Counts, want)
	}
	if math.Abs(res.Strict.P-0.25) > 1e-9 || math.Abs(res.Strict.R-1.0/3) > 1e-9 {
		t.Errorf("strict %+v, want P 0.25 R 0.333", res.Strict)
	}
	if len(res.Misses) != 4 {
		t.Errorf("misses %v, want 4 (wrong country, false positive, distance, date)", res.Misses)
	}
	if got := res.ByLangCounts["fr"]; got != want {
		t.Errorf("counts for fr %+v, want %+v (the dates too)", got, want)
	}
}

// TestScoreJSON: `dateline eval --json` writes a score with no distance to tell (no place matched) as
// null, not an error, and leaves the misses out.
func TestScoreJSON(t *testing.T) {
	gold := []geoeval.GoldDoc{{ID: "d", Lang: "en", Text: "Nothing here.", Toponyms: nil}}
	b, err := json.Marshal(geoeval.Score(gold, nil))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if v, ok := got["MedianKm"]; !ok || v != nil {
		t.Errorf("MedianKm %v (present %v), want null: %s", v, ok, b)
	}
	if _, ok := got["Misses"]; ok {
		t.Errorf("misses written: %s", b)
	}
}

func loadDev(t *testing.T) []geoeval.GoldDoc {
	t.Helper()
	f, err := os.Open(filepath.Join(evalDir, "dev.gold.jsonl"))
	if err != nil {
		t.Skipf("no dev set beside the repository: %v", err)
	}
	defer f.Close()
	gold, err := geoeval.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

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

// TestDevSetBars runs the real parser on the development set and holds it to the project's bars.
func TestDevSetBars(t *testing.T) {
	gold := loadDev(t)
	preds, err := geoeval.Predict(newAnalyzer(t), gold)
	if err != nil {
		t.Fatal(err)
	}
	res := geoeval.Score(gold, preds)
	var out bytes.Buffer
	res.Write(&out, true)
	t.Logf("dev set:\n%s", out.String())
	if res.Strict.F1 < 0.90 {
		t.Errorf("strict F1 %.3f < 0.90", res.Strict.F1)
	}
	if res.Recognition.P < 0.90 {
		t.Errorf("recognition precision %.3f < 0.90", res.Recognition.P)
	}
	if res.DateAcc < 0.90 {
		t.Errorf("date accuracy %.3f < 0.90", res.DateAcc)
	}
}

// TestHoldoutSet scores the held-out set written independently of the parser (testdata/eval): a guard
// against gains that only the development set shows. Its bar is below the dev set's.
func TestHoldoutSet(t *testing.T) {
	f, err := os.Open("../../testdata/eval/holdout.gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := geoeval.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	preds, err := geoeval.Predict(newAnalyzer(t), gold)
	if err != nil {
		t.Fatal(err)
	}
	res := geoeval.Score(gold, preds)
	var out bytes.Buffer
	res.Write(&out, false)
	t.Logf("held-out set:\n%s", out.String())
	if res.Strict.F1 < 0.90 || res.DateAcc < 0.90 {
		t.Errorf("held-out strict F1 %.3f, dates %.3f: below 0.90", res.Strict.F1, res.DateAcc)
	}
}

// TestAgreesWithScorePy checks this implementation against the project's scorer on the same predictions.
func TestAgreesWithScorePy(t *testing.T) {
	gold := loadDev(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	// Predictions with misses of every kind: the real parser's, with every other feature moved.
	preds, err := geoeval.Predict(newAnalyzer(t), gold)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, d := range gold {
		feats := []map[string]any{}
		for i, p := range preds[d.ID] {
			lon, lat, cc := p.Lon, p.Lat, p.CC
			if i%3 == 1 {
				lon, lat, cc = lon+3, lat+1, "ZZ"
			}
			if i%5 == 2 {
				p.Start, p.End = p.Start+40, p.End+45
			}
			feats = append(feats, map[string]any{"type": "Feature",
				"geometry":   map[string]any{"type": "Point", "coordinates": []float64{lon, lat}},
				"properties": map[string]any{"start": p.Start, "end": p.End, "country_code": cc, "date": p.Date}})
		}
		b, _ := json.Marshal(map[string]any{"type": "FeatureCollection", "id": d.ID, "features": feats})
		lines = append(lines, string(b))
	}
	predPath := filepath.Join(t.TempDir(), "pred.jsonl")
	if err := os.WriteFile(predPath, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, filepath.Join(evalDir, "score.py"), filepath.Join(evalDir, "dev.gold.jsonl"), predPath, "--json").Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	var want struct {
		Recognition struct{ P, R, F1 float64 }
		Strict      struct{ P, R, F1 float64 }
		Acc         float64 `json:"resolution_acc161"`
		AUC         float64 `json:"auc"`
		DateAcc     float64 `json:"date_acc"`
	}
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(predPath)
	defer f.Close()
	ps, err := geoeval.ReadPreds(f)
	if err != nil {
		t.Fatal(err)
	}
	got := geoeval.Score(gold, ps)
	pairs := []struct {
		name      string
		got, want float64
	}{
		{"recognition P", got.Recognition.P, want.Recognition.P}, {"recognition R", got.Recognition.R, want.Recognition.R},
		{"strict F1", got.Strict.F1, want.Strict.F1}, {"acc161", got.Acc161, want.Acc},
		{"AUC", got.AUC, want.AUC}, {"date acc", got.DateAcc, want.DateAcc},
	}
	for _, p := range pairs {
		if math.Abs(p.got-p.want) > 1e-6 {
			t.Errorf("%s: Go %.6f, score.py %.6f", p.name, p.got, p.want)
		}
	}
	if got.Strict.F1 > 0.9 {
		t.Errorf("the perturbed predictions score %.3f: the perturbation did nothing", got.Strict.F1)
	}
}
