package web_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/web"
)

// countingWriter is a ResponseWriter that keeps nothing of the body.
type countingWriter struct {
	h http.Header
	n int64
}

func (w *countingWriter) Header() http.Header         { return w.h }
func (w *countingWriter) WriteHeader(int)             {}
func (w *countingWriter) Write(b []byte) (int, error) { w.n += int64(len(b)); return len(b), nil }

// BenchmarkExport exports every one of a million events (the database internal/sqlite's benchmarks
// build) through the real handler, in each format, and reports events per second and the largest
// heap in use while it ran, sampled every 5 ms (runtime/metrics): flat memory is a peak that does not
// grow with the export.
func BenchmarkExport(b *testing.B) {
	store := benchStore(b)
	h := web.New(web.Config{Logger: slog.New(slog.DiscardHandler), Reports: store, Events: store})
	for _, format := range []string{"geojson", "geojsonl", "csv", "kml"} {
		b.Run(format, func(b *testing.B) {
			var peak uint64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Go(func() {
				s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
				for {
					metrics.Read(s)
					peak = max(peak, s[0].Value.Uint64())
					select {
					case <-stop:
						return
					case <-time.After(5 * time.Millisecond):
					}
				}
			})
			var bytes int64
			start := time.Now()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, "/export/events."+format, nil)
				req.Host = "localhost"
				w := &countingWriter{h: http.Header{}}
				h.ServeHTTP(w, req)
				bytes = w.n
			}
			elapsed := time.Since(start)
			close(stop)
			wg.Wait()
			b.ReportMetric(float64(1_000_000*b.N)/elapsed.Seconds(), "events/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(bytes)/(1<<20), "file-MB")
		})
	}
}
