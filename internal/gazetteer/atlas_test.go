package gazetteer_test

import (
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/report"
)

func newAtlas(t *testing.T) *gazetteer.Atlas {
	t.Helper()
	g, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	a, err := gazetteer.NewAtlas(g, geodata.CountryNames, geodata.PlaceNames)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAtlasCountryCode(t *testing.T) {
	a := newAtlas(t)
	for _, c := range []struct{ in, want string }{
		{"SY", "SY"}, {"sy", "SY"}, {"Syria", "SY"}, {"syria", "SY"}, {"Syrie", "SY"}, {" SYRIE ", "SY"}, {"سوريا", "SY"},
		{"Irak", "IQ"}, {"Iraq", "IQ"}, {"Allemagne", "DE"}, {"Deutschland", "DE"}, {"United States", "US"}, {"États-Unis", "US"},
		{"Côte d'Ivoire", "CI"}, {"Ivory Coast", "CI"}, {"Narnia", ""}, {"", ""}, {"Damascus", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, ok := a.CountryCode(c.in)
			if got != c.want || ok != (c.want != "") {
				t.Errorf("CountryCode(%q) = %q, %v; want %q", c.in, got, ok, c.want)
			}
		})
	}
}

func TestAtlasCountryName(t *testing.T) {
	a := newAtlas(t)
	for _, c := range []struct{ cc, lang, want string }{
		{"SY", "fr", "Syrie"}, {"SY", "en", "Syria"}, {"DE", "fr", "Allemagne"}, {"SY", "xx", ""}, {"ZZ", "fr", ""},
	} {
		if got := a.CountryName(c.cc, c.lang); got != c.want {
			t.Errorf("CountryName(%s, %s) = %q, want %q", c.cc, c.lang, got, c.want)
		}
	}
}

func TestAtlasLabels(t *testing.T) {
	a := newAtlas(t)
	for lang, want := range map[string]map[string]string{
		"en": {"Syria": "country", "Damascus": "capital", "Baghdad": "capital", "Aleppo": "town"},
		"fr": {"Syrie": "country", "Irak": "country", "Damas": "capital", "Bagdad": "capital", "Alep": "town", "Mossoul": "town"},
	} {
		t.Run(lang, func(t *testing.T) {
			fc := a.Labels(lang)
			got := map[string]string{}
			for i, f := range fc.Features {
				got[f.Properties.MustString("name")] = f.Properties.MustString("kind")
				if r := f.Properties.MustInt("rank"); r != i {
					t.Errorf("label %d has rank %d", i, r)
				}
				if z := f.Properties.MustInt("zoom"); z < 2 || z > 7 {
					t.Errorf("%s: zoom %d", f.Properties.MustString("name"), z)
				}
			}
			for name, kind := range want {
				if got[name] != kind {
					t.Errorf("label %s is a %q, want a %s", name, got[name], kind)
				}
			}
			if lang == "fr" && (got["Damascus"] != "" || got["Aleppo"] != "") {
				t.Error("French labels keep English names of towns")
			}
			if len(fc.Features) < 1000 || len(fc.Features) > 6000 {
				t.Errorf("%d labels", len(fc.Features))
			}
		})
	}
}

// TestAtlasPlaceName: towns and first-level divisions are named in the interface's languages where
// GeoNames names them so (libgeonames-common's catalogs), and not where the name is the gazetteer's own
// or unknown; countries by world-countries.
func TestAtlasPlaceName(t *testing.T) {
	a := newAtlas(t)
	g, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	town := func(id int64) report.Place {
		p, ok := g.ByID(id)
		if !ok {
			t.Fatalf("no place %d", id)
		}
		return p
	}
	division := func(cc, admin1 string) report.Place {
		for i := range uint32(g.Len()) {
			if p := g.Place(i); p.FeatureCode == "ADM1" && p.CountryCode == cc && p.Admin1 == admin1 {
				return *p
			}
		}
		t.Fatalf("no division %s.%s", cc, admin1)
		return report.Place{}
	}
	syria, ok := g.Country("SY")
	if !ok {
		t.Fatal("no Syria")
	}
	for _, c := range []struct {
		what       string
		p          report.Place
		lang, want string
	}{
		{"Damascus in French", town(170654), "fr", "Damas"},
		{"Damascus in English: its own name", town(170654), "en", ""},
		{"Mosul in French", town(99072), "fr", "Mossoul"},
		{"Aleppo in French", town(170063), "fr", "Alep"},
		{"Bavaria in French", division("DE", "02"), "fr", "Bavière"},
		{"California in French", division("US", "CA"), "fr", "Californie"},
		{"a language of no interface", town(170654), "xx", ""},
		{"a country", *g.Place(syria), "fr", "Syrie"},
	} {
		if got := a.PlaceName(c.p, c.lang); got != c.want {
			t.Errorf("%s: PlaceName(%s, %s) = %q, want %q", c.what, c.p.Name, c.lang, got, c.want)
		}
	}
}
