package gazetteer_test

import (
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/gazetteer"
)

func newAtlas(t *testing.T) *gazetteer.Atlas {
	t.Helper()
	g, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	a, err := gazetteer.NewAtlas(g, geodata.CountryNames)
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
		"fr": {"Syrie": "country", "Irak": "country", "Damascus": "capital"},
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
			if len(fc.Features) < 1000 || len(fc.Features) > 6000 {
				t.Errorf("%d labels", len(fc.Features))
			}
		})
	}
}
