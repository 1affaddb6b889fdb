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
	Population          int64
	Count               int
	From, To            report.Date // the first and the last day of its events; zero when none is dated
	Bound               string
	Tiles               Tiles
	Query               viewquery.Query
	Timeline            Timeline
	Results             Results
	Embed               Embed
	Download            Download
}
