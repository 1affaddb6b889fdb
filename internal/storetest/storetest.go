// Package storetest is the conformance suite a Dateline store passes, whatever database it uses.
package storetest

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// Store is what the suite tests.
type Store interface {
	CreateReport(ctx context.Context, r *report.Report, idempotencyKey string) (*report.Report, bool, error)
	GetReport(ctx context.Context, id string) (*report.Report, error)
	ListReports(ctx context.Context, f report.ReportFilter) (report.ReportList, error)
	CountReports(ctx context.Context, f report.ReportFilter) (int, error)
	ReportDates(ctx context.Context) (from, to time.Time, err error)
	DeleteReport(ctx context.Context, id string) error
	EachReport(ctx context.Context, fn func(*report.Report) error) error
	QueryEvents(ctx context.Context, f report.EventFilter) (report.EventPage, error)
	Events(ctx context.Context, f report.EventFilter, after report.EventKey) iter.Seq2[report.Event, error]
	EventsAfter(ctx context.Context, f report.EventFilter, after report.EventKey, n int) ([]report.Event, error)
	EventsBefore(ctx context.Context, f report.EventFilter, before report.EventKey, n int) ([]report.Event, error)
	GetEvent(ctx context.Context, id int64) (report.Event, error)
	Histogram(ctx context.Context, f report.EventFilter, size report.BinSize) ([]report.Bin, error)
	Clusters(ctx context.Context, f report.EventFilter, zoom int) ([]report.Cluster, error)
	GetPlace(ctx context.Context, geonameid int64) (report.PlaceSummary, error)
	PlaceSpellings(ctx context.Context, langs ...string) ([]report.Spelling, error)
	PlacesAfter(ctx context.Context, f report.EventFilter, after int64, n int) ([]report.PlaceSummary, error)
	PlacesBefore(ctx context.Context, f report.EventFilter, before int64, n int) ([]report.PlaceSummary, error)
	CountPlaces(ctx context.Context, f report.EventFilter) (int, error)
	CorrectMention(ctx context.Context, reportID string, mentionID int64, place *report.Place) error
	ReplaceMentions(ctx context.Context, reportID string, ms []report.Mention) error
	AddMention(ctx context.Context, reportID string, start, end int, place report.Place) (report.Mention, error)
	CreateToken(ctx context.Context, t report.Token) error
	Tokens(ctx context.Context) ([]report.Token, error)
	RevokeToken(ctx context.Context, name string) error
	AddFeed(ctx context.Context, f report.Feed) error
	Feeds(ctx context.Context) ([]report.Feed, error)
	SavePoll(ctx context.Context, f report.Feed) error
	RemoveFeed(ctx context.Context, url string) error
	SeenFeedItem(ctx context.Context, feed, item string) (bool, error)
	MarkFeedItem(ctx context.Context, feed, item string, now time.Time) error
}

// Run runs the suite. open returns a new, empty store and closes it when the test ends.
func Run(t *testing.T, open func(t *testing.T) Store) {
	tests := []struct {
		name string
		test func(*testing.T, Store)
	}{
		{"CreateGetRoundTrip", testRoundTrip},
		{"CreateRejects", testCreateRejects},
		{"DuplicateContentAndIdempotencyKey", testDuplicates},
		{"ConcurrentDuplicates", testConcurrentDuplicates},
		{"ListReports", testListReports},
		{"ReportsFiltered", testReportsFiltered},
		{"ReportDates", testReportDates},
		{"DeleteCascades", testDelete},
		{"QueryEvents", testQueryEvents},
		{"EventFields", testEventFields},
		{"InvalidFilters", testInvalidFilters},
		{"StreamInQueryOrder", testStreamOrder},
		{"StreamResumes", testStreamResumes},
		{"StreamWhileWriting", testStreamWhileWriting},
		{"StreamCancelled", testStreamCancelled},
		{"PagesAfter", testEventsAfter},
		{"PagesBefore", testEventsBefore},
		{"GetEvent", testGetEvent},
		{"Histogram", testHistogram},
		{"Clusters", testClusters},
		{"GetPlace", testGetPlace},
		{"PlaceSpellings", testPlaceSpellings},
		{"PlacesPages", testPlacesPages},
		{"CorrectionsSurviveReplaceMentions", testCorrections},
		{"AddedMentionsSurviveReplaceMentions", testAddedMentions},
		{"EachReport", testEachReport},
		{"Tokens", testTokens},
		{"Feeds", testFeeds},
		{"DateRanges", testDateRanges},
		{"Where", testWhere},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, open(t)) })
	}
}

// Places, as the gazetteer gives them.
var (
	kyiv    = report.Place{ID: 703448, Name: "Kyiv", Lat: 50.45466, Lon: 30.5238, FeatureCode: "PPLC", CountryCode: "UA", Admin1: "12", Population: 2797553}
	paris   = report.Place{ID: 2988507, Name: "Paris", Lat: 48.85341, Lon: 2.3488, FeatureCode: "PPLC", CountryCode: "FR", Admin1: "11", Population: 2138551}
	lyon    = report.Place{ID: 2996944, Name: "Lyon", Lat: 45.74846, Lon: 4.84671, FeatureCode: "PPLA", CountryCode: "FR", Admin1: "84", Population: 522969}
	nairobi = report.Place{ID: 184745, Name: "Nairobi", Lat: -1.28333, Lon: 36.81667, FeatureCode: "PPLC", CountryCode: "KE", Admin1: "30", Population: 2750547}
	lima    = report.Place{ID: 3936456, Name: "Lima", Lat: -12.04318, Lon: -77.02824, FeatureCode: "PPLC", CountryCode: "PE", Admin1: "15", Population: 7737002}
	tokyo   = report.Place{ID: 1850147, Name: "Tokyo", Lat: 35.6895, Lon: 139.69171, FeatureCode: "PPLC", CountryCode: "JP", Admin1: "40", Population: 8336599}
	parisTX = report.Place{ID: 4717560, Name: "Paris", Lat: 33.66094, Lon: -95.55551, FeatureCode: "PPLA2", CountryCode: "US", Admin1: "TX", Population: 24782}
	georgia = report.Place{ID: 614540, Name: "Georgia", Lat: 42, Lon: 43.5, FeatureCode: "PCLI", CountryCode: "GE", Population: 3731000}
	atlanta = report.Place{ID: 4180439, Name: "Atlanta", Lat: 33.749, Lon: -84.38798, FeatureCode: "PPLA", CountryCode: "US", Admin1: "GA", Population: 463878}
)

