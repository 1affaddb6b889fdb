package geoparse

import (
	"math"
	"testing"
)

func TestExp(t *testing.T) {
	for x := -708.0; x <= 709; x += 0.0137 {
		want, got := math.Exp(x), exp(x)
		if math.Abs(got-want) > 1e-8*want {
			t.Fatalf("exp(%v) = %v, want %v", x, got, want)
		}
	}
	for _, c := range []struct{ x, want float64 }{
		{0, 1}, {-709, 0}, {math.Inf(-1), 0}, {710, math.Inf(1)}, {math.Inf(1), math.Inf(1)},
	} {
		if got := exp(c.x); got != c.want {
			t.Errorf("exp(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if got := exp(math.NaN()); !math.IsNaN(got) {
		t.Errorf("exp(NaN) = %v, want NaN", got)
	}
}

// expArgs are what resolution passes exp: score differences of a few units.
var expArgs = func() (xs [1024]float64) {
	for i := range xs {
		xs[i] = -float64(i) / 100
	}
	return xs
}()

func BenchmarkExp(b *testing.B) {
	s := 0.0
	for b.Loop() {
		for _, x := range expArgs {
			s += exp(x)
		}
	}
	_ = s
}

func BenchmarkMathExp(b *testing.B) {
	s := 0.0
	for b.Loop() {
		for _, x := range expArgs {
			s += math.Exp(x)
		}
	}
	_ = s
}
