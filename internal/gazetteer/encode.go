package gazetteer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/datelinehq/dateline/internal/report"
)

// The compact form: a magic line, then places with their names, then demonyms; numbers as varints,
// coordinates as float32 bits, strings as a length and bytes. Decode slices its strings out of the
// input string, so loading allocates little beyond the index.

const magic = "dateline-gazetteer 1\n"

// Encode writes src in the compact form.
func Encode(w io.Writer, src Source) error {
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = append(b, magic...)
	b = binary.AppendUvarint(b, uint64(len(src.Places)))
	for i, p := range src.Places {
		b = binary.AppendVarint(b, p.ID)
		str(p.Name)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(p.Lat)))
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(p.Lon)))
		str(p.FeatureCode)
		str(p.CountryCode)
		str(p.Admin1)
		b = binary.AppendUvarint(b, uint64(max(p.Population, 0)))
		b = binary.AppendUvarint(b, uint64(len(src.Names[i])))
		for _, n := range src.Names[i] {
			b = append(b, byte(n.Flags))
			str(n.Text)
		}
	}
	dem := make([]string, 0, len(src.Demonyms))
	for d := range src.Demonyms {
		dem = append(dem, d)
	}
	sort.Strings(dem)
	b = binary.AppendUvarint(b, uint64(len(dem)))
	for _, d := range dem {
		str(d)
		str(src.Demonyms[d])
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("gazetteer: encode: %w", err)
	}
	return nil
}

var errCorrupt = errors.New("gazetteer: corrupt compact form")

// decoder reads the compact form; its first error sticks.
type decoder struct {
	s   string
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var x uint64
	for shift := uint(0); ; shift += 7 {
		if len(d.s) == 0 || shift > 63 {
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
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.s)) {
		d.err = errCorrupt
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

func (d *decoder) f32() float64 {
	if d.err != nil || len(d.s) < 4 {
		d.err = errCorrupt
		return 0
	}
	v := math.Float32frombits(uint32(d.s[0]) | uint32(d.s[1])<<8 | uint32(d.s[2])<<16 | uint32(d.s[3])<<24)
	d.s = d.s[4:]
	return float64(v)
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.s) < 1 {
		d.err = errCorrupt
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

// Decode reads the compact form from s. The strings of the result share s's memory.
func Decode(s string) (Source, error) {
	if len(s) < len(magic) || s[:len(magic)] != magic {
		return Source{}, fmt.Errorf("gazetteer: not a compact gazetteer (rebuild it with make)")
	}
	d := &decoder{s: s[len(magic):]}
	n := d.uvarint()
	if n > uint64(len(d.s)) {
		return Source{}, errCorrupt
	}
	src := Source{Places: make([]report.Place, 0, n), Names: make([][]Name, 0, n), Demonyms: map[string]string{}}
	for i := uint64(0); i < n && d.err == nil; i++ {
		p := report.Place{ID: d.varint(), Name: d.str(), Lat: d.f32(), Lon: d.f32(), FeatureCode: d.str(),
			CountryCode: d.str(), Admin1: d.str(), Population: int64(d.uvarint())}
		k := d.uvarint()
		if k > uint64(len(d.s)) {
			return Source{}, errCorrupt
		}
		names := make([]Name, k)
		for j := range names {
			names[j].Flags = NameFlag(d.byte())
			names[j].Text = d.str()
		}
		src.Places = append(src.Places, p)
		src.Names = append(src.Names, names)
	}
	nd := d.uvarint()
	for i := uint64(0); i < nd && d.err == nil; i++ {
		k := d.str()
		src.Demonyms[k] = d.str()
	}
	if d.err != nil {
		return Source{}, d.err
	}
	return src, nil
}

// WithoutTowns returns src without its populated places: the countries, divisions and regions,
// to which a GeoNames dump can add towns of its own.
func (src Source) WithoutTowns() Source {
	out := Source{Demonyms: src.Demonyms}
	for i, p := range src.Places {
		if p.Kind() != report.KindPlace {
			out.Places = append(out.Places, p)
			out.Names = append(out.Names, src.Names[i])
		}
	}
	return out
}
