package sqlite

import (
	"math/rand/v2"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

// BenchmarkPlacesAfter reads a page of 100 places of a million events, with the count of all
// of them (what an OGC items page of the places collection asks): all events, after a random
// place id; a month of the world; a 20x10 degree box over a quarter.
func BenchmarkPlacesAfter(b *testing.B) {
	s := benchStore(b)
	for _, bb := range []struct {
		name   string
		filter func(*rand.Rand) report.EventFilter
	}{
		{"all", func(*rand.Rand) report.EventFilter { return report.EventFilter{} }},
		{"month", func(rng *rand.Rand) report.EventFilter { f := randomBox(rng, 0, 0, 30); f.BBox = nil; return f }},
		{"box-quarter", func(rng *rand.Rand) report.EventFilter { return randomBox(rng, 20, 10, 91) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			measure(b, func(rng *rand.Rand) int {
				f := bb.filter(rng)
				ps, err := s.PlacesAfter(b.Context(), f, rng.Int64N(100_000), 100)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.CountPlaces(b.Context(), f); err != nil {
					b.Fatal(err)
				}
				return len(ps)
			})
		})
	}
}
