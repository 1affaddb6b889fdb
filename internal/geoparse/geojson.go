package geoparse

import (
	"encoding/binary"
	"encoding/json"
	"sync"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb/geojson"
)

// Offsets converts byte offsets of text to Unicode code point offsets (what JavaScript and Python
// index by), for offsets given in ascending order.
type Offsets struct {
	text         string
	byteAt, cpAt int
}

// NewOffsets returns a converter for text.
func NewOffsets(text string) *Offsets { return &Offsets{text: text} }

// CodePoint returns the code point offset of byte offset b; offsets must not decrease between calls
// by more than a restart (it restarts from the beginning when they do).
func (o *Offsets) CodePoint(b int) int {
	if b < o.byteAt {
		o.byteAt, o.cpAt = 0, 0
	}
	o.cpAt += runeCount(o.text[o.byteAt:b])
	o.byteAt = b
	return o.cpAt
}

// runeCount is utf8.RuneCountInString(s), eight bytes at a time through runs of ASCII.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		if i+8 <= len(s) && binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 == 0 {
			i += 8
			n += 7
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return n
}

// Feature is the GeoJSON Feature of one mention: a Point at the place, and the properties users need.
// Its properties point into m.
func Feature(m *report.Mention, off *Offsets) *geojson.FeatureOf[report.FeatureProperties] {
	f := &geojson.FeatureOf[report.FeatureProperties]{Type: "Feature", Geometry: m.Place.Point(),
		Properties: report.MentionProperties(m, off.CodePoint(m.Start), off.CodePoint(m.End),
			make([]report.Alternative, 0, len(m.Alternatives)))}
	if m.ID != 0 {
		f.ID = m.ID
	}
	return f
}

// FeatureCollection is the GeoJSON of a text's mentions (in text order). Its properties point into ms.
func FeatureCollection(text string, ms []report.Mention) *geojson.FeatureCollectionOf[report.FeatureProperties] {
	fc := &geojson.FeatureCollectionOf[report.FeatureProperties]{Type: "FeatureCollection",
		Features: make([]*geojson.FeatureOf[report.FeatureProperties], 0, len(ms))}
	off := NewOffsets(text)
	for i := range ms {
		fc.Features = append(fc.Features, Feature(&ms[i], off))
	}
	return fc
}

// AppendFeatureCollection appends to b the bytes json.Marshal writes for FeatureCollection(text, ms)
// with, when id is set, the members "id" and "lang" of a --jsonl line (orb writes a collection's members
// in the order of their names), without reflection over the features. Like json.Marshal, it fails on a
// NaN or infinite number.
func AppendFeatureCollection(b []byte, text string, ms []report.Mention, id json.RawMessage, lang string) ([]byte, error) {
	b = append(b, `{"features":[`...)
	off := Offsets{text: text}
	scratch := scratchPool.Get().(*featureScratch)
	defer scratchPool.Put(scratch)
	alts := scratch.alts // reused from one feature to the next, and by the next call
	defer func() { scratch.alts = alts }()
	for i := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		m := &ms[i]
		if alts == nil || cap(alts) < len(m.Alternatives) {
			alts = make([]report.Alternative, 0, max(len(m.Alternatives), 4))
		}
		p := report.MentionProperties(m, off.CodePoint(m.Start), off.CodePoint(m.End), alts)
		var err error
		if b, err = report.AppendFeatureWith(b, m.ID, m.Place.Lon, m.Place.Lat, &p, &scratch.places); err != nil {
			return b, err
		}
	}
	b = append(b, ']')
	if len(id) > 0 {
		b = append(b, `,"id":`...)
		if plainID(id) {
			b = append(b, id...)
		} else {
			v, err := json.Marshal(id) // compacted and escaped as orb writes it
			if err != nil {
				return b, err
			}
			b = append(b, v...)
		}
		b = append(b, `,"lang":`...)
		if plainString(lang) {
			b = append(append(append(b, '"'), lang...), '"')
		} else {
			l, _ := json.Marshal(lang)
			b = append(b, l...)
		}
	}
	return append(b, `,"type":"FeatureCollection"}`...), nil
}

// featureScratch is AppendFeatureCollection's memory, kept for its next call: the alternatives of a
// feature, and the JSON of the places of recent ones.
type featureScratch struct {
	alts   []report.Alternative
	places report.AlternativeCache
}

// scratchPool holds the *featureScratch of AppendFeatureCollection.
var scratchPool = sync.Pool{New: func() any { return new(featureScratch) }}

// plainID reports whether json.Marshal writes the JSON value id as it is: a string that plainString
// accepts, or an integer without sign.
func plainID(id []byte) bool {
	switch {
	case len(id) >= 2 && id[0] == '"' && id[len(id)-1] == '"':
		return plainString(string(id[1 : len(id)-1]))
	case len(id) == 1 && id[0] == '0':
		return true
	case len(id) == 0 || id[0] < '1' || id[0] > '9':
		return false
	}
	for _, c := range id {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// plainString reports whether s is printable ASCII that a JSON string holds as it is, without the
// characters json.Marshal escapes for HTML (< > &).
func plainString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}
