package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/project"
)

// The size of a map image when the query does not give one, and its bounds, in pixels.
const (
	mapImageWidth, mapImageHeight = 720, 420
	mapImageMin, mapImageMax      = 64, 2048
)

// kindColours are the markers' colours (app.css's --place, --admin, --country), by the place's kind.
var kindColours = map[string]string{"place": "#c2410c", "admin": "#7c3aed", "country": "#0f766e"}

// mapImageURL is the map image of the view q, width by height pixels.
func mapImageURL(path string, q viewquery.Query, width, height int) string {
	q.Theme, q.Page = "", 0
	v := q.Values()
	v.Set("width", strconv.Itoa(width))
	v.Set("height", strconv.Itoa(height))
	return path + "?" + v.Encode()
}

// mapImage is GET /map.svg: the events the query selects as circles over the Natural Earth
// countries, in a Web Mercator view that fits the query's bbox (or the events), width by height
// pixels: the oEmbed thumbnail and the map without JavaScript.
func (s *Server) mapImage(c echo.Context) error {
	_, f, err := s.viewQuery(c)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = 0, 0
	size := [2]int{mapImageWidth, mapImageHeight}
	for i, name := range []string{"width", "height"} {
		n, err := viewquery.WholeNumber(c.QueryParams(), name)
		if err != nil {
			return err
		}
		if n != 0 {
			size[i] = min(max(n, mapImageMin), mapImageMax)
		}
	}
	ctx := c.Request().Context()
	bound := orb.Bound{Min: orb.Point{-170, -58}, Max: orb.Point{180, 78}}
	pad := 0.0
	if f.BBox != nil && !report.CrossesAntimeridian(*f.BBox) { // one across the antimeridian: the world
		bound = *f.BBox
	} else if b, err := s.initialBound(ctx, f); err != nil {
		return err
	} else if b != nil {
		bound, pad = *b, 0.1
	}
	m := fitMercator(bound, pad, float64(size[0]), float64(size[1]))
	if f.BBox == nil {
		f.BBox = &m.view
	}
	cs, err := s.events.Clusters(ctx, f, m.zoom+2) // as the Leaflet map asks at its zoom
	if err != nil {
		return err
	}
	countries, err := s.countries()
	if err != nil {
		return err
	}
	body := drawMap(locale(c), m, countries, cs, size)
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	h := c.Response().Header()
	h.Add("Vary", "Accept-Language")
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=60")
	if c.Request().Header.Get("If-None-Match") == etag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, "image/svg+xml; charset=utf-8", body)
}

// mercatorFit maps lon/lat to the pixels of an image through Web Mercator.
type mercatorFit struct {
	scale  float64   // pixels per metre
	origin orb.Point // the Mercator point at the image's top left
	view   orb.Bound // the lon/lat the image shows
	zoom   int       // the web map zoom of about that scale
}

// fitMercator fits b, grown by pad of its size on each side, into w by h pixels, centred.
func fitMercator(b orb.Bound, pad, w, h float64) mercatorFit {
	clampLat := func(p orb.Point) orb.Point { return orb.Point{p[0], min(max(p[1], -85), 85)} }
	lo, hi := project.WGS84.ToMercator(clampLat(b.Min)), project.WGS84.ToMercator(clampLat(b.Max))
	dx, dy := max(hi[0]-lo[0], 1000), max(hi[1]-lo[1], 1000)
	lo, hi = orb.Point{lo[0] - pad*dx, lo[1] - pad*dy}, orb.Point{hi[0] + pad*dx, hi[1] + pad*dy}
	scale := min(w/(hi[0]-lo[0]), h/(hi[1]-lo[1]))
	cx, cy := (lo[0]+hi[0])/2, (lo[1]+hi[1])/2
	origin := orb.Point{cx - w/2/scale, cy + h/2/scale}
	min, max := project.Mercator.ToWGS84(orb.Point{origin[0], cy - h/2/scale}), project.Mercator.ToWGS84(orb.Point{cx + w/2/scale, origin[1]})
	view := orb.Bound{Min: orb.Point{math.Max(min[0], -180), math.Max(min[1], -85)}, Max: orb.Point{math.Min(max[0], 180), math.Min(max[1], 85)}}
	const world = 2 * math.Pi * 6378137 // Web Mercator's width in metres
	zoom := int(math.Floor(math.Log2(scale * world / 256)))
	return mercatorFit{scale: scale, origin: origin, view: view, zoom: int(math.Min(math.Max(float64(zoom), 0), 18))}
}

