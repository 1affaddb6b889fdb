package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// reports3KB returns report texts of about 3 KB each, in the demo's languages: each is the text of a
// demo report, followed by the others' until 3 KB.
func reports3KB(b *testing.B) []string {
	b.Helper()
	files, err := filepath.Glob("../demo/reports/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no demo reports: %v", err)
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		texts = append(texts, strings.TrimSpace(strings.Join(lines[1:], "\n"))) // without the date line
	}
	out := make([]string, len(texts))
	for i := range texts {
		var sb strings.Builder
		for j := i; sb.Len() < 3000; j = (j + 1) % len(texts) {
			sb.WriteString(texts[j])
			sb.WriteString("\n\n")
		}
		out[i] = strings.ToValidUTF8(sb.String()[:3000], "")
	}
	return out
}

// BenchmarkIngest posts distinct 3 KB reports to the real handler: reading, geoparsing, dating and
// storing each in SQLite, from as many clients as there are cores.
func BenchmarkIngest(b *testing.B) {
	ts := newServer(b, nil)
	h := ts.Config.Handler
	texts := reports3KB(b)
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			body := fmt.Sprintf("date 2017-11-%02d\n%s\n\nReport %d.", 1+i%28, texts[int(i)%len(texts)], i)
			req := httptest.NewRequest(http.MethodPost, "/api/reports", strings.NewReader(body))
			req.Host = "localhost" // the server answers loopback names and its public URL's only
			req.Header.Set("Content-Type", "text/plain; charset=utf-8")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusCreated {
				b.Errorf("status %d: %.300s", rec.Code, rec.Body)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
