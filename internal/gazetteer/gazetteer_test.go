package gazetteer_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/report"
)

func TestTokenize(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		words string // folded words joined by "|"
		gaps  []gazetteer.Gap
	}{
		{"diacritics and case folded", "Hassaké ÇANAKKALE Lwiw", "hassake|canakkale|lwiw",
			[]gazetteer.Gap{gazetteer.GapNone, gazetteer.GapSpace, gazetteer.GapSpace}},
		{"elision splits at the apostrophe", "d'Alep l’Irak", "d|alep|l|irak",
			[]gazetteer.Gap{gazetteer.GapNone, gazetteer.GapJoin, gazetteer.GapSpace, gazetteer.GapJoin}},
		{"hyphen joins, a spaced dash does not", "Deir ez-Zor - Raqqa", "deir|ez|zor|raqqa",
			[]gazetteer.Gap{gazetteer.GapNone, gazetteer.GapSpace, gazetteer.GapJoin, gazetteer.GapHard}},
		{"one line break joins, a blank line does not", "Abu\nKamal\n\nMosul", "abu|kamal|mosul",
			[]gazetteer.Gap{gazetteer.GapNone, gazetteer.GapLine, gazetteer.GapHard}},
		{"Arabic letters unified, marks dropped", "أَلرَّقَّة ومدينة", "الرقه|ومدينه",
			[]gazetteer.Gap{gazetteer.GapNone, gazetteer.GapSpace}},
		{"abbreviation dot inside a name", "St. Pölten. Wien", "st|polten|wien",
			[]gazetteer.Gap{gazetteer.GapNone, gazetteer.GapSpace, gazetteer.GapHard}},
		{"German sharp s", "Gießen", "giessen", []gazetteer.Gap{gazetteer.GapNone}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf []byte
			toks := gazetteer.Tokenize(tc.text, nil, &buf)
			var words []string
			for _, tk := range toks {
				words = append(words, string(buf[tk.NormStart:tk.NormEnd]))
				if tk.Key != gazetteer.KeyExtend(gazetteer.KeyStart(), buf[tk.NormStart:tk.NormEnd]) {
					t.Errorf("token %q: Key is not the key of its folded form", tc.text[tk.Start:tk.End])
				}
			}
			if got := strings.Join(words, "|"); got != tc.words {
				t.Fatalf("words %q, want %q", got, tc.words)
			}
			for i, tk := range toks {
				if tk.Gap != tc.gaps[i] {
					t.Errorf("token %d %q: gap %d, want %d", i, tc.text[tk.Start:tk.End], tk.Gap, tc.gaps[i])
				}
			}
		})
	}
}

func TestSentenceStarts(t *testing.T) {
	var buf []byte
	toks := gazetteer.Tokenize(`Il pleut. "Raqqa est tombée", dit-il à Paris`, nil, &buf)
	want := map[string]bool{"Il": true, "Raqqa": true, "pleut": false, "Paris": false}
	text := `Il pleut. "Raqqa est tombée", dit-il à Paris`
	for _, tk := range toks {
		if w, ok := want[text[tk.Start:tk.End]]; ok && tk.SentStart != w {
			t.Errorf("%q: SentStart %v, want %v", text[tk.Start:tk.End], tk.SentStart, w)
		}
	}
}

func looseKey(t *testing.T, name string) uint64 {
	t.Helper()
	var buf []byte
	var words [][]byte
	for _, tk := range gazetteer.Tokenize(name, nil, &buf) {
		words = append(words, buf[tk.NormStart:tk.NormEnd])
	}
	k, ok := gazetteer.LooseKey(words)
	if !ok {
		t.Fatalf("no loose key for %q", name)
	}
	return k
}

func TestLooseKey(t *testing.T) {
	same := [][2]string{{"Hassaké", "Hasakeh"}, {"Tal Rifaat", "Tal Refaat"}, {"Abou Kamal", "Abu Kamal"},
		{"Al-Mayadine", "Al Mayadin"}, {"Khan Younis", "Khan Yunis"}}
	for _, p := range same {
		if looseKey(t, p[0]) != looseKey(t, p[1]) {
			t.Errorf("%q and %q should share a loose key", p[0], p[1])
		}
	}
	differ := [][2]string{{"Barkhane", "Burkina"}, {"Truppen", "Terpinnia"}, {"Inter", "Indore"}}
	for _, p := range differ {
		if looseKey(t, p[0]) == looseKey(t, p[1]) {
			t.Errorf("%q and %q should not share a loose key", p[0], p[1])
		}
	}
}

