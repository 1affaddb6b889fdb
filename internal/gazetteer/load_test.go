package gazetteer_test

import (
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
