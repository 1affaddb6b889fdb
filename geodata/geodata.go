// Package geodata embeds the data Dateline needs offline: the compact gazetteer built by make from
// GeoNames (CC BY 4.0) and world-countries (ODbL), and the Natural Earth basemap (world-atlas).
// See README.md beside this file for sources and licences.
package geodata

import _ "embed"

// Gazetteer is the compact gazetteer (gazetteer.Load reads it).
//
//go:embed gazetteer.bin
var Gazetteer string

// Countries50m and Countries110m are Natural Earth countries as TopoJSON, at two scales.
//
//go:embed countries-50m.json
var Countries50m []byte

//go:embed countries-110m.json
var Countries110m []byte
