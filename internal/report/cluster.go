package report

import (
	"cmp"
	"maps"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// ClusterUnitsPerDegree is the unit of the points a ClusterGrid counts: integers of 1e-5 degree,
// about a metre, GeoNames' precision. Sums of integers are exact in any order, so the clusters do
// not depend on the order a store reads the points in.
const ClusterUnitsPerDegree = 100_000

// MaxClusterZoom is the deepest map zoom clusters are made for.
const MaxClusterZoom = 22

// ClusterGrid counts events by the cell of the map grid they lie in, as Cluster describes it, and
// turns the cells into clusters. A store reads the events' points; the grid does the rest.
type ClusterGrid struct {
	zoom  maptile.Zoom
	cells map[maptile.Tile]*clusterCell
}

// clusterCell is the sum of the events in a cell, in ClusterUnitsPerDegree.
type clusterCell struct {
	count, member, sumLon, sumLat  int64 // member: the id of one of them, 0 when not known
	minLon, minLat, maxLon, maxLat int64
}

// NewClusterGrid returns an empty grid for a map at zoom, or an Invalid error for a zoom outside
// 0..MaxClusterZoom.
func NewClusterGrid(zoom int) (*ClusterGrid, error) {
	if zoom < 0 || zoom > MaxClusterZoom {
		return nil, Errorf(Invalid, "zoom %d is outside 0..%d", zoom, MaxClusterZoom)
	}
	return &ClusterGrid{zoom: maptile.Zoom(zoom + 2), cells: map[maptile.Tile]*clusterCell{}}, nil
}

// Add counts n events at the point lon, lat, in ClusterUnitsPerDegree; member is the mention id
// of one of them, or 0 when the caller does not know one.
func (g *ClusterGrid) Add(member, lon, lat, n int64) {
	t := maptile.At(orb.Point{float64(lon) / ClusterUnitsPerDegree, float64(lat) / ClusterUnitsPerDegree}, g.zoom)
	c := g.cells[t]
	if c == nil {
		c = &clusterCell{member: member, minLon: lon, minLat: lat, maxLon: lon, maxLat: lat}
		g.cells[t] = c
	}
	c.count += n
	c.sumLon, c.sumLat = c.sumLon+n*lon, c.sumLat+n*lat
	c.minLon, c.minLat, c.maxLon, c.maxLat = min(c.minLon, lon), min(c.minLat, lat), max(c.maxLon, lon), max(c.maxLat, lat)
}

// OnePoint is a cluster whose members are all at one point: one place, which DescribeClusters
// describes from one of its members.
type OnePoint struct {
	Cluster  int   // the cluster's index in the grid's clusters
	Lon, Lat int64 // the point, in ClusterUnitsPerDegree
	Member   int64 // the mention id of a member, 0 when none was added with one
}

// Clusters returns the grid's clusters, by row then column of their cells, without their place,
// and, in the same order, those whose members are all at one point.
func (g *ClusterGrid) Clusters() ([]Cluster, []OnePoint) {
	tiles := slices.SortedFunc(maps.Keys(g.cells), func(a, b maptile.Tile) int { return cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.X, b.X)) })
	cs := make([]Cluster, len(tiles))
	var one []OnePoint
	deg := func(u int64) float64 { return float64(u) / ClusterUnitsPerDegree }
	for i, t := range tiles {
		c := g.cells[t]
		cs[i] = Cluster{
			Point: orb.Point{deg(c.sumLon) / float64(c.count), deg(c.sumLat) / float64(c.count)},
			Bound: orb.Bound{Min: orb.Point{deg(c.minLon), deg(c.minLat)}, Max: orb.Point{deg(c.maxLon), deg(c.maxLat)}},
			Count: int(c.count),
		}
		if c.minLon == c.maxLon && c.minLat == c.maxLat {
			one = append(one, OnePoint{Cluster: i, Lon: c.minLon, Lat: c.minLat, Member: c.member})
		}
	}
	return cs, one
}

// DescribeClusters sets the place of the clusters in cs whose members are at one point, from one of their
// members: events holds, in the order of one, the events of their Member ids, leaving out those
// not found (deleted since the clusters were counted), whose clusters keep no place. A cluster of
// one member gets its event.
func DescribeClusters(cs []Cluster, one []OnePoint, events []Event) {
	for _, o := range one {
		if len(events) == 0 || events[0].MentionID != o.Member {
			continue
		}
		e := &events[0]
		events = events[1:]
		c := &cs[o.Cluster]
		p := e.Place.Point()
		c.PlaceID, c.Name, c.Kind, c.Point, c.Bound = e.Place.ID, e.Place.Name, e.Place.Kind(), p, p.Bound()
		if c.Count == 1 {
			c.Event = e
		}
	}
}
