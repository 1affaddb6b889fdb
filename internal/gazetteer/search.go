package gazetteer

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/datelinehq/dateline/internal/report"
)

// Finder finds places by the start of any of their names, in any language and script, for a
// search box: "raq" finds Ar Raqqah, "بغد" Baghdad, "mün" München.
// The index is made on first use (about 2 s and 25 MB for the embedded gazetteer); Warm makes it
// ahead.
type Finder struct {
	g     *Gazetteer
	index func() *nameIndex
}

// nameIndex is every folded name of the places, sorted.
type nameIndex struct {
	names string   // the names, one after the other
	ends  []uint32 // ends[k] is the end of the k-th name in names
	place []uint32 // place[k] is the index of the k-th name's place
}

// NewFinder returns a Finder of g's places.
func NewFinder(g *Gazetteer) *Finder {
	return &Finder{g: g, index: sync.OnceValue(func() *nameIndex { return indexNames(g) })}
}

// Warm makes the index now, so that the first search does not wait for it.
func (f *Finder) Warm() { f.index() }

// indexNames folds and sorts the names of g's places.
func indexNames(g *Gazetteer) *nameIndex {
	type entry struct{ start, end, place uint32 }
	var arena []byte
	var es []entry
	for i := range uint32(g.Len()) {
		first := len(es)
	names:
		for _, n := range g.Names(i) {
			start := len(arena)
			arena = foldName(arena, n.Text)
			e := entry{uint32(start), uint32(len(arena)), i}
			for _, o := range es[first:] { // a place's names folded alike are one
				if e.start == e.end || string(arena[o.start:o.end]) == string(arena[e.start:e.end]) {
					arena = arena[:start]
					continue names
				}
			}
			es = append(es, e)
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(bytes.Compare(arena[a.start:a.end], arena[b.start:b.end]), cmp.Compare(a.place, b.place))
	})
	x := &nameIndex{ends: make([]uint32, len(es)), place: make([]uint32, len(es))}
	names := make([]byte, 0, len(arena))
	for k, e := range es {
		names = append(names, arena[e.start:e.end]...)
		x.ends[k], x.place[k] = uint32(len(names)), e.place
	}
	x.names = string(names)
	return x
}

// foldName appends s folded for a search: letters and digits folded as the parser folds them
// (case and accents gone), any run of other characters one space, none at the ends.
func foldName(dst []byte, s string) []byte {
	start, space := len(dst), false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst, space = append(dst, ' '), false
		}
		dst = appendFold(dst, r)
	}
	return dst
}

// name is the k-th folded name.
func (x *nameIndex) name(k int) string {
	start := uint32(0)
	if k > 0 {
		start = x.ends[k-1]
	}
	return x.names[start:x.ends[k]]
}

// maxScan bounds the names a search reads: a prefix of one common letter matches many thousands.
const maxScan = 20_000

// Search returns up to n places with a name that starts with q (folded: case and accents do not
// count), those named q exactly first, then by population.
func (f *Finder) Search(q string, n int) []report.Place {
	q = string(foldName(nil, q))
	if q == "" || n <= 0 {
		return nil
	}
	type hit struct {
		place uint32
		exact bool
	}
	x := f.index()
	best := map[uint32]bool{} // place -> named exactly
	first := sort.Search(len(x.ends), func(k int) bool { return x.name(k) >= q })
	for k := first; k < len(x.ends) && k < first+maxScan; k++ {
		name := x.name(k)
		if !strings.HasPrefix(name, q) {
			break
		}
		best[x.place[k]] = best[x.place[k]] || name == q
	}
	hits := make([]hit, 0, len(best))
	for p, exact := range best {
		hits = append(hits, hit{p, exact})
	}
	rank := map[report.PlaceKind]int{report.KindCountry: 0, report.KindRegion: 1, report.KindAdmin: 2, report.KindPlace: 3}
	slices.SortFunc(hits, func(a, b hit) int {
		pa, pb := f.g.Place(a.place), f.g.Place(b.place)
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(pb.Population, pa.Population),
			cmp.Compare(rank[f.g.Kind(a.place)], rank[f.g.Kind(b.place)]), cmp.Compare(pa.ID, pb.ID))
	})
	out := make([]report.Place, 0, min(n, len(hits)))
	for _, h := range hits[:min(n, len(hits))] {
		out = append(out, *f.g.Place(h.place))
	}
	return out
}

// Place returns the place with the GeoNames id, for a choice made from a search.
func (f *Finder) Place(id int64) (report.Place, bool) { return f.g.ByID(id) }