// px is the pixel of a lon/lat point.
func (m mercatorFit) px(p orb.Point) (float64, float64) {
	q := project.WGS84.ToMercator(orb.Point{p[0], min(max(p[1], -89), 89)})
	return (q[0] - m.origin[0]) * m.scale, (m.origin[1] - q[1]) * m.scale
}

// drawMap writes the SVG: sea, countries clipped to the view, then the clusters, largest first;
// its titles in the language of l.
func drawMap(l views.Locale, m mercatorFit, countries []orb.MultiPolygon, cs []report.Cluster, size [2]int) []byte {
	total := 0
	for _, c := range cs {
		total += c.Count
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="title">`,
		size[0], size[1], size[0], size[1])
	buf.WriteString(`<title id="title">`)
	xml.EscapeText(&buf, []byte(l.Tf("Dateline: %s on a map of %s", l.Events(total), viewquery.FormatBBox(m.view))))
	buf.WriteString(`</title>`)
	buf.WriteString(`<rect class="sea" width="100%" height="100%" fill="#dbe8f2"/><g class="countries" fill="#f4f1ea" stroke="#9aa5b1" stroke-width="0.6" stroke-linejoin="round">`)
	// Clip a little outside the view, so that no border is drawn along the image's edges.
	clipTo := m.view.Pad(math.Max(m.view.Max[0]-m.view.Min[0], m.view.Max[1]-m.view.Min[1]) * 0.02)
	for _, mp := range countries {
		if !mp.Bound().Intersects(clipTo) {
			continue
		}
		var d []byte
		for _, poly := range clip.MultiPolygon(clipTo, mp.Clone()) {
			for _, r := range poly {
				for i, p := range r {
					x, y := m.px(p)
					if i == 0 {
						d = append(d, 'M')
					} else {
						d = append(d, 'L')
					}
					d = strconv.AppendFloat(d, x, 'f', 1, 64)
					d = append(d, ' ')
					d = strconv.AppendFloat(d, y, 'f', 1, 64)
				}
				d = append(d, 'Z')
			}
		}
		if len(d) > 0 {
			fmt.Fprintf(&buf, `<path d="%s"/>`, d)
		}
	}
	buf.WriteString(`</g><g class="events" stroke="#fff" stroke-width="1.5" font-family="system-ui, sans-serif" font-size="11" font-weight="700" text-anchor="middle">`)
	cs = slices.Clone(cs)
	slices.SortStableFunc(cs, func(a, b report.Cluster) int { return b.Count - a.Count })
	for _, c := range cs {
		kind := string(c.Kind)
		colour, ok := kindColours[kind]
		if !ok {
			colour, kind = "#475569", "mixed"
		}
		x, y := m.px(c.Point)
		r := (18 + 6*math.Log2(float64(c.Count))) / 2
		label := l.Events(c.Count)
		if c.Name != "" {
			label = l.Tf("%s: %s", c.Name, label)
		}
		fmt.Fprintf(&buf, `<g class="kind-%s"><circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" data-count="%d"><title>`, kind, x, y, r, colour, c.Count)
		xml.EscapeText(&buf, []byte(label))
		fmt.Fprintf(&buf, `</title></circle><text x="%.1f" y="%.1f" fill="#fff" stroke="none">%d</text></g>`, x, y+4, c.Count)
	}
	buf.WriteString(`</g></svg>`)
	return buf.Bytes()
}

// naturalEarth110m decodes the 1:110m Natural Earth countries.
func naturalEarth110m() ([]orb.MultiPolygon, error) {
	return topoPolygons(geodata.Countries110m, "countries")
}
