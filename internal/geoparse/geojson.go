package geoparse

import (
	"encoding/json"
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
	o.cpAt += utf8.RuneCountInString(o.text[o.byteAt:b])
	o.byteAt = b
	return o.cpAt
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
	off := NewOffsets(text)
	var alts []report.Alternative // reused from one feature to the next
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
		if b, err = report.AppendFeature(b, m.ID, m.Place.Lon, m.Place.Lat, &p); err != nil {
			return b, err
		}
	}
	b = append(b, ']')
	if len(id) > 0 {
		v, err := json.Marshal(id) // compacted and escaped as orb writes it
		if err != nil {
			return b, err
		}
		l, _ := json.Marshal(lang)
		b = append(append(append(append(b, `,"id":`...), v...), `,"lang":`...), l...)
	}
	return append(b, `,"type":"FeatureCollection"}`...), nil
}
