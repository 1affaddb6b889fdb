// Package report holds Dateline's domain: reports, the places they mention and when.
// It imports nothing from the web, the store or the parsers.
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Report is one text that was read: an article, a dispatch, field notes.
type Report struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Source    string    `json:"source,omitempty"`
	URL       string    `json:"url,omitempty"`
	Published Date      `json:"date"` // the report's own date, possibly partial
	Lang      string    `json:"lang,omitempty"`
	Text      string    `json:"text"`
	Hash      string    `json:"hash"` // ContentHash of Text, for deduplication
	Created   time.Time `json:"created"`
	Mentions  []Mention `json:"mentions,omitempty"`
}

// ContentHash is the hex SHA-256 of text with line endings and surrounding space normalised,
// so the same content sent twice is recognised.
func ContentHash(text string) string {
	t := strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// Place is a gazetteer entry as a mention refers to it.
type Place struct {
	ID          int64   `json:"geonameid"` // GeoNames id; countries, admin1 and regions have ids of their own
	Name        string  `json:"name"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	FeatureCode string  `json:"feature_code"` // GeoNames feature code: PPLC, PPLA, ADM1, PCLI, RGN...
	CountryCode string  `json:"country_code"` // ISO 3166-1 alpha-2
	Admin1      string  `json:"admin1,omitempty"`
	Population  int64   `json:"population"`
}

// Point is the place's point on the map, lon/lat as GeoJSON has them.
func (p Place) Point() orb.Point { return orb.Point{p.Lon, p.Lat} }

// Kind is how big a thing the place is: a town, a first-level division, a country, a region.
func (p Place) Kind() PlaceKind {
	switch {
	case strings.HasPrefix(p.FeatureCode, "PCL"):
		return KindCountry
	case p.FeatureCode == "ADM1" || p.FeatureCode == "ADM2":
		return KindAdmin
	case p.FeatureCode == "RGN" || p.FeatureCode == "CONT" || p.FeatureCode == "AREA":
		return KindRegion
	}
	return KindPlace
}

// PlaceKind groups feature codes by the precision they give an event on a map.
type PlaceKind string

const (
	KindPlace   PlaceKind = "place"
	KindAdmin   PlaceKind = "admin"
	KindCountry PlaceKind = "country"
	KindRegion  PlaceKind = "region"
)

// Candidate is a place a mention could refer to, with the resolver's score for it.
type Candidate struct {
	Place
	Score float64 `json:"score"`
}

// Mention is one place named in a report's text, with the date of the event its sentence reports.
type Mention struct {
	ID       int64  `json:"id,omitempty"`
	ReportID string `json:"report_id,omitempty"`
	// Start and End are byte offsets into the report's text, half-open.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"` // the text matched, Text == report.Text[Start:End]
	Place Place  `json:"place"`
	// SentenceStart and SentenceEnd are byte offsets of the sentence holding the mention.
	SentenceStart int         `json:"sentence_start"`
	SentenceEnd   int         `json:"sentence_end"`
	Date          Date        `json:"date"`
	Confidence    float64     `json:"confidence"`
	Alternatives  []Candidate `json:"alternatives,omitempty"`
	// Corrected is set when a user chose the place (or NotAPlace) by hand; a reindex keeps it.
	Corrected bool `json:"corrected,omitempty"`
	NotAPlace bool `json:"not_a_place,omitempty"`
}
