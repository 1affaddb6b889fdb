package views

import (
	"github.com/datelinehq/dateline/internal/report"
)

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
