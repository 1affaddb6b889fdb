package analyze_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/ingest"
)

// cpuTime is the CPU time this process has used so far (user and system); internal/geoparse's benchmarks
// have the same helper (test files of two packages cannot share one).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkJSONL measures `dateline geoparse --jsonl` without the gazetteer's load: decoding the input
// lines, geoparsing, dating, and encoding one FeatureCollection a line. The input is the held-out set
// (testdata/eval, 7 languages) and the demo reports as JSON lines, or the JSON lines file that
// DATELINE_BENCH_JSONL names (such as the evaluation corpora, built outside the project: README's Figures).
// MB/s is of the "text" fields, as is
// "cpu-MB/s" (bytes per second of the process's CPU time, garbage collection included; run with -cpu 1
// for one core's figure).
func BenchmarkJSONL(b *testing.B) {
	a := newAnalyzer(b)
	in, n := jsonlCorpus(b)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if err := a.JSONL(bytes.NewReader(in), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}

// jsonlCorpus is the benchmark's input and the size in bytes of its texts.
func jsonlCorpus(b *testing.B) ([]byte, int) {
	b.Helper()
	var buf bytes.Buffer
	n := 0
	path := "../../testdata/eval/holdout.input.jsonl"
	given := os.Getenv("DATELINE_BENCH_JSONL")
	if given != "" {
		path = given
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		n += len(d.Text)
		buf.Write(sc.Bytes())
		buf.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	if given != "" {
		return buf.Bytes(), n
	}
	files, err := filepath.Glob("../demo/reports/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatal("no demo reports")
	}
	enc := json.NewEncoder(&buf)
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		err = ingest.Read(context.Background(), f, path, "text/plain", ingest.Options{}, func(it ingest.Item) error {
			n += len(it.Report.Text)
			return enc.Encode(struct {
				ID   string `json:"id"`
				Date string `json:"date"`
				Text string `json:"text"`
			}{filepath.Base(path), it.Report.Published.String(), it.Report.Text})
		}, nil)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	return buf.Bytes(), n
}
