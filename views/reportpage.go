package views

import (
	"net/url"

	"github.com/datelinehq/dateline/internal/report"
)

// ReportPath is the path of the report id under prefix ("/reports/", "/api/reports/"): the id,
// which a client may choose, escaped as net/url escapes a path, so that a browser or a client sends
// it back whole and the router reads the same id. Raw, a "?" or "#" in it would cut a link, a form's
// action or a fetch, and a NUL would break a Location header.
func ReportPath(prefix, id string) string {
	return prefix + (&url.URL{Path: id}).EscapedPath()
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
	AddAction, DeleteAction      string // the URLs of the forms that add a mention and delete the report
	Download                     Download
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
