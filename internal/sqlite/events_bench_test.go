package sqlite

import (
	"runtime"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// BenchmarkEvents streams every event of a filter out of the million, and reports the events
// read a second and the largest live heap seen on the way, sampled every 10,000 events: a stream
// reads its events in batches, so that heap does not grow with them.
func BenchmarkEvents(b *testing.B) {
	s := benchStore(b)
	from, to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, bb := range []struct {
		name string
		f    report.EventFilter
	}{
		{"all", report.EventFilter{}},
		{"year", report.EventFilter{From: from, To: to}},
		{"region", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{0, 30}, Max: orb.Point{60, 65}}}},
		{"region-year", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{0, 30}, Max: orb.Point{60, 65}}, From: from, To: to}},
		{"source", report.EventFilter{Source: "source3"}},
		{"lang", report.EventFilter{Lang: "fr"}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			var mem runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&mem)
			base, peak := mem.HeapAlloc, mem.HeapAlloc
			events := 0
			for b.Loop() {
				for _, err := range s.Events(b.Context(), bb.f, report.EventKey{}) {
					if err != nil {
						b.Fatal(err)
					}
					if events++; events%10_000 == 0 {
						runtime.ReadMemStats(&mem)
						peak = max(peak, mem.HeapAlloc)
					}
				}
			}
			b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(events)/float64(b.N), "events/op")
			b.ReportMetric(float64(peak-base)/(1<<20), "peak-heap-MB")
		})
	}
}
