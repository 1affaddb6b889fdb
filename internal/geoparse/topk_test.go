package geoparse

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTopK compares topK with the indexes sorted by score, highest first, ties by index, less skip's,
// on scores with many ties.
func TestTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var out []int
	for range 20000 {
		scores := make([]float64, rng.IntN(12))
		for i := range scores {
			scores[i] = float64(rng.IntN(5)) - 2
		}
		skip, k := rng.IntN(len(scores)+1)-1, rng.IntN(5)
		var want []int
		for i := range scores {
			if i != skip {
				want = append(want, i)
			}
		}
		slices.SortStableFunc(want, func(a, b int) int {
			switch {
			case scores[a] > scores[b]:
				return -1
			case scores[a] < scores[b]:
				return 1
			}
			return 0
		})
		want = want[:min(k, len(want))]
		if out = topK(scores, skip, k, out[:0]); !slices.Equal(out, want) {
			t.Fatalf("topK(%v, %d, %d) = %v, want %v", scores, skip, k, out, want)
		}
	}
}