func TestEncodeLoadRoundTrip(t *testing.T) {
	b := gazetteer.NewBuilder()
	src := "1\tAr Raqqah\tAr Raqqah\tRaqqa,الرقة\t35.95283\t39.00788\tP\tPPLA\tSY\t\t04\t\t\t\t177636\t\t245\tAsia/Damascus\t2020-01-01\n"
	if err := b.AddGeoNames(strings.NewReader(src), "inline"); err != nil {
		t.Fatal(err)
	}
	if err := b.AddCountries(strings.NewReader(`[{"name":{"common":"Syria","official":"Syrian Arab Republic"},"translations":{"fra":{"common":"Syrie","official":"République arabe syrienne"}},"cca2":"SY","ccn3":"760","independent":true,"latlng":[35,38],"demonyms":{"fra":{"f":"Syrienne","m":"Syrien"}}}]`)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := gazetteer.Encode(&out, b.Source()); err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Load(out.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Raqqa", "الرقة", "Syrie", "ar raqqah"} {
		ps, _ := g.Lookup(gazetteer.KeyOf(name))
		if len(ps) != 1 {
			t.Errorf("%q: %d places, want 1", name, len(ps))
		}
	}
	if cc, ok := g.Demonym(gazetteer.KeyOf("syriennes")); !ok || cc != "SY" {
		t.Errorf("demonym syriennes: %q %v", cc, ok)
	}
	p, ok := g.ByID(1)
	if !ok || p.Name != "Ar Raqqah" || p.Lat != 35.95283 || p.Population != 177636 {
		t.Errorf("ByID(1) = %+v %v", p, ok)
	}
}

func TestLoadRejectsCorruptInput(t *testing.T) {
	good := geodata.Gazetteer
	for name, s := range map[string]string{
		"empty":       "",
		"wrong magic": "not a gazetteer\n" + good[30:1000],
		"truncated":   good[:len(good)/2],
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := gazetteer.Load(s); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// TestLoadDump loads towns from a GeoNames dump in allCountries.txt format (a small fixture) with
// alternateNamesV2.txt, keeping the embedded countries, divisions and regions.
func TestLoadDump(t *testing.T) {
	g, err := gazetteer.LoadDump(geodata.Gazetteer, "testdata/dump-cities.txt", "testdata/dump-alternateNames.txt")
	if err != nil {
		t.Fatal(err)
	}
	towns := 0
	for i := 0; i < g.Len(); i++ {
		if g.Kind(uint32(i)) == report.KindPlace {
			towns++
		}
	}
	if towns != 3 {
		t.Errorf("%d towns, want the fixture's 3 populated places (the spring is not one)", towns)
	}
	for name, id := range map[string]int64{"Bir Hedaj": 9999001, "بئر هدج": 9999001, "Parigi": 2988507, "Paris, Texas": 4717560} {
		ps, _ := g.Lookup(gazetteer.KeyOf(name))
		towns := 0
		for _, p := range ps {
			if g.Kind(p.Place) == report.KindPlace {
				towns++
				if g.Place(p.Place).ID != id {
					t.Errorf("%q: town %d, want place %d", name, g.Place(p.Place).ID, id)
				}
			}
		}
		if towns != 1 {
			t.Errorf("%q: %v, want one town, place %d (the division of Paris is also Parigi)", name, ps, id)
		}
	}
	if _, ok := g.Country("SY"); !ok {
		t.Error("the embedded countries are gone")
	}
	if ps, _ := g.Lookup(gazetteer.KeyOf("https://example.org/x")); len(ps) != 0 {
		t.Error("a link from alternateNames became a name")
	}
	if _, err := gazetteer.LoadDump(geodata.Gazetteer, "testdata/missing.txt", ""); err == nil {
		t.Error("a missing dump gave no error")
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "d'Alep", "Deir ez-Zor", "وحمص", "St. Pölten", "\xff", "a\n\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf []byte
		prevEnd := 0
		for _, tk := range gazetteer.Tokenize(s, nil, &buf) {
			start, end := int(tk.Start), int(tk.End)
			if start < prevEnd || end <= start || end > len(s) || int(tk.NormEnd) > len(buf) || tk.NormStart >= tk.NormEnd {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			prevEnd = end
		}
	})
}

func FuzzLoad(f *testing.F) {
	f.Add(geodata.Gazetteer[:200])
	f.Add("dateline-gazetteer 2\n\x01\x02")
	f.Fuzz(func(t *testing.T, s string) {
		g, err := gazetteer.Load(s)
		if err == nil {
			for i := 0; i < g.Len(); i++ {
				_ = g.Names(uint32(i))
			}
		}
	})
}

// The embedded gazetteer derives Arabic demonyms and German adjectives from the countries' names in those
// languages (world-countries lists English and French demonyms only).
func TestDerivedDemonyms(t *testing.T) {
	g, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]string{
		"الأردني": "JO", "السوريين": "SY", "العراقية": "IQ", "سعودي": "SA", "إيراني": "IR", "عماني": "OM",
		"الإماراتي": "AE",
		"syrischen": "SY", "irakische": "IQ", "türkischer": "TR", "russisch": "RU", "italienischen": "IT",
		"ukrainische": "UA", "ägyptischen": "EG",
	} {
		if cc, ok := g.Demonym(gazetteer.KeyOf(word)); !ok || cc != want {
			t.Errorf("demonym %s: %q %v, want %s", word, cc, ok, want)
		}
	}
	for _, word := range []string{"مالي", "عمان", "الرقة", "Damaskus"} { // a country's own name, a town: not demonyms
		if cc, ok := g.Demonym(gazetteer.KeyOf(word)); ok {
			t.Errorf("%s read as a demonym of %s", word, cc)
		}
	}
}
