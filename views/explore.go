package views

import (
	"context"

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
	// From and To are the range the user chose (zero when open), which an empty list names.
	From, To report.Date
	Filtered bool // any filter applies, so that an empty list can say "these filters"
}

// Explore is the explore page: map, timeline, list and filters over one Query.
type Explore struct {
	Head     Head
	Query    viewquery.Query
	Problems []FieldProblem // the filter's invalid fields; the page shows the events of the rest
	Bound    string         // initial view of the map, minLon,minLat,maxLon,maxLat; empty for the world
	View     string         // the map's position from the URL, zoom/lat/lon, which wins over Bound
	MapQuery string         // the query string of the map's markers: the valid part of the filter
	Dots     bool           // the map draws the events as dots from the vector tiles: a view of many
	Download Download
	MapImage string // the map drawn on the server (/map.svg), shown without JavaScript
	Tiles    Tiles
	Timeline Timeline
	Results  Results
	Embed    Embed
}

// Popup is what a map marker at one place shows.
type Popup struct {
	Name    string // in the reader's language where known
	AltName string // the gazetteer's name when Name is another, else empty
	PlaceID int64
	Total   int
	Events  []EventItem
	More    string // the list of all the place's events, when Events are not all
}

// FieldProblem is an invalid field of the filter form: its name, the value the URL gave it, and the
// message in the page's language.
type FieldProblem struct {
	Param, Value, Message string
}

// problemOf is the problem of the field name, if any.
func problemOf(ps []FieldProblem, name string) (FieldProblem, bool) {
	for _, p := range ps {
		if p.Param == name {
			return p, true
		}
	}
	return FieldProblem{}, false
}

// Download is the download menu of a view: its Total events in every export format; or a report's
// Places placed mentions as GeoJSON.
type Download struct {
	GeoJSON string // a report's /api/reports/ID?f=geojson
	Total   int
	Places  int    // a report's mentions of places
	File    string // the file's name, dateline-events.geojson when empty
	Exports []Export
}

// Export is a link to every event of a view as a file of one format.
type Export struct {
	Label, URL, File, Type string
}

func (d Download) file() string {
	if d.File != "" {
		return d.File
	}
	return "dateline-events.geojson"
}

// formField reports whether the filter form has a field for the parameter name.
func formField(name string) bool {
	switch name {
	case "from", "to", "q", "place", "country", "source", "lang", "bbox":
		return true
	}
	return false
}

// emptyMessage says why the list is empty, with the user's range when there is one.
func emptyMessage(ctx context.Context, r Results) string {
	l := LocaleOf(ctx)
	switch {
	case !r.From.IsZero() && !r.To.IsZero():
		return l.Tf("No event from %s to %s matches these filters. Widen the range or clear a filter.", l.Date(r.From), l.Date(r.To))
	case !r.From.IsZero():
		return l.Tf("No event from %s on matches these filters. Widen the range or clear a filter.", l.Date(r.From))
	case !r.To.IsZero():
		return l.Tf("No event up to %s matches these filters. Widen the range or clear a filter.", l.Date(r.To))
	case r.Filtered:
		return l.T("No event matches these filters. Clear a filter to see more.")
	}
	return l.T("No events yet: add reports to see them here.")
}

// layerOf is the map's data-layer: "dots" for the vector tiles' dots, "markers" for the clusters.
func layerOf(dots bool) string {
	if dots {
		return "dots"
	}
	return "markers"
}
