package geoparse

import (
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
func Feature(m report.Mention, off *Offsets) *geojson.Feature {
	f := geojson.NewFeature(orb.Point{m.Place.Lon, m.Place.Lat})
	alts := make([]map[string]any, 0, len(m.Alternatives))
	for _, a := range m.Alternatives {
		alts = append(alts, map[string]any{"geonameid": a.ID, "name": a.Name, "country_code": a.CountryCode,
			"feature_code": a.FeatureCode, "lat": a.Lat, "lon": a.Lon, "population": a.Population, "score": a.Score})
	}
	f.Properties = geojson.Properties{
		"name":         m.Place.Name,
		"text":         m.Text,
		"start":        off.CodePoint(m.Start),
		"end":          off.CodePoint(m.End),
		"geonameid":    m.Place.ID,
		"feature_code": m.Place.FeatureCode,
		"kind":         string(m.Place.Kind()),
		"country_code": m.Place.CountryCode,
		"admin1":       m.Place.Admin1,
		"population":   m.Place.Population,
		"confidence":   m.Confidence,
		"alternatives": alts,
	}
	if !m.Date.IsZero() {
		f.Properties["date"] = m.Date.String()
		f.Properties["date_precision"] = m.Date.Precision.String()
	}
	if m.ID != 0 {
		f.ID = m.ID
	}
	return f
}

// FeatureCollection is the GeoJSON of a text's mentions (in text order).
func FeatureCollection(text string, ms []report.Mention) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	off := NewOffsets(text)
	for _, m := range ms {
		fc.Append(Feature(m, off))
	}
	return fc
}
