package views

import (
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
)

// EventItem is one event of a list or a popup: a place mention, its sentence split around the name.
type EventItem struct {
	ReportID, Title, Source, URL string
	Date                         report.Date
	Name, Kind                   string
	PlaceID                      int64
	Before, Mark, After          string // the sentence: before the name, the name as written, after
}

// Results is a page of the event list.
type Results struct {
	Total       int
	Events      []EventItem
	Page, Pages int
	Prev, Next  string // URLs of the previous and next pages, or empty
}

// Explore is the explore page: map, timeline, list and filters over one Query.
type Explore struct {
	Head     Head
	Query    viewquery.Query
	Bound    string // initial view of the map, minLon,minLat,maxLon,maxLat; empty for the world
	MapImage string // the map drawn on the server (/map.svg), shown without JavaScript
	Tiles    Tiles
	Timeline Timeline
	Results  Results
	Embed    Embed
}

// Popup is what a map marker at one place shows.
type Popup struct {
	Name    string
	PlaceID int64
	Total   int
	Events  []EventItem
	More    string // the list of all the place's events, when Events are not all
}
