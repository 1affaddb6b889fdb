// Package views holds Dateline's pages and embeds as templ components. They take the plain view
// models of this file, built by the web package; they never see the store or the request.
package views

import (
	"github.com/a-h/templ"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
)

// Head is what a page's head needs.
type Head struct {
	Title string
	// OEmbed is the oEmbed discovery URL of the page, absolute, or empty.
	OEmbed string
	Theme  viewquery.Theme // empty follows the page's default
}

// Tiles is the basemap of the Leaflet maps: a tile layer's URL template and its attribution, or,
// when URL is empty, the offline Natural Earth countries.
type Tiles struct {
	URL, Attribution string
}

// Attrs are the map element's data attributes that name the tile layer; none when offline.
func (t Tiles) Attrs() templ.Attributes {
	if t.URL == "" {
		return templ.Attributes{}
	}
	return templ.Attributes{"data-tiles": t.URL, "data-tiles-attribution": t.Attribution}
}

// Event is one event of a list or a popup: a place mention, its sentence split around the name.
type Event struct {
	ReportID, Title, Source, URL string
	Date                         report.Date
	Name, Kind                   string
	PlaceID                      int64
	Before, Mark, After          string // the sentence: before the name, the name as written, after
}

// Results is a page of the event list.
type Results struct {
	Total       int
	Events      []Event
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

// Embed is the snippet that embeds the current view in another page.
type Embed struct {
	Snippet string
}

// EmbedPage is /embed, /embed/map or /embed/timeline.
type EmbedPage struct {
	Head     Head
	Map      bool
	Timeline bool
	Bound    string
	MapImage string // the map drawn on the server, shown without JavaScript
	Tiles    Tiles
	Bins     Timeline
	Total    int
	Link     string // the explore page of the same view
}

// Popup is what a map marker at one place shows.
type Popup struct {
	Name    string
	PlaceID int64
	Total   int
	Events  []Event
	More    string // the list of all the place's events, when Events are not all
}

// ReportPage is /reports/{id}.
type ReportPage struct {
	Head                         Head
	ID, Title, Source, URL, Lang string
	Date                         report.Date
	Segments                     []Segment
	Dates                        []DateFound
	Mentions                     []MentionRow
	Bound                        string
	Tiles                        Tiles
}

// Segment is a run of a report's text: plain when MentionID is 0, else a mention.
type Segment struct {
	Text      string
	MentionID int64
	PlaceID   int64
	Name      string
	Kind      string
	NotAPlace bool
}

// DateFound is a date the report's sentences give, and the places dated by it.
type DateFound struct {
	Date   report.Date
	Places []string
}

// MentionRow is a mention in the report page's table, with the form that corrects it.
type MentionRow struct {
	ID                        int64
	Text, Name, Kind, Country string
	Date                      report.Date
	Confidence                string
	PlaceID                   int64
	Corrected, NotAPlace      bool
	Choices                   []Choice
	Action                    string // the form's URL
}

// Choice is an option of a mention's correction form.
type Choice struct {
	Value, Label string
	Selected     bool
}

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
}

// IngestPage is /ingest: the form and, after a post, what was found, stored or refused.
type IngestPage struct {
	Head     Head
	Form     IngestForm
	Problems []Problem
	Previews []Preview      // after a preview
	Saved    *IngestSummary // after a save of several reports
}

// IngestForm is what the ingest form holds.
type IngestForm struct {
	Text, Title, Source, URL, Date, Lang string
}

// Problem is an input, or a record of one, that could not be read, and why.
type Problem struct {
	Origin, Message string
}

// Preview is a report read and analysed but not stored. Its segments are plain when Name is
// empty, else a mention.
type Preview struct {
	Origin, Title, Lang string
	Date                report.Date
	Segments            []Segment
	Places              []PreviewPlace
}

// PreviewPlace is a mention of a preview and the place it was resolved to.
type PreviewPlace struct {
	Text, Name, Kind, Country string
	Date                      report.Date
}

// IngestSummary is what became of the reports of a save.
type IngestSummary struct {
	Created, Duplicates []SavedReport
}

// SavedReport is a stored report and the input it was read from.
type SavedReport struct {
	Origin, ID string
}

// ErrorPage is an error for people: its HTTP status, its message in the page's language, and
// the id of the request, which the log has with the real error.
type ErrorPage struct {
	Status    int
	Message   string
	RequestID string
}
