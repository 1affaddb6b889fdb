package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
)

// The synthetic corpus is the one internal/sqlite's benchmarks build (same generator, same seed):
// reports of three mentions each, of 20,000 places spread over the world between latitudes -60
// and 70, dated 2015 to 2024. Its figures and the benchmarks' are of the same million events.
const (
	corpusPlaces    = 20_000
	corpusDays      = 3653 // from corpusFirstDay to 2024-12-31
	corpusGenerator = 1    // bump when the generator changes, to rebuild the cached stores
)

var (
	corpusFirstDay = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	corpusWords    = strings.Fields(`the a of in on at to from and with after before officials said reported
		flood floods fire storm earthquake protest election strike march rain drought harvest market
		army police court hospital school bridge road river port border village city council minister`)
	corpusLangs = []string{"en", "fr", "es", "de"}
)

// corpus yields the synthetic reports, n events in all, in order; the same n gives the same reports.
func corpus(n int) func(yield func(*report.Report) bool) {
	return func(yield func(*report.Report) bool) {
		rng := rand.New(rand.NewPCG(1, 2))
		places := make([]report.Place, corpusPlaces)
		for i := range places {
			places[i] = report.Place{
				ID: int64(i + 1), Name: fmt.Sprintf("Place%d", i+1), Lat: -60 + 130*rng.Float64(), Lon: -180 + 360*rng.Float64(),
				FeatureCode: "PPL", CountryCode: fmt.Sprintf("%c%c", 'A'+i%26, 'A'+i/26%26), Population: int64(rng.IntN(1_000_000)),
			}
		}
		for i, events := 0, 0; events < n; i++ {
			published := corpusFirstDay.AddDate(0, 0, rng.IntN(corpusDays))
			var text strings.Builder
			var ms []report.Mention
			for range min(3, n-events) {
				p := places[rng.IntN(len(places))]
				sentence := text.Len()
				for range 5 + rng.IntN(10) {
					text.WriteString(corpusWords[rng.IntN(len(corpusWords))] + " ")
				}
				start := text.Len()
				text.WriteString(p.Name)
				end := text.Len()
				text.WriteString(" " + corpusWords[rng.IntN(len(corpusWords))] + ". ")
				d := report.FromTime(published.AddDate(0, 0, -rng.IntN(7)))
				switch k := rng.IntN(20); {
				case k == 0:
					d = report.YearDate(d.Year)
				case k < 4:
					d = report.MonthDate(d.Year, d.Month)
				}
				ms = append(ms, report.Mention{Start: start, End: end, Text: p.Name, Place: p,
					SentenceStart: sentence, SentenceEnd: text.Len() - 1, Date: d, Confidence: rng.Float64()})
			}
			events += len(ms)
			r := &report.Report{
				Title: fmt.Sprintf("Report %d", i), Source: fmt.Sprintf("source%d", i%20), Lang: corpusLangs[i%len(corpusLangs)],
				Published: report.FromTime(published), Text: fmt.Sprintf("Report %d. %s", i, text.String()), Mentions: ms,
			}
			prefix := len(r.Text) - text.Len()
			for j := range ms {
				ms[j].Start, ms[j].End = ms[j].Start+prefix, ms[j].End+prefix
				ms[j].SentenceStart, ms[j].SentenceEnd = ms[j].SentenceStart+prefix, ms[j].SentenceEnd+prefix
			}
			if !yield(r) {
				return
			}
		}
	}
}

// storeStamp is written beside a finished store: a store without it, or with another one, is
// built again.
type storeStamp struct {
	Events    int `json:"events"`
	Generator int `json:"generator"`
}

const stampName = "loadtest-corpus.json"

// ensureStore makes dir/dateline.db a store of the synthetic corpus of n events, reusing the one
// a previous run left there. It builds it through the store's own CreateReport, one report per
// transaction, into a temporary file renamed at the end, so that an interrupted build is never
// taken for a finished one.
func ensureStore(ctx context.Context, dir string, n int, progress io.Writer) (built bool, err error) {
	want := storeStamp{Events: n, Generator: corpusGenerator}
	db, stamp := filepath.Join(dir, "dateline.db"), filepath.Join(dir, stampName)
	if b, err := os.ReadFile(stamp); err == nil {
		var got storeStamp
		if json.Unmarshal(b, &got) == nil && got == want {
			if _, err := os.Stat(db); err == nil {
				return false, nil
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("loadtest: store: %w", err)
	}
	for _, name := range []string{stamp, db, db + "-wal", db + "-shm"} {
		if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
			return false, fmt.Errorf("loadtest: store: %w", err)
		}
	}
	tmp := filepath.Join(dir, "building.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	s, err := sqlite.Open(ctx, tmp)
	if err != nil {
		return false, err
	}
	start, last := time.Now(), time.Now()
	events := 0
	for r := range corpus(n) {
		// context.Background: a cancellable context costs a goroutine per statement; ctx is
		// checked between reports instead.
		if _, _, err := s.CreateReport(context.Background(), r, ""); err != nil {
			s.Close()
			return false, fmt.Errorf("loadtest: build store: %w", err)
		}
		events += len(r.Mentions)
		if err := ctx.Err(); err != nil {
			s.Close()
			return false, err
		}
		if progress != nil && time.Since(last) > 10*time.Second {
			last = time.Now()
			fmt.Fprintf(progress, "  %d of %d events stored (%v)\n", events, n, time.Since(start).Round(time.Second))
		}
	}
	if err := s.Close(); err != nil {
		return false, err
	}
	if err := os.Rename(tmp, db); err != nil {
		return false, fmt.Errorf("loadtest: store: %w", err)
	}
	b, _ := json.Marshal(want)
	if err := os.WriteFile(stamp, b, 0o644); err != nil {
		return false, fmt.Errorf("loadtest: store: %w", err)
	}
	return true, nil
}
