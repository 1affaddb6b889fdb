package gazetteer

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// CountryNames are the countries' common names by ISO 3166-1 alpha-2 code and language (ISO
// 639-1): "SY" -> "fr" -> "Syrie". The gazetteer's own names carry no language; these do.
type CountryNames map[string]map[string]string

// countryNameLangs are the languages CountryNames keeps (the interface's), with world-countries'
// ISO 639-3 key of their translations; English is world-countries' common name.
var countryNameLangs = map[string]string{"fr": "fra"}

// ReadCountryNames reads npm world-countries' countries.json: each country's common name in English
// and in the interface's other languages.
func ReadCountryNames(r io.Reader) (CountryNames, error) {
	var cs []worldCountry
	if err := json.NewDecoder(r).Decode(&cs); err != nil {
		return nil, fmt.Errorf("gazetteer: read world-countries: %w", err)
	}
	out := CountryNames{}
	for _, c := range cs {
		if c.CCA2 == "" || c.Name.Common == "" {
			continue
		}
		names := map[string]string{"en": c.Name.Common}
		for lang, key := range countryNameLangs {
			if t := c.Translations[key].Common; t != "" {
				names[lang] = t
			}
		}
		out[strings.ToUpper(c.CCA2)] = names
	}
	if len(out) < 200 {
		return nil, fmt.Errorf("gazetteer: world-countries: %d countries, want 200 or more", len(out))
	}
	return out, nil
}

// Langs are the interface's languages, the languages in which CountryNames and PlaceNames name places.
func Langs() []string { return append([]string{"en"}, slices.Sorted(maps.Keys(countryNameLangs))...) }

// PlaceNames are the names of towns and first-level divisions by language and key, where each differs
// from the gazetteer's own name: "fr" -> "170654" (a town's GeoNames id) -> "Damas", "fr" -> "FR.53"
// (a division's country and admin1 code) -> "Bretagne".
type PlaceNames map[string]map[string]string

// placeNameKey is the key of p in PlaceNames: its GeoNames id for a town, its country's and admin1
// code for a first-level division, "" for other places (countries are named by CountryNames).
func placeNameKey(p *report.Place) string {
	switch p.Kind() {
	case report.KindPlace:
		return strconv.FormatInt(p.ID, 10)
	case report.KindAdmin:
		if p.FeatureCode == "ADM1" && p.Admin1 != "" {
			return p.CountryCode + "." + p.Admin1
		}
	}
	return ""
}

// NewPlaceNames keeps of catalogs (by language, GeoNames' names keyed as PlaceNames are) the names of
// the interface's languages for g's towns and first-level divisions that differ from g's own name.
func NewPlaceNames(g *Gazetteer, catalogs map[string]map[string]string) PlaceNames {
	out := PlaceNames{}
	for _, lang := range Langs() {
		cat := catalogs[lang]
		if len(cat) == 0 {
			continue
		}
		names := map[string]string{}
		for i := range uint32(g.Len()) {
			p := g.Place(i)
			k := placeNameKey(p)
			if n := strings.TrimSpace(cat[k]); k != "" && n != "" && n != p.Name {
				names[k] = n
			}
		}
		out[lang] = names
	}
	return out
}

// Atlas is what maps and filters need of the gazetteer's countries and towns: a country's code from
// any of its names, a place's name in a language, and the labels of the offline basemap.
type Atlas struct {
	g      *Gazetteer
	names  CountryNames
	places PlaceNames
	byName func() map[string]string // a country's folded names and code -> its code
	labels sync.Map                 // lang -> *geojson.FeatureCollection
}

// NewAtlas returns the Atlas of g's places; names (JSON of CountryNames, geodata.CountryNames) name
// the countries in the interface's languages, places (JSON of PlaceNames, geodata.PlaceNames) the
// towns and first-level divisions.
func NewAtlas(g *Gazetteer, names, places []byte) (*Atlas, error) {
	a := &Atlas{g: g, names: CountryNames{}, places: PlaceNames{}}
	if err := json.Unmarshal(names, &a.names); err != nil {
		return nil, fmt.Errorf("gazetteer: country names: %w", err)
	}
	if err := json.Unmarshal(places, &a.places); err != nil {
		return nil, fmt.Errorf("gazetteer: place names: %w", err)
	}
	a.byName = sync.OnceValue(a.indexCountries)
	return a, nil
}

// indexCountries maps every name of every country, folded, and its code to its code. Codes win over
// names, and common names (Syria, Syrie) over the other names; among countries that share a name,
// the first by code has it.
func (a *Atlas) indexCountries() map[string]string {
	m := map[string]string{}
	ccs := slices.Sorted(maps.Keys(a.g.country))
	add := func(name, cc string) {
		if k := string(foldName(nil, name)); k != "" {
			if _, taken := m[k]; !taken {
				m[k] = cc
			}
		}
	}
	for _, cc := range ccs {
		add(cc, cc)
	}
	for _, cc := range ccs {
		add(a.g.Place(a.g.country[cc]).Name, cc)
		for _, lang := range slices.Sorted(maps.Keys(a.names[cc])) {
			add(a.names[cc][lang], cc)
		}
	}
	for _, cc := range ccs {
		for _, n := range a.g.Names(a.g.country[cc]) {
			if n.Flags&NameAbbrev == 0 {
				add(n.Text, cc)
			}
		}
	}
	return m
}

