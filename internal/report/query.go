package report

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// Page sizes: a filter's Limit of 0 means the default; larger limits are cut to the maximum.
const (
	DefaultReportLimit = 50
	MaxReportLimit     = 500
	DefaultEventLimit  = 100
	MaxEventLimit      = 5000
)

// ReportFilter selects reports, newest first.
type ReportFilter struct {
	// From and To, when set, keep reports whose published date overlaps [From, To).
	From, To time.Time
	// BBox keeps reports with an event inside it (as EventFilter.BBox); Q, Source and Lang as
	// EventFilter's.
	BBox            *orb.Bound
	Q, Source, Lang string
	Limit           int
	// Cursor is a ReportList.Next from the previous page; empty for the first page.
	Cursor string
	// Before is a ReportList.Prev: the page is then the Limit reports just before the page it
	// came from (newer ones), newest first. At most one of Cursor and Before is set.
	Before string
	// Mentions, when set, has each report come with its mentions, as GetReport gives them.
	Mentions bool
}

// Normalize checks f and sets its default limit.
func (f *ReportFilter) Normalize() error {
	if f.Cursor != "" && f.Before != "" {
		return Errorf(Invalid, "a page of reports is after a cursor or before one, not both")
	}
	f.Limit = limit(f.Limit, DefaultReportLimit, MaxReportLimit)
	if f.BBox != nil || f.Q != "" {
		ef := EventFilter{BBox: f.BBox, Q: f.Q}
		if err := ef.Normalize(); err != nil {
			return err
		}
		f.BBox, f.Q = ef.BBox, ef.Q
	}
	return checkRange(f.From, f.To, f.Limit, 0)
}

// Events is the filter of the events f's conditions on events select: its box.
func (f ReportFilter) Events() EventFilter { return EventFilter{BBox: f.BBox} }

// ReportList is one page of reports, without their mentions.
type ReportList struct {
	Reports []Report `json:"reports"`
	// Next is the cursor of the following page; empty on the last page.
	Next string `json:"next,omitempty"`
	// Prev is the cursor of the page before (ReportFilter.Before); empty on the first page.
	Prev string `json:"prev,omitempty"`
}

// EventFilter selects events: place mentions that are places, with their report.
// Zero fields do not filter.
type EventFilter struct {
	BBox *orb.Bound // events whose place lies inside; west > east crosses the antimeridian
	// From and To keep events whose date range overlaps [From, To); undated events never match a range.
	From, To time.Time
	Q        string // words that must occur in the report's title or text; "a phrase" and prefix* work
	PlaceID  int64  // GeoNames id
	Country  string // ISO 3166-1 alpha-2
	Source   string
	Lang     string
	ReportID string
	// Where, when set, keeps the events it holds for (see Expr and Match): a CQL2 filter.
	Where  Expr
	Limit  int
	Offset int
}

// Normalize checks f and sets its default limit. A bbox wider than the world is none; one whose
// longitudes pass ±180 (a map's copies of the world) is wrapped; one whose west lies east of its
// east crosses the antimeridian (see Boxes).
func (f *EventFilter) Normalize() error {
	if f.BBox != nil {
		b := *f.BBox
		switch w, e := b.Min.Lon(), b.Max.Lon(); {
		case b.Min.Lat() < -90 || b.Max.Lat() > 90:
			return Errorf(Invalid, "bbox %v: latitudes lie in -90..90", *f.BBox)
		case b.Min.Lat() > b.Max.Lat():
			return Errorf(Invalid, "bbox %v has its south above its north", *f.BBox)
		case w <= e && e-w >= 360: // a map zoomed out past the whole world
			b.Min[0], b.Max[0] = -180, 180
		case w < -180 || w > 180 || e < -180 || e > 180:
			if w > e {
				return Errorf(Invalid, "bbox %v: a west east of the east must lie in -180..180", *f.BBox)
			}
			b.Min[0], b.Max[0] = wrapLon(w), wrapLon(e)
		}
		if b == (orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}) {
			f.BBox = nil
		} else {
			f.BBox = &b
		}
	}
	if err := f.normalizeQ(); err != nil {
		return err
	}
	if f.Where != nil {
		if err := CheckExpr(f.Where); err != nil {
			return err
		}
	}
	f.Limit = limit(f.Limit, DefaultEventLimit, MaxEventLimit)
	return checkRange(f.From, f.To, f.Limit, f.Offset)
}

// wrapLon brings a longitude into -180..180.
func wrapLon(x float64) float64 {
	if x >= -180 && x <= 180 {
		return x
	}
	return x - 360*math.Floor((x+180)/360)
}

// CrossesAntimeridian reports whether a box's west lies east of its east: it runs from its west
// to 180 and on from -180 to its east.
func CrossesAntimeridian(b orb.Bound) bool { return b.Min.Lon() > b.Max.Lon() }

// SelectsAll reports whether f selects every event: it has no condition (its Limit and Offset
// aside).
func (f EventFilter) SelectsAll() bool {
	return f.BBox == nil && f.From.IsZero() && f.To.IsZero() && f.Q == "" && f.PlaceID == 0 && f.Country == "" &&
		f.Source == "" && f.Lang == "" && f.ReportID == "" && f.Where == nil
}