// at returns a mention of p at the n-th (from 0) occurrence of name in text, in its sentence
// (text between full stops), dated d.
func at(text, name string, n int, p report.Place, d report.Date) report.Mention {
	start := -1
	for range n + 1 {
		i := strings.Index(text[start+1:], name)
		if i < 0 {
			panic(fmt.Sprintf("%q does not occur %d times in %q", name, n+1, text))
		}
		start += 1 + i
	}
	end := start + len(name)
	sStart := strings.LastIndex(text[:start], ". ") + 1
	if sStart > 0 {
		sStart++ // after the space
	}
	sEnd := len(text)
	if i := strings.Index(text[end:], "."); i >= 0 {
		sEnd = end + i + 1
	}
	return report.Mention{Start: start, End: end, Text: name, Place: p, SentenceStart: sStart, SentenceEnd: sEnd, Date: d, Confidence: 0.8}
}

func create(t *testing.T, s Store, r *report.Report, key string) *report.Report {
	t.Helper()
	stored, created, err := s.CreateReport(t.Context(), r, key)
	if err != nil {
		t.Fatalf("CreateReport(%q): %v", r.Title, err)
	}
	if !created {
		t.Fatalf("CreateReport(%q): created = false, want true", r.Title)
	}
	return stored
}

func wantKind(t *testing.T, what string, err error, want report.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want kind %s", what, want)
	}
	if got := report.ErrorKind(err); got != want {
		t.Fatalf("%s: error %v has kind %s, want %s", what, err, got, want)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// seed stores four reports with eight events (and one mention that is not a place), in this order.
// By date then id the events are the labels of allEvents.
func seed(t *testing.T, s Store) []*report.Report {
	t.Helper()
	t1 := "Heavy rain flooded Kyiv on 14 March. Officials in Paris sent help. Rescue teams reached Lyon later that month."
	t2 := "Nairobi saw no rain in 2021. Farmers near Lima watched prices."
	t3 := "Un séisme a frappé Tokyo le 28 février. Paris a envoyé des secours le 1er mars. Will ne sait pas."
	t4 := "Lyon is lovely."
	rs := []*report.Report{
		{Title: "Floods in Kyiv", Source: "wire", URL: "https://example.org/1", Lang: "en", Published: report.DayDate(2022, 3, 16), Text: t1,
			Mentions: []report.Mention{
				at(t1, "Kyiv", 0, kyiv, report.DayDate(2022, 3, 14)),
				at(t1, "Paris", 0, paris, report.DayDate(2022, 3, 16)),
				at(t1, "Lyon", 0, lyon, report.MonthDate(2022, 3)),
			}},
		{Title: "Drought in Kenya", Source: "blog", Lang: "en", Published: report.YearDate(2021), Text: t2,
			Mentions: []report.Mention{
				at(t2, "Nairobi", 0, nairobi, report.YearDate(2021)),
				at(t2, "Lima", 0, lima, report.DayDate(2021, 2, 28)),
			}},
		{Title: "Séisme au Japon", Source: "wire", Lang: "fr", Published: report.DayDate(2022, 2, 28), Text: t3,
			Mentions: []report.Mention{
				at(t3, "Tokyo", 0, tokyo, report.DayDate(2022, 2, 28)),
				at(t3, "Paris", 0, paris, report.DayDate(2022, 3, 1)),
				at(t3, "Will", 0, report.Place{ID: 2658009, Name: "Will", Lat: 47.4, Lon: 8.5, FeatureCode: "PPL", CountryCode: "CH"}, report.DayDate(2022, 3, 1)),
			}},
		{Title: "Notes", Source: "notes", Lang: "en", Text: t4, Mentions: []report.Mention{at(t4, "Lyon", 0, lyon, report.Date{})}},
	}
	rs[2].Mentions[2].NotAPlace = true
	for i, r := range rs {
		rs[i] = create(t, s, r, "")
	}
	return rs
}

var allEvents = []string{"Nairobi 2021", "Lima 2021-02-28", "Tokyo 2022-02-28", "Lyon 2022-03", "Paris 2022-03-01",
	"Kyiv 2022-03-14", "Paris 2022-03-16", "Lyon undated"}

func label(e report.Event) string {
	d := e.Date.String()
	if d == "" {
		d = "undated"
	}
	return e.Place.Name + " " + d
}

func labels(es []report.Event) []string {
	ls := []string{}
	for _, e := range es {
		ls = append(ls, label(e))
	}
	return ls
}

var (
	france = &orb.Bound{Min: orb.Point{-5, 41}, Max: orb.Point{10, 52}}
	europe = &orb.Bound{Min: orb.Point{-25, 34}, Max: orb.Point{45, 72}}
)