// CountryCode is the ISO 3166-1 alpha-2 code of the country that s names: its code in any case
// (SY, sy) or any of its names in any language (Syria, Syrie, syria, Sūriyā); false if none.
func (a *Atlas) CountryCode(s string) (string, bool) {
	k := string(foldName(nil, s))
	if k == "" {
		return "", false
	}
	cc, ok := a.byName()[k]
	return cc, ok
}

// CountryName is the common name of the country cc in lang, "" when it is not known.
func (a *Atlas) CountryName(cc, lang string) string {
	return a.names[cc][lang]
}

// PlaceName is the name of p in lang, "" when it is not known there or is the gazetteer's own: a
// country's common name, a town's or a first-level division's name in GeoNames.
func (a *Atlas) PlaceName(p report.Place, lang string) string {
	if p.Kind() == report.KindCountry {
		return a.CountryName(p.CountryCode, lang)
	}
	if k := placeNameKey(&p); k != "" {
		return a.places[lang][k]
	}
	return ""
}

// NameOf is the name in lang of the gazetteer's place id, as PlaceName gives it.
func (a *Atlas) NameOf(id int64, lang string) string {
	p, ok := a.g.ByID(id)
	if !ok {
		return ""
	}
	return a.PlaceName(p, lang)
}

// Label zooms: a label shows from its zoom on.
const (
	labelTownPop    = 150_000 // the least population of a town with a label
	labelCapitalZ   = 3
	labelCountryBig = 20_000_000 // a country of this many people in towns is labelled from zoom 2
)

// Labels are the place labels of the offline basemap in lang: the countries, the capitals (of small
// countries from zoom 5) and the towns of 150,000 people or more, each by its name in lang where it is
// known, as Point features with the properties name, kind (country, capital or town), zoom (the least
// zoom that shows it) and rank (the order in which labels claim their room, from 0). Made once per
// language.
func (a *Atlas) Labels(lang string) *geojson.FeatureCollection {
	if fc, ok := a.labels.Load(lang); ok {
		return fc.(*geojson.FeatureCollection)
	}
	fc, _ := a.labels.LoadOrStore(lang, a.makeLabels(lang))
	return fc.(*geojson.FeatureCollection)
}

func (a *Atlas) makeLabels(lang string) *geojson.FeatureCollection {
	type label struct {
		name, kind string
		pt         orb.Point
		zoom       int
		pop        int64
		order      int // kind before population: capitals, then countries, then towns
	}
	var ls []label
	for cc, i := range a.g.country {
		p := a.g.Place(i)
		name := cmp.Or(a.CountryName(cc, lang), p.Name)
		z := 3
		if p.Population >= labelCountryBig {
			z = 2
		} else if p.Population < 1_000_000 {
			z = 5
		}
		ls = append(ls, label{name: name, kind: "country", pt: orb.Point{p.Lon, p.Lat}, zoom: z, pop: p.Population, order: 1})
	}
	for i := range uint32(a.g.Len()) {
		if a.g.Kind(i) != report.KindPlace {
			continue
		}
		p := a.g.Place(i)
		l := label{name: cmp.Or(a.PlaceName(*p, lang), p.Name), kind: "town", pt: orb.Point{p.Lon, p.Lat}, pop: p.Population, order: 2}
		switch {
		case p.FeatureCode == "PPLC":
			l.kind, l.zoom, l.order = "capital", labelCapitalZ, 0
			if c, ok := a.g.country[p.CountryCode]; !ok || a.g.Place(c).Population < 1_000_000 {
				l.zoom = 5 // the capital of an island or a small territory (Hamilton, Saint-Pierre)
			}
		case p.Population >= 1_000_000:
			l.zoom = 5
		case p.Population >= 400_000:
			l.zoom = 6
		case p.Population >= labelTownPop:
			l.zoom = 7
		default:
			continue
		}
		ls = append(ls, l)
	}
	slices.SortFunc(ls, func(x, y label) int {
		return cmp.Or(cmp.Compare(x.order, y.order), cmp.Compare(y.pop, x.pop), strings.Compare(x.name, y.name))
	})
	fc := geojson.NewFeatureCollection()
	for r, l := range ls {
		f := geojson.NewFeature(l.pt)
		f.Properties = geojson.Properties{"name": l.name, "kind": l.kind, "zoom": l.zoom, "rank": r}
		fc.Append(f)
	}
	return fc
}
