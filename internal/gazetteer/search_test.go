package gazetteer_test

import (
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/gazetteer"
)

func TestFinder(t *testing.T) {
	g, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	f := gazetteer.NewFinder(g)
	first := func(q string) (name, cc string) {
		ps := f.Search(q, 5)
		if len(ps) == 0 {
			return "", ""
		}
		return ps[0].Name, ps[0].CountryCode
	}
	for q, want := range map[string]string{
		"Raqqa": "SY", "raq": "SY", "Abu Kamal": "SY", "KARACHI": "PK", "Karach": "PK", "münchen": "DE", "Munchen": "DE",
		"بغداد": "IQ", "Bagdad": "IQ", "Bretagne": "FR", "Syrie": "SY",
	} {
		if name, cc := first(q); cc != want {
			t.Errorf("%q: first %s (%s), want a place in %s", q, name, cc, want)
		}
	}
	if ps := f.Search("Paris", 10); len(ps) < 2 || ps[0].CountryCode != "FR" {
		t.Errorf("Paris: %v, want the French capital first and its homonyms after", ps)
	}
	if ps := f.Search("xqzxqzxqz", 5); len(ps) != 0 {
		t.Errorf("nonsense finds %v", ps)
	}
	if ps := f.Search("  ", 5); ps != nil {
		t.Errorf("blank finds %v", ps)
	}
	if ps := f.Search("a", 7); len(ps) != 7 {
		t.Errorf("a one-letter prefix finds %d places, want the 7 asked", len(ps))
	}
	p, ok := f.Place(f.Search("Markada", 1)[0].ID)
	if !ok || p.CountryCode != "SY" {
		t.Errorf("Place by id: %v %v", p, ok)
	}
}

func BenchmarkFinder(b *testing.B) {
	g, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			gazetteer.NewFinder(g).Warm()
		}
	})
	f := gazetteer.NewFinder(g)
	b.Run("search", func(b *testing.B) {
		for b.Loop() {
			f.Search("sa", 10)
			f.Search("Raqqa", 10)
		}
	})
}
