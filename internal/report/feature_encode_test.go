package report

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendFloatAsJSON checks appendFloat, which writes numbers of few decimals itself, against
// json.Marshal: coordinates of five decimals and scores of three as geoparse writes them, numbers of
// every magnitude, halves and near-halves, and random doubles.
func TestAppendFloatAsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var xs []float64
	for range 200000 {
		xs = append(xs,
			math.Round((r.Float64()*360-180)*1e5)/1e5, // a longitude
			math.Round(r.Float64()*20*1e3)/1e3,        // a score
			math.Round(r.NormFloat64()*1e3)/1e3,
			r.Float64()*math.Pow(10, float64(r.IntN(40)-20)),
			-r.ExpFloat64(),
			math.Float64frombits(r.Uint64()),
		)
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1e-6, 1e-7, 9.999999e-7, 1e9, 999999999.999999,
		1e21, 0.1, 0.3, 123456.000001, 1.0000005, 2.675, math.MaxFloat64, math.SmallestNonzeroFloat64, 5e-324,
		math.Nextafter(1e9, 0), math.Nextafter(1e-6, 0), math.Nextafter(0.5, 1), 4503599627370496.5} {
		xs = append(xs, x, -x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1)))
	}
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		want, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendFloat([]byte("x"), x); string(got) != "x"+string(want) {
			t.Fatalf("appendFloat(%v (%#x)) = %s, want x%s", x, math.Float64bits(x), got, want)
		}
	}
}

// TestAppendStringAsJSON checks appendString against json.Marshal for every byte and rune class:
// controls, quotes, HTML characters, U+2028, invalid UTF-8.
func TestAppendStringAsJSON(t *testing.T) {
	var ss []string
	for c := range 256 {
		ss = append(ss, string([]byte{byte(c)}), "Abu "+string([]byte{byte(c)})+"Kamal")
	}
	ss = append(ss, "", "Raqqa", "Deir ez-Zor", "Kobané", "الرقة", "a\u2028b", "a\u2029", "\xff\xfe", "é\xc3", "日本", "\x7f",
		"\xe2\x80", "x\xe2\x80\xa8", "\xe2\x80\xa9y", "\u202a\u2027", "\xe2\x80\xa8\xff", "\xed\xa0\x80", "\xf4\x90\x80\x80")
	r := rand.New(rand.NewPCG(7, 8))
	alphabet := []byte("a<\"\x00\x7f\xe2\x80\xa8\xa9\xc3\xff\xed\xf0\x9f\x98\x80")
	for range 200000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		ss = append(ss, string(b))
	}
	for _, s := range ss {
		want, _ := json.Marshal(s)
		if got := appendString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("appendString(%q) = %s, want x%s", s, got, want)
		}
	}
}

// TestAppendFeatureWithCache checks that the alternatives' JSON taken from an AlternativeCache is what
// AppendFeature writes without one: for places met again, for places of one geonameid that differ (a
// name, -0 and 0), and for many places sharing the cache's slots.
func TestAppendFeatureWithCache(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"Alexandria", "Paris", "Kobané", "<b>", "Abu Kamal"}
	var cache AlternativeCache
	for range 20000 {
		alts := make([]Alternative, r.IntN(4))
		for i := range alts {
			id := int64(r.IntN(3000)) // collisions in the cache's 512 slots and repeats
			alts[i] = Alternative{CountryCode: "US", FeatureCode: "PPL", GeonameID: id,
				Lat: float64(id%7) / 3, Lon: -float64(id % 5), Name: names[id%5], Population: id * 13,
				Score: math.Round(r.NormFloat64()*1e3) / 1e3}
			switch r.IntN(10) {
			case 0:
				alts[i].Name = names[r.IntN(len(names))] // the same geonameid named otherwise
			case 1:
				alts[i].Lat = math.Copysign(0, -1)
			case 2:
				alts[i].Lat = 0
			}
		}
		p := FeatureProperties{Alternatives: alts, Name: "x", Text: "x", Kind: KindPlace}
		want, err := AppendFeature(nil, 1, 2.5, -3, &p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendFeatureWith(nil, 1, 2.5, -3, &p, &cache)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("with the cache:\n%s\nwithout:\n%s", got, want)
		}
	}
}

// TestAppendIntAsStrconv checks appendInt against strconv.AppendInt, at every length and both ends.
func TestAppendIntAsStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ns := []int64{0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for p := int64(1); p < 1e18; p *= 10 {
		ns = append(ns, p, p-1, p+1, -p, 1-p)
	}
	for range 100000 {
		ns = append(ns, int64(r.Uint64()), r.Int64N(1e8), -r.Int64N(1e4))
	}
	for _, n := range ns {
		if got, want := string(appendInt([]byte("x"), n)), "x"+strconv.FormatInt(n, 10); got != want {
			t.Fatalf("appendInt(%d) = %s, want %s", n, got, want)
		}
	}
}
