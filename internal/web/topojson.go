package web

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
)

// topology is the part of a TopoJSON document the map image needs: polygons made of shared arcs,
// delta-encoded integers when the topology is quantised (it has a transform).
type topology struct {
	Arcs      [][][2]float64 `json:"arcs"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type string          `json:"type"`
			Arcs json.RawMessage `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
}

// topoPolygons decodes the polygons and multipolygons of the object name of a TopoJSON topology,
// each as a MultiPolygon in lon/lat.
func topoPolygons(data []byte, name string) ([]orb.MultiPolygon, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("topojson: %w", err)
	}
	obj, ok := t.Objects[name]
	if !ok {
		return nil, fmt.Errorf("topojson: no object %q", name)
	}
	arcs := make([][]orb.Point, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([]orb.Point, len(arc))
		var x, y float64
		for j, p := range arc {
			if t.Transform == nil {
				pts[j] = orb.Point{p[0], p[1]}
				continue
			}
			x, y = x+p[0], y+p[1]
			pts[j] = orb.Point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		arcs[i] = pts
	}
	ring := func(ids []int) (orb.Ring, error) {
		var r orb.Ring
		for _, id := range ids {
			i := id
			if id < 0 {
				i = ^id
			}
			if i >= len(arcs) {
				return nil, fmt.Errorf("topojson: arc %d of %d", i, len(arcs))
			}
			a := arcs[i]
			for k := range a {
				p := a[k]
				if id < 0 {
					p = a[len(a)-1-k]
				}
				if k == 0 && len(r) > 0 {
					continue // the arc starts where the previous one ended
				}
				r = append(r, p)
			}
		}
		return r, nil
	}
	polygon := func(rings [][]int) (orb.Polygon, error) {
		p := make(orb.Polygon, 0, len(rings))
		for _, ids := range rings {
			r, err := ring(ids)
			if err != nil {
				return nil, err
			}
			p = append(p, r)
		}
		return p, nil
	}
	var out []orb.MultiPolygon
	for _, g := range obj.Geometries {
		var mp orb.MultiPolygon
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, fmt.Errorf("topojson: polygon: %w", err)
			}
			p, err := polygon(rings)
			if err != nil {
				return nil, err
			}
			mp = orb.MultiPolygon{p}
		case "MultiPolygon":
			var polys [][][]int
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("topojson: multipolygon: %w", err)
			}
			for _, rings := range polys {
				p, err := polygon(rings)
				if err != nil {
					return nil, err
				}
				mp = append(mp, p)
			}
		default:
			continue
		}
		out = append(out, mp)
	}
	return out, nil
}
