package geoparse_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time this process has used so far (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchParse parses texts b.N times and reports, besides ns/op and MB/s of wall time, "cpu-MB/s":
// bytes per second of the process's CPU time, which other work on the machine does not distort.
// Run with -cpu 1 so that it is one core's figure.
func benchParse(b *testing.B, texts []string) {
	p := realParser(b)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.SetBytes(int64(n))
	start := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			p.Parse(t)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}

// newsCorpus is mixed-language news text: the development and held-out sets' reports (fr, en, es, de,
// it, pt, ar), about 40 KB, repeated to a few hundred KB.
func newsCorpus(b *testing.B) []string {
	b.Helper()
	var docs []string
	for _, path := range []string{"../../../shared/eval/dev.input.jsonl", "../../testdata/eval/holdout.input.jsonl"} {
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var d struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &d) == nil {
				docs = append(docs, d.Text)
			}
		}
		f.Close()
	}
	if len(docs) == 0 {
		b.Skip("no evaluation texts beside the repository")
	}
	return docs
}

// BenchmarkParse measures recognition and resolution end to end on the evaluation texts (fr, en, es, de,
// it, pt, ar): short news items written dense with places, a candidate name every 34 bytes, each with
// three to four places to weigh, so resolution dominates.
func BenchmarkParse(b *testing.B) { benchParse(b, newsCorpus(b)) }

// BenchmarkParseLong is the same texts as one long report, which stresses the per-document work.
func BenchmarkParseLong(b *testing.B) { benchParse(b, []string{strings.Join(newsCorpus(b), "\n\n")}) }

// BenchmarkParseNews is the throughput that issue 2's bar (30 MB/s a core of mixed-language news text)
// is measured on: news prose in six languages, the demo reports (internal/demo/reports: fr, en, ar, es,
// de, it; 18 texts, 11.3 KB, a candidate name every 53 bytes), their header lines left out.
func BenchmarkParseNews(b *testing.B) { benchParse(b, demoTexts(b)) }

// demoTexts are the demo reports without their header lines.
func demoTexts(b *testing.B) []string {
	b.Helper()
	files, err := filepath.Glob("../demo/reports/*.txt")
	if err != nil || len(files) == 0 {
		b.Skip("no demo reports")
	}
	var texts []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.Split(string(raw), "\n")
		for len(lines) > 0 && (strings.HasPrefix(lines[0], "date ") || strings.HasPrefix(lines[0], "title ") ||
			strings.HasPrefix(lines[0], "source ")) {
			lines = lines[1:]
		}
		texts = append(texts, strings.Join(lines, "\n"))
	}
	return texts
}

// BenchmarkParseHuge is the demo reports run together forty times, one text of 450 KB: its MB/s stays
// near BenchmarkParseNews's unless some step grows faster than the text (as one did, before it was caught:
// a 5 MB report took 9 s).
func BenchmarkParseHuge(b *testing.B) {
	texts := demoTexts(b)
	var sb strings.Builder
	for range 40 {
		for _, t := range texts {
			sb.WriteString(t)
			sb.WriteString("\n\n")
		}
	}
	benchParse(b, []string{sb.String()})
}

// BenchmarkParseSeed is ordinary news prose: the founding report (French, 1.9 KB, seven places).
func BenchmarkParseSeed(b *testing.B) {
	raw, err := os.ReadFile("../../../shared/seeds/000_57931d506f7e5e2f.txt")
	if err != nil {
		b.Skip("no seed beside the repository")
	}
	benchParse(b, []string{string(raw)})
}
