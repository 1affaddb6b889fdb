package geoparse

import (
	"encoding/json"
	"slices"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
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
	f := &geojson.FeatureOf[report.FeatureProperties]{Type: "Feature", Geometry: orb.Point{m.Place.Lon, m.Place.Lat},
		Properties: report.MentionProperties(m, off.CodePoint(m.Start), off.CodePoint(m.End))}
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

// AppendFeatureCollection appends to b the bytes json.Marshal writes for FeatureCollection(text, ms) with
// members as its ExtraMembers, without reflection over the features. Like json.Marshal, it fails on a
// NaN or infinite number.
func AppendFeatureCollection(b []byte, text string, ms []report.Mention, members geojson.Properties) ([]byte, error) {
	names := make([]string, 0, len(members)+2)
	names = append(names, "features", "type")
	for name := range members {
		if name != "features" && name != "type" && name != "bbox" { // orb's own members win
			names = append(names, name)
		}
	}
	slices.Sort(names)
	b = append(b, '{')
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(name)
		if err != nil {
			return b, err
		}
		b = append(append(b, k...), ':')
		switch name {
		case "features":
			if b, err = appendFeatures(b, text, ms); err != nil {
				return b, err
			}
		case "type":
			b = append(b, `"FeatureCollection"`...)
		default:
			v, err := json.Marshal(members[name])
			if err != nil {
				return b, err
			}
			b = append(b, v...)
		}
	}
	return append(b, '}'), nil
}

// appendFeatures appends the JSON array of the Features of ms.
func appendFeatures(b []byte, text string, ms []report.Mention) ([]byte, error) {
	off := NewOffsets(text)
	b = append(b, '[')
	for i := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		m := &ms[i]
		p := report.MentionProperties(m, off.CodePoint(m.Start), off.CodePoint(m.End))
		var err error
		if b, err = report.AppendFeature(b, m.ID, m.Place.Lon, m.Place.Lat, &p); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}
