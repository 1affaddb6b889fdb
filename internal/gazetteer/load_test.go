package gazetteer_test

import (
	"math"
	"runtime"
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/gazetteer"
)

func TestLoadEmbedded(t *testing.T) {
	g, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() < 190000 {
		t.Fatalf("only %d places", g.Len())
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("%d places, heap %d MB", g.Len(), m.HeapAlloc>>20)
}

func BenchmarkLoadEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := gazetteer.Load(geodata.Gazetteer); err != nil {
			b.Fatal(err)
		}
	}
}

// TestContinentPoints: a continent is put where GeoNames puts it (Africa in the Central African Republic,
// Asia in Tibet), the convention most corpora and gazetteers share, not at a point of our own choosing.
func TestContinentPoints(t *testing.T) {
	g, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		lat, lon float64
	}{
		{"Africa", 7.19, 21.09}, {"Asia", 29.84, 89.30}, {"Europe", 48.69, 9.14},
		{"North America", 46.07, -100.55}, {"South America", -14.60, -57.66},
	} {
		ps, _ := g.Lookup(gazetteer.KeyOf(c.name))
		found := false
		for _, p := range ps {
			pl := g.Place(p.Place)
			if pl.FeatureCode != "CONT" {
				continue
			}
			found = true
			if math.Abs(pl.Lat-c.lat) > 0.1 || math.Abs(pl.Lon-c.lon) > 0.1 {
				t.Errorf("%s at %.2f,%.2f, want GeoNames' %.2f,%.2f", c.name, pl.Lat, pl.Lon, c.lat, c.lon)
			}
		}
		if !found {
			t.Errorf("%s: no continent of that name", c.name)
		}
	}
}
