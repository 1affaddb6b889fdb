package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// The synthetic corpus: reports with three mentions each, of places spread over the world between
// latitudes -60 and 70, dated 2015 to 2024.
const (
	benchEvents    = 1_000_000
	benchPlaces    = 20_000
	benchDays      = 3653 // from benchFirstDay to 2024-12-31
	benchGenerator = 1    // bump when the generator changes, to rebuild the cached database
)

var (
	benchFirstDay = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	benchWords    = strings.Fields(`the a of in on at to from and with after before officials said reported
		flood floods fire storm earthquake protest election strike march rain drought harvest market
		army police court hospital school bridge road river port border village city council minister`)
	benchLangs = []string{"en", "fr", "es", "de"}
)

// benchCorpus yields the synthetic reports in order; the same seed gives the same corpus.
func benchCorpus(yield func(*report.Report) bool) {
	rng := rand.New(rand.NewPCG(1, 2))
	places := make([]report.Place, benchPlaces)
	for i := range places {
		places[i] = report.Place{
			ID: int64(i + 1), Name: fmt.Sprintf("Place%d", i+1), Lat: -60 + 130*rng.Float64(), Lon: -180 + 360*rng.Float64(),
			FeatureCode: "PPL", CountryCode: fmt.Sprintf("%c%c", 'A'+i%26, 'A'+i/26%26), Population: int64(rng.IntN(1_000_000)),
		}
	}
	for i, events := 0, 0; events < benchEvents; i++ {
		published := benchFirstDay.AddDate(0, 0, rng.IntN(benchDays))
		var text strings.Builder
		var ms []report.Mention
		for range min(3, benchEvents-events) {
			p := places[rng.IntN(len(places))]
			sentence := text.Len()
			for range 5 + rng.IntN(10) {
				text.WriteString(benchWords[rng.IntN(len(benchWords))] + " ")
			}
			start := text.Len()
			text.WriteString(p.Name)
			end := text.Len()
			text.WriteString(" " + benchWords[rng.IntN(len(benchWords))] + ". ")
			d := report.FromTime(published.AddDate(0, 0, -rng.IntN(7)))
			switch n := rng.IntN(20); {
			case n == 0:
				d = report.YearDate(d.Year)
			case n < 4:
				d = report.MonthDate(d.Year, d.Month)
			}
			ms = append(ms, report.Mention{Start: start, End: end, Text: p.Name, Place: p,
				SentenceStart: sentence, SentenceEnd: text.Len() - 1, Date: d, Confidence: rng.Float64()})
		}
		events += len(ms)
		r := &report.Report{
			Title: fmt.Sprintf("Report %d", i), Source: fmt.Sprintf("source%d", i%20), Lang: benchLangs[i%len(benchLangs)],
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

// benchStore opens the database of the synthetic corpus, cached under os.TempDir() by schema and
// generator version, building it first when it is missing.
func benchStore(b *testing.B) *Store {
	if testing.Short() {
		b.Skip("needs a database of a million events")
	}
	h := sha256.New()
	fs.WalkDir(migrations, ".", func(path string, _ fs.DirEntry, _ error) error {
		body, _ := migrations.ReadFile(path)
		h.Write(body)
		return nil
	})
	path := filepath.Join(os.TempDir(), fmt.Sprintf("dateline-bench-%d-g%d-%x.db", benchEvents, benchGenerator, h.Sum(nil)[:6]))
	if _, err := os.Stat(path); err != nil {
		old, _ := filepath.Glob(filepath.Join(os.TempDir(), "dateline-bench-*.db*"))
		for _, name := range old {
			os.Remove(name)
		}
		buildBenchStore(b, path)
	}
	s, err := Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// buildBenchStore builds the database in batches of 5,000 reports, without fsyncs. The word index
// is filled once at the end rather than report by report.
func buildBenchStore(b *testing.B, path string) {
	start := time.Now()
	ctx := context.Background() // no cancellation: it costs a goroutine per statement
	tmp := path + ".building"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	s, err := Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	exec := func(query string) {
		if _, err := s.write.ExecContext(ctx, query); err != nil {
			b.Fatal(err)
		}
	}
	exec("PRAGMA synchronous = OFF")
	exec("PRAGMA cache_size = -1000000")
	var ftsTrigger string
	if err := s.write.QueryRowContext(ctx, "SELECT sql FROM sqlite_schema WHERE name = 'reports_ai'").Scan(&ftsTrigger); err != nil {
		b.Fatal(err)
	}
	exec("DROP TRIGGER reports_ai")

	var batch []*report.Report
	flush := func() {
		err := inTx(ctx, s.write, func(tx *sql.Tx) error {
			for _, r := range batch {
				r, err := report.Prepare(r, time.Now())
				if err == nil {
					err = s.insertReport(ctx, tx, r, "")
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	for r := range benchCorpus {
		if batch = append(batch, r); len(batch) == 5000 {
			flush()
		}
	}
	flush()
	exec("INSERT INTO reports_fts (reports_fts) VALUES ('rebuild')")
	exec(ftsTrigger)
	exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s: %d events in %v, %d MB", path, benchEvents, time.Since(start).Round(time.Second), info.Size()>>20)
}

// measure runs op b.N times and reports the median and 99th percentile of its durations.
func measure(b *testing.B, op func(rng *rand.Rand) int) {
	rng := rand.New(rand.NewPCG(3, 4))
	// The first queries read the database from disk: time the first apart, and warm up before the
	// percentiles, or with the default -benchtime a cold first query can be the only one measured.
	start := time.Now()
	op(rng)
	first := time.Since(start)
	for n := 0; n < 200 && time.Since(start) < 2*time.Second; n++ {
		op(rng)
	}
	var ds []time.Duration
	results := 0
	for b.Loop() {
		start := time.Now()
		results += op(rng)
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(ds[len(ds)/2]), "p50-ms")
	b.ReportMetric(ms(ds[len(ds)*99/100]), "p99-ms")
	b.ReportMetric(float64(results)/float64(len(ds)), "results/op")
	b.ReportMetric(ms(first), "first-ms")
}

// randomBox returns a box of w by h degrees inside the corpus's latitudes, and a range of days.
func randomBox(rng *rand.Rand, w, h float64, days int) report.EventFilter {
	lon, lat := -180+(360-w)*rng.Float64(), -60+(130-h)*rng.Float64()
	from := benchFirstDay.AddDate(0, 0, rng.IntN(benchDays-days))
	return report.EventFilter{
		BBox: &orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + w, lat + h}},
		From: from, To: from.AddDate(0, 0, days),
	}
}

// BenchmarkQueryEventsBBoxDate asks for a page of 1,000 events in a box of 22 by 22 degrees
// over a year, where about a thousand of the million events are.
func BenchmarkQueryEventsBBoxDate(b *testing.B) {
	s := benchStore(b)
	measure(b, func(rng *rand.Rand) int {
		f := randomBox(rng, 22, 22, 365)
		f.Limit = 1000
		page, err := s.QueryEvents(b.Context(), f)
		if err != nil {
			b.Fatal(err)
		}
		return page.Total
	})
}

// BenchmarkQueryEventsDates asks for a page of 100 events selected by dates only, or not at all,
// which the running counts and the index by date answer; in a box of the world, the R*Tree does.
func BenchmarkQueryEventsDates(b *testing.B) {
	s := benchStore(b)
	month := func(rng *rand.Rand) report.EventFilter {
		from := benchFirstDay.AddDate(0, 0, rng.IntN(benchDays-30))
		return report.EventFilter{From: from, To: from.AddDate(0, 0, 30)}
	}
	for _, bb := range []struct {
		name string
		f    func(*rand.Rand) report.EventFilter
	}{
		{"unfiltered", func(*rand.Rand) report.EventFilter { return report.EventFilter{} }},
		{"unfiltered-any-page", func(rng *rand.Rand) report.EventFilter { return report.EventFilter{Offset: 100 * rng.IntN(10_000)} }},
		{"month", month},
		{"month-world-box", func(rng *rand.Rand) report.EventFilter {
			f := month(rng)
			f.BBox = &orb.Bound{Min: orb.Point{-180, -89}, Max: orb.Point{180, 89}}
			return f
		}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			measure(b, func(rng *rand.Rand) int {
				page, err := s.QueryEvents(b.Context(), bb.f(rng))
				if err != nil {
					b.Fatal(err)
				}
				return page.Total
			})
		})
	}
}

// world is a box of all longitudes and the corpus's latitudes, days long, so that it is not
// the whole world and the R*Tree, not event_days, answers a histogram.
func world(rng *rand.Rand, days int) report.EventFilter { return randomBox(rng, 360, 130, days) }

func BenchmarkClusters(b *testing.B) {
	s := benchStore(b)
	for _, bb := range []struct {
		name string
		f    func(*rand.Rand) report.EventFilter
		zoom int
	}{
		{"region-year-zoom4", func(rng *rand.Rand) report.EventFilter { return randomBox(rng, 60, 35, 365) }, 4},
		{"world-month-zoom2", func(rng *rand.Rand) report.EventFilter { return world(rng, 30) }, 2},
		{"world-year-zoom2", func(rng *rand.Rand) report.EventFilter { return world(rng, 365) }, 2},
		{"unfiltered-zoom3", func(*rand.Rand) report.EventFilter { return report.EventFilter{} }, 3},
		{"world-zoom2", func(rng *rand.Rand) report.EventFilter { // the map of all events
			f := world(rng, 0)
			f.From, f.To = time.Time{}, time.Time{}
			return f
		}, 2},
		{"region-zoom4", func(rng *rand.Rand) report.EventFilter {
			f := randomBox(rng, 60, 35, 0)
			f.From, f.To = time.Time{}, time.Time{}
			return f
		}, 4},
	} {
		b.Run(bb.name, func(b *testing.B) {
			measure(b, func(rng *rand.Rand) int {
				cs, err := s.Clusters(b.Context(), bb.f(rng), bb.zoom)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for _, c := range cs {
					n += c.Count
				}
				return n
			})
		})
	}
}

func BenchmarkHistogram(b *testing.B) {
	s := benchStore(b)
	for _, bb := range []struct {
		name string
		f    func(*rand.Rand) report.EventFilter
		size report.BinSize
	}{
		{"region-all-years-week", func(rng *rand.Rand) report.EventFilter {
			f := randomBox(rng, 60, 35, 0)
			f.From, f.To = time.Time{}, time.Time{}
			return f
		}, report.BinWeek},
		{"world-year-day", func(rng *rand.Rand) report.EventFilter { return world(rng, 365) }, report.BinDay},
		{"unfiltered-month", func(*rand.Rand) report.EventFilter { return report.EventFilter{} }, report.BinMonth},
	} {
		b.Run(bb.name, func(b *testing.B) {
			measure(b, func(rng *rand.Rand) int {
				bins, err := s.Histogram(b.Context(), bb.f(rng), bb.size)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for _, bin := range bins {
					n += bin.Count
				}
				return n
			})
		})
	}
}

// BenchmarkCreateReport stores reports of 3 KB with five mentions each, one at a time.
func BenchmarkCreateReport(b *testing.B) {
	s, err := Open(b.Context(), filepath.Join(b.TempDir(), "create.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	paragraph := strings.Repeat("Officials said the river flooded the road to the port after a week of rain. ", 40)[:3000]
	ctx := context.Background()
	i := 0
	for b.Loop() {
		text := fmt.Sprintf("%d %s", i, paragraph)
		var ms []report.Mention
		for j := range 5 {
			at := 100 + 500*j
			ms = append(ms, report.Mention{Start: at, End: at + 5, Place: report.Place{ID: int64(j + 1), Name: "Place", Lat: float64(j), Lon: float64(j)},
				SentenceStart: at - 20, SentenceEnd: at + 40, Date: report.DayDate(2024, 5, 1+j)})
		}
		if _, _, err := s.CreateReport(ctx, &report.Report{Title: "Flood", Text: text, Mentions: ms}, ""); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