// Boxes is f's bbox as boxes that do not cross the antimeridian: none without a bbox, two for one
// that crosses it (west to 180, -180 to east), else the bbox.
func (f EventFilter) Boxes() []orb.Bound {
	switch b := f.BBox; {
	case b == nil:
		return nil
	case CrossesAntimeridian(*b):
		return []orb.Bound{
			{Min: b.Min, Max: orb.Point{180, b.Max.Lat()}},
			{Min: orb.Point{-180, b.Min.Lat()}, Max: b.Max},
		}
	}
	return []orb.Bound{*f.BBox}
}

// A search is at most MaxQBytes long and MaxQWords words once repeated words are collapsed, so
// that no query costs more than a few of them.
const (
	MaxQBytes = 1000
	MaxQWords = 32
)

// normalizeQ collapses the repeated words of f.Q (in any case) and checks its size.
func (f *EventFilter) normalizeQ() error {
	if len(f.Q) > MaxQBytes {
		return Errorf(Invalid, "q is longer than %d bytes", MaxQBytes)
	}
	if strings.IndexByte(f.Q, 0) >= 0 || !utf8.ValidString(f.Q) {
		return Errorf(Invalid, "q must be UTF-8 text without NUL characters")
	}
	words := strings.Fields(f.Q)
	seen := make(map[string]bool, len(words))
	kept := words[:0]
	for _, w := range words {
		if k := strings.ToLower(w); !seen[k] {
			seen[k] = true
			kept = append(kept, w)
		}
	}
	if len(kept) > MaxQWords {
		return Errorf(Invalid, "q has %d different words: at most %d", len(kept), MaxQWords)
	}
	f.Q = strings.Join(kept, " ")
	return nil
}

func limit(n, def, most int) int {
	switch {
	case n == 0:
		return def
	case n > most:
		return most
	}
	return n
}

func checkRange(from, to time.Time, limit, offset int) error {
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return Errorf(Invalid, "date range %s to %s is empty", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	if limit < 0 || offset < 0 {
		return Errorf(Invalid, "limit and offset must not be negative")
	}
	return nil
}

// Event is one place mention as the map and the timeline show it: where, when, and which report says so.
type Event struct {
	MentionID  int64   `json:"id"`
	ReportID   string  `json:"report_id"`
	Title      string  `json:"title,omitempty"`
	Source     string  `json:"source,omitempty"`
	URL        string  `json:"url,omitempty"`
	Lang       string  `json:"lang,omitempty"`
	Published  Date    `json:"published"`
	Text       string  `json:"text"` // the name as written
	Place      Place   `json:"place"`
	Date       Date    `json:"date"`
	Confidence float64 `json:"confidence"`
	Corrected  bool    `json:"corrected,omitempty"`
	Sentence   string  `json:"sentence"`
	// Start and End are the byte offsets of Text inside Sentence, for highlighting.
	Start int `json:"start"`
	End   int `json:"end"`
}

// EventPage is one page of events sorted by date, and how many events match in all.
type EventPage struct {
	Events []Event `json:"events"`
	Total  int     `json:"total"`
}

// BinSize is the width of a histogram bin.
type BinSize string

const (
	BinDay   BinSize = "day"
	BinWeek  BinSize = "week" // ISO weeks, from Monday
	BinMonth BinSize = "month"
)

// Validate reports an Invalid error for an unknown size.
func (s BinSize) Validate() error {
	switch s {
	case BinDay, BinWeek, BinMonth:
		return nil
	}
	return Errorf(Invalid, "unknown bin size %q: want day, week or month", string(s))
}

// Floor returns the start of the bin holding t, in UTC.
func (s BinSize) Floor(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	switch s {
	case BinWeek:
		return time.Date(y, m, d-(int(t.UTC().Weekday())+6)%7, 0, 0, 0, 0, time.UTC)
	case BinMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Bin counts the events whose date intersects the bin beginning at Start (see BinCounts).
type Bin struct {
	Start time.Time `json:"start"`
	Count int       `json:"count"`
}

// Cluster stands for the events in one cell of a map grid: at map zoom z, the web map tiles of
// zoom z+2, about 64 pixels wide.
type Cluster struct {
	Point orb.Point `json:"point"` // the mean of the members' points
	Bound orb.Bound `json:"bound"` // the members' extent, to zoom into
	Count int       `json:"count"`
	// PlaceID, Name and Kind are set when all members are at one point: one place.
	PlaceID int64     `json:"geonameid,omitempty"`
	Name    string    `json:"name,omitempty"`
	Kind    PlaceKind `json:"kind,omitempty"`
	Event   *Event    `json:"event,omitempty"` // the only member, when Count is 1
}

// PlaceSummary is what a place page shows about one place.
type PlaceSummary struct {
	Place Place `json:"place"`
	Count int   `json:"count"` // events at the place
	// From and To span the events' dates, [From, To); zero when none is dated.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}
