package gazetteer

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"

	"github.com/datelinehq/dateline/internal/report"
)

// The compact form holds the places, their names, the demonyms and the finished name index, so that
// loading it is decoding, not indexing. Numbers are varints or little-endian words, coordinates float32
// bits, strings a length and bytes. Load slices its strings out of the input string, and decodes a
// place's names only when they are asked for.

const magic = "dateline-gazetteer 3\n"

type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) u32(v uint32)     { e.b = binary.LittleEndian.AppendUint32(e.b, v) }
func (e *encoder) u64(v uint64)     { e.b = binary.LittleEndian.AppendUint64(e.b, v) }

func (e *encoder) index(x *index) {
	e.uvarint(uint64(len(x.ents)))
	for _, en := range x.ents {
		e.u64(en.key)
	}
	for _, en := range x.ents {
		e.u32(en.off)
		e.u32(en.n)
	}
}

// Encode indexes src and writes it in the compact form.
func Encode(w io.Writer, src Source) error {
	g := Build(src)
	var names encoder
	e := &encoder{}
	e.b = append(e.b, magic...)
	e.uvarint(uint64(len(src.Places)))
	for i, p := range src.Places {
		e.b = binary.AppendVarint(e.b, p.ID)
		e.str(p.Name)
		e.u32(math.Float32bits(float32(p.Lat)))
		e.u32(math.Float32bits(float32(p.Lon)))
		e.str(p.FeatureCode)
		e.str(p.CountryCode)
		e.str(p.Admin1)
		e.str(src.Admin2[i])
		e.uvarint(uint64(max(p.Population, 0)))
		e.uvarint(uint64(len(names.b)))
		names.uvarint(uint64(len(src.Names[i])))
		for _, n := range src.Names[i] {
			names.b = append(names.b, byte(n.Flags))
			names.str(n.Text)
		}
	}
	e.str(string(names.b))
	dem := make([]string, 0, len(src.Demonyms))
	for d := range src.Demonyms {
		dem = append(dem, d)
	}
	sort.Strings(dem)
	e.uvarint(uint64(len(dem)))
	for _, d := range dem {
		e.str(d)
		e.str(src.Demonyms[d])
	}
	e.index(&g.keys)
	e.index(&g.loose)
	e.uvarint(uint64(len(g.postings)))
	for _, p := range g.postings {
		e.u32(p.Place)
	}
	for _, p := range g.postings {
		e.b = append(e.b, byte(p.Flags))
	}
	if _, err := w.Write(e.b); err != nil {
		return fmt.Errorf("gazetteer: encode: %w", err)
	}
	return nil
}

var errCorrupt = errors.New("gazetteer: corrupt compact form (rebuild it with make)")

// decoder reads the compact form; its first error sticks.
type decoder struct {
	s   string
	err error
}

func (d *decoder) need(n uint64) bool {
	if d.err == nil && n > uint64(len(d.s)) {
		d.err = errCorrupt
	}
	return d.err == nil
}

func (d *decoder) uvarint() uint64 {
	var x uint64
	for shift := uint(0); d.err == nil; shift += 7 {
		if !d.need(1) || shift > 63 {
			d.err = errCorrupt
			return 0
		}
		c := d.s[0]
		d.s = d.s[1:]
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	return 0
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if !d.need(n) {
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func (d *decoder) u32() uint32 {
	if !d.need(4) {
		return 0
	}
	v := uint32(d.s[0]) | uint32(d.s[1])<<8 | uint32(d.s[2])<<16 | uint32(d.s[3])<<24
	d.s = d.s[4:]
	return v
}

func (d *decoder) u64() uint64 { return uint64(d.u32()) | uint64(d.u32())<<32 }

// coord reads a float32 coordinate; float32 keeps about a metre, so no more digits are shown.
func (d *decoder) coord() float64 {
	return math.Round(float64(math.Float32frombits(d.u32()))*1e5) / 1e5
}

func (d *decoder) index(x *index) {
	n := d.uvarint()
	if !d.need(n * 16) {
		return
	}
	x.ents = make([]keyEntry, n)
	for i := range x.ents {
		x.ents[i].key = d.u64()
	}
	for i := range x.ents {
		x.ents[i].off, x.ents[i].n = d.u32(), d.u32()
	}
	if !slices.IsSortedFunc(x.ents, func(a, b keyEntry) int { return cmp.Compare(a.key, b.key) }) {
		d.err = errCorrupt
		return
	}
	x.buildLookup()
}

// names decodes the names stored at off of a names section.
func decodeNames(blob string, off uint32) []Name {
	d := &decoder{s: blob[off:]}
	k := d.uvarint()
	if !d.need(k) {
		return nil
	}
	out := make([]Name, k)
	for j := range out {
		if !d.need(1) {
			return nil
		}
		out[j].Flags = NameFlag(d.s[0])
		d.s = d.s[1:]
		out[j].Text = d.str()
	}
	return out
}

// Load reads the compact form (as geodata embeds it). The result shares s's memory.
func Load(s string) (*Gazetteer, error) {
	if len(s) < len(magic) || s[:len(magic)] != magic {
		return nil, fmt.Errorf("gazetteer: not a compact gazetteer of this version (rebuild it with make)")
	}
	d := &decoder{s: s[len(magic):]}
	n := d.uvarint()
	if !d.need(n) {
		return nil, d.err
	}
	places := make([]report.Place, n)
	admin2 := make([]string, n)
	offs := make([]uint32, n)
	for i := range places {
		places[i] = report.Place{ID: d.varint(), Name: d.str(), Lat: d.coord(), Lon: d.coord(), FeatureCode: d.str(),
			CountryCode: d.str(), Admin1: d.str()}
		admin2[i] = d.str()
		places[i].Population = int64(d.uvarint())
		offs[i] = uint32(d.uvarint())
	}
	blob := d.str()
	dem := map[string]string{}
	for k := d.uvarint(); k > 0 && d.err == nil; k-- {
		name := d.str()
		dem[name] = d.str()
	}
	if d.err != nil {
		return nil, d.err
	}
	for _, o := range offs {
		if int(o) >= len(blob) {
			return nil, errCorrupt
		}
	}
	g := newGazetteer(places, dem, admin2)
	g.names = func(i uint32) []Name { return decodeNames(blob, offs[i]) }
	d.index(&g.keys)
	d.index(&g.loose)
	np := d.uvarint()
	if !d.need(np * 5) {
		return nil, d.err
	}
	g.postings = make([]Posting, np)
	for i := range g.postings {
		g.postings[i].Place = d.u32()
	}
	for i := range g.postings {
		g.postings[i].Flags = NameFlag(d.s[i])
	}
	for _, x := range []*index{&g.keys, &g.loose} {
		for _, e := range x.ents {
			if uint64(e.off)+uint64(e.n&^contBit) > np {
				return nil, errCorrupt
			}
		}
	}
	for _, p := range g.postings {
		if int(p.Place) >= len(places) {
			return nil, errCorrupt
		}
	}
	g.fillPostings()
	return g, nil
}
