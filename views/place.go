package views

import (
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
)

// PlacePage is /places/{geonameid}.
type PlacePage struct {
	Head                Head
	ID                  int64
	Name, Kind, Country string
	// AltName is the gazetteer's name of the place when Name is its name in the reader's language
	// (only countries' are known by language), else empty.
	AltName string
	// GeoNamesURL is the place's page at GeoNames, empty for a place of Dateline's own id (a
	// country, division or region GeoNames does not number).
	GeoNamesURL string
	// Population is a town's, from GeoNames; 0 when no right figure is known (the gazetteer's
	// countries and divisions only sum their towns of 500 people or more).
	Population int64
	Count      int
	From, To   report.Date // the first and the last day of its events; zero when none is dated
	Bound      string
	Tiles      Tiles
	Query      viewquery.Query
	Timeline   Timeline
	Results    Results
	Embed      Embed
	Download   Download
}
