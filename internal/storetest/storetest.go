// Package storetest is the conformance suite a Dateline store passes, whatever database it uses.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// Store is what the suite tests.
type Store interface {
	CreateReport(ctx context.Context, r *report.Report, idempotencyKey string) (*report.Report, bool, error)
	GetReport(ctx context.Context, id string) (*report.Report, error)
	ListReports(ctx context.Context, f report.ReportFilter) (report.ReportPage, error)
	DeleteReport(ctx context.Context, id string) error
	EachReport(ctx context.Context, fn func(*report.Report) error) error
	QueryEvents(ctx context.Context, f report.EventFilter) (report.EventPage, error)
	Histogram(ctx context.Context, f report.EventFilter, size report.BinSize) ([]report.Bin, error)
	Clusters(ctx context.Context, f report.EventFilter, zoom int) ([]report.Cluster, error)
	GetPlace(ctx context.Context, geonameid int64) (report.PlaceSummary, error)
	CorrectMention(ctx context.Context, reportID string, mentionID int64, place *report.Place) error
	ReplaceMentions(ctx context.Context, reportID string, ms []report.Mention) error
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
		{"DeleteCascades", testDelete},
		{"QueryEvents", testQueryEvents},
		{"EventFields", testEventFields},
		{"InvalidFilters", testInvalidFilters},
		{"Histogram", testHistogram},
		{"Clusters", testClusters},
		{"GetPlace", testGetPlace},
		{"CorrectionsSurviveReplaceMentions", testCorrections},
		{"EachReport", testEachReport},
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

func testRoundTrip(t *testing.T, s Store) {
	text := "Un séisme a frappé Tokyo le 28 février. Paris a envoyé des secours en mars. Le Kenya attend 2023."
	in := &report.Report{
		Title: "Séisme au Japon", Source: "wire", URL: "https://example.org/a/1", Lang: "fr",
		Published: report.MonthDate(2022, time.March), Text: text,
		Mentions: []report.Mention{ // in text order, as they are returned
			at(text, "séisme", 0, lima, report.Date{}),
			at(text, "Tokyo", 0, tokyo, report.DayDate(2022, time.February, 28)),
			at(text, "Paris", 0, paris, report.MonthDate(2022, time.March)),
			at(text, "Kenya", 0, nairobi, report.YearDate(2023)),
		},
	}
	in.Mentions[0].NotAPlace = true
	in.Mentions[1].Alternatives = []report.Candidate{{Place: tokyo, Score: 0.9}, {Place: kyiv, Score: 0.1}}
	stored := create(t, s, in, "")

	if stored.ID == "" || stored.Created.IsZero() || stored.Hash != report.ContentHash(text) {
		t.Fatalf("stored ID %q, Created %v, Hash %q: want an id, a time and ContentHash", stored.ID, stored.Created, stored.Hash)
	}
	if stored.Title != in.Title || stored.Source != in.Source || stored.URL != in.URL || stored.Lang != in.Lang ||
		stored.Published != in.Published || stored.Text != in.Text || len(stored.Mentions) != 4 {
		t.Fatalf("stored %+v, want the fields of %+v", stored, in)
	}
	for i, m := range stored.Mentions {
		want := in.Mentions[i]
		want.ID, want.ReportID = m.ID, stored.ID
		if m.ID == 0 || !reflect.DeepEqual(m, want) {
			t.Errorf("stored mention %d = %+v, want %+v with an id", i, m, want)
		}
	}
	got, err := s.GetReport(t.Context(), stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, stored) {
		t.Errorf("GetReport = %+v\nwant %+v", got, stored)
	}
	_, err = s.GetReport(t.Context(), "nope")
	wantKind(t, "GetReport(nope)", err, report.NotFound)

	// The caller's id and time are kept.
	when := time.Date(2020, 5, 6, 7, 8, 9, 123456789, time.UTC)
	own := create(t, s, &report.Report{ID: "own-id", Text: "Own words.", Created: when}, "")
	got, err = s.GetReport(t.Context(), "own-id")
	if err != nil || own.ID != "own-id" || !got.Created.Equal(when) || got.Published != (report.Date{}) {
		t.Errorf("GetReport(own-id) = %+v, %v; want id own-id created %v, no date", got, err, when)
	}
}

func testCreateRejects(t *testing.T, s Store) {
	create(t, s, &report.Report{ID: "taken", Text: "First."}, "")
	tests := []struct {
		name string
		r    report.Report
		want report.Kind
	}{
		{"no text", report.Report{Text: "  \n"}, report.Invalid},
		{"mention past the end", report.Report{Text: "Kyiv.", Mentions: []report.Mention{{Start: 0, End: 9, Place: kyiv}}}, report.Invalid},
		{"sentence past the end", report.Report{Text: "Kyiv.", Mentions: []report.Mention{{Start: 0, End: 4, SentenceEnd: 6, Place: kyiv}}}, report.Invalid},
		{"place off the globe", report.Report{Text: "Kyiv.", Mentions: []report.Mention{{Start: 0, End: 4, Place: report.Place{Lat: 91}}}}, report.Invalid},
		{"id taken by other content", report.Report{ID: "taken", Text: "Second."}, report.Conflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := s.CreateReport(t.Context(), &tt.r, "")
			wantKind(t, "CreateReport", err, tt.want)
		})
	}
	page, err := s.ListReports(t.Context(), report.ReportFilter{})
	if err != nil || len(page.Reports) != 1 {
		t.Errorf("after rejected creates ListReports = %d reports, %v; want 1", len(page.Reports), err)
	}
}

func testDuplicates(t *testing.T, s Store) {
	first := create(t, s, &report.Report{Title: "First", Text: "Floods in Kyiv.\n"}, "key-1")
	tests := []struct {
		name string
		r    report.Report
		key  string
	}{
		{"same text", report.Report{Title: "Again", Text: "Floods in Kyiv.\n"}, ""},
		{"same text, other line endings and space", report.Report{Text: "  Floods in Kyiv.\r\n"}, "key-2"},
		{"same idempotency key, other text", report.Report{Text: "Something else."}, "key-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, created, err := s.CreateReport(t.Context(), &tt.r, tt.key)
			if err != nil || created || !reflect.DeepEqual(got, first) {
				t.Errorf("CreateReport = %+v, %v, %v; want the first report, false", got, created, err)
			}
		})
	}
	other := create(t, s, &report.Report{Text: "Something else."}, "key-3")
	if other.ID == first.ID {
		t.Errorf("new content got the first report's id %q", other.ID)
	}
	page, err := s.ListReports(t.Context(), report.ReportFilter{})
	if err != nil || len(page.Reports) != 2 {
		t.Errorf("ListReports = %d reports, %v; want 2", len(page.Reports), err)
	}
}

func testConcurrentDuplicates(t *testing.T, s Store) {
	const n = 20
	var wg sync.WaitGroup
	ids := make([]string, n)
	createdN := make([]bool, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			text := "The same dispatch from Lima."
			r, created, err := s.CreateReport(t.Context(), &report.Report{Text: text, Mentions: []report.Mention{at(text, "Lima", 0, lima, report.YearDate(2020))}}, "")
			if err == nil {
				ids[i] = r.ID
			}
			createdN[i], errs[i] = created, err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if c := slices.Index(createdN, true); c < 0 || slices.Index(createdN[c+1:], true) >= 0 {
		t.Errorf("created = %v, want true exactly once", createdN)
	}
	if ids[0] == "" || slices.ContainsFunc(ids, func(id string) bool { return id != ids[0] }) {
		t.Errorf("ids = %v, want one id", ids)
	}
	page, err := s.ListReports(t.Context(), report.ReportFilter{})
	if err != nil || len(page.Reports) != 1 {
		t.Errorf("ListReports = %d reports, %v; want 1", len(page.Reports), err)
	}
	events, err := s.QueryEvents(t.Context(), report.EventFilter{})
	if err != nil || events.Total != 1 {
		t.Errorf("QueryEvents total = %d, %v; want 1", events.Total, err)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func testListReports(t *testing.T, s Store) {
	t0 := day(2024, 6, 1)
	add := func(title string, d report.Date, created time.Duration) {
		create(t, s, &report.Report{Title: title, Text: "Report " + title + ".", Published: d, Created: t0.Add(created)}, "")
	}
	add("A", report.DayDate(2024, 3, 5), 0)
	add("B", report.MonthDate(2024, 3), 1*time.Minute)
	add("C", report.YearDate(2023), 2*time.Minute)
	add("D", report.DayDate(2024, 1, 10), 3*time.Minute)
	add("E", report.Date{}, 4*time.Minute)
	add("F", report.DayDate(2024, 3, 5), 5*time.Minute)

	titles := func(rs []report.Report) string {
		var b strings.Builder
		for _, r := range rs {
			b.WriteString(r.Title)
		}
		return b.String()
	}
	tests := []struct {
		name string
		f    report.ReportFilter
		want string
	}{
		{"all, newest first, undated last", report.ReportFilter{}, "FABDCE"},
		{"a day inside a month", report.ReportFilter{From: day(2024, 3, 3), To: day(2024, 3, 4)}, "B"},
		{"a month inside a year", report.ReportFilter{From: day(2023, 6, 1), To: day(2023, 7, 1)}, "C"},
		{"from only", report.ReportFilter{From: day(2024, 3, 5)}, "FAB"},
		{"to only, exclusive", report.ReportFilter{To: day(2024, 1, 10)}, "C"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.ListReports(t.Context(), tt.f)
			if err != nil || titles(page.Reports) != tt.want || page.Next != "" {
				t.Errorf("ListReports = %q next %q, %v; want %q, no next", titles(page.Reports), page.Next, err, tt.want)
			}
		})
	}
	t.Run("pages", func(t *testing.T) {
		var got []string
		f := report.ReportFilter{Limit: 2}
		for {
			page, err := s.ListReports(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, titles(page.Reports))
			if page.Next == "" {
				break
			}
			f.Cursor = page.Next
		}
		if want := []string{"FA", "BD", "CE"}; !slices.Equal(got, want) {
			t.Errorf("pages = %q, want %q", got, want)
		}
	})
	t.Run("bad cursor", func(t *testing.T) {
		_, err := s.ListReports(t.Context(), report.ReportFilter{Cursor: "not a cursor"})
		wantKind(t, "ListReports", err, report.Invalid)
	})
}

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

func point(p report.Place) orb.Point { return orb.Point{p.Lon, p.Lat} }

var (
	france = &orb.Bound{Min: orb.Point{-5, 41}, Max: orb.Point{10, 52}}
	europe = &orb.Bound{Min: orb.Point{-25, 34}, Max: orb.Point{45, 72}}
)

func testQueryEvents(t *testing.T, s Store) {
	rs := seed(t, s)
	tests := []struct {
		name string
		f    report.EventFilter
		want []string
	}{
		{"all, by date, undated last", report.EventFilter{}, allEvents},
		{"bbox", report.EventFilter{BBox: france}, []string{"Lyon 2022-03", "Paris 2022-03-01", "Paris 2022-03-16", "Lyon undated"}},
		{"bbox wider than the world", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{-400, -100}, Max: orb.Point{400, 100}}}, allEvents},
		{"bbox taller than the world", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{0, -100}, Max: orb.Point{180, 100}}},
			[]string{"Nairobi 2021", "Tokyo 2022-02-28", "Lyon 2022-03", "Paris 2022-03-01", "Kyiv 2022-03-14", "Paris 2022-03-16", "Lyon undated"}},
		{"bbox and a range inside a month", report.EventFilter{BBox: europe, From: day(2022, 3, 10), To: day(2022, 3, 15)},
			[]string{"Lyon 2022-03", "Kyiv 2022-03-14"}},
		{"range after a month", report.EventFilter{From: day(2022, 4, 1), To: day(2022, 5, 1)}, []string{}},
		{"range on a year's last day", report.EventFilter{From: day(2021, 12, 31), To: day(2022, 1, 1)}, []string{"Nairobi 2021"}},
		{"range inside a day", report.EventFilter{From: day(2022, 3, 14).Add(6 * time.Hour), To: day(2022, 3, 14).Add(7 * time.Hour)},
			[]string{"Lyon 2022-03", "Kyiv 2022-03-14"}},
		{"from only", report.EventFilter{From: day(2022, 3, 16)}, []string{"Lyon 2022-03", "Paris 2022-03-16"}},
		{"to only", report.EventFilter{To: day(2021, 3, 1)}, []string{"Nairobi 2021", "Lima 2021-02-28"}},
		{"word", report.EventFilter{Q: "flooded"}, []string{"Lyon 2022-03", "Kyiv 2022-03-14", "Paris 2022-03-16"}},
		{"word in title", report.EventFilter{Q: "kenya"}, []string{"Nairobi 2021", "Lima 2021-02-28"}},
		{"words all present", report.EventFilter{Q: "rain farmers"}, []string{"Nairobi 2021", "Lima 2021-02-28"}},
		{"prefix", report.EventFilter{Q: "flood*"}, []string{"Lyon 2022-03", "Kyiv 2022-03-14", "Paris 2022-03-16"}},
		{"phrase", report.EventFilter{Q: `"heavy rain"`}, []string{"Lyon 2022-03", "Kyiv 2022-03-14", "Paris 2022-03-16"}},
		{"phrase in other order", report.EventFilter{Q: `"rain heavy"`}, []string{}},
		{"word without its accent", report.EventFilter{Q: "seisme"}, []string{"Tokyo 2022-02-28", "Paris 2022-03-01"}},
		{"FTS5 syntax is read as words", report.EventFilter{Q: "NEAR(kyiv OR"}, []string{}},
		{"place", report.EventFilter{PlaceID: paris.ID}, []string{"Paris 2022-03-01", "Paris 2022-03-16"}},
		{"country, any case", report.EventFilter{Country: "fr"}, []string{"Lyon 2022-03", "Paris 2022-03-01", "Paris 2022-03-16", "Lyon undated"}},
		{"source", report.EventFilter{Source: "wire"}, []string{"Tokyo 2022-02-28", "Lyon 2022-03", "Paris 2022-03-01", "Kyiv 2022-03-14", "Paris 2022-03-16"}},
		{"lang", report.EventFilter{Lang: "fr"}, []string{"Tokyo 2022-02-28", "Paris 2022-03-01"}},
		{"report", report.EventFilter{ReportID: rs[1].ID}, []string{"Nairobi 2021", "Lima 2021-02-28"}},
		{"unknown report", report.EventFilter{ReportID: "nope"}, []string{}},
		{"all filters", report.EventFilter{BBox: europe, From: day(2022, 3, 2), Q: "rain", Country: "FR", Source: "wire", Lang: "en"},
			[]string{"Lyon 2022-03", "Paris 2022-03-16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.QueryEvents(t.Context(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := labels(page.Events); !slices.Equal(got, tt.want) || page.Total != len(tt.want) {
				t.Errorf("QueryEvents = %q total %d, want %q total %d", got, page.Total, tt.want, len(tt.want))
			}
		})
	}
	t.Run("page", func(t *testing.T) {
		for _, offset := range []int{2, 7, 8, 20} {
			page, err := s.QueryEvents(t.Context(), report.EventFilter{Limit: 3, Offset: offset})
			want := allEvents[min(offset, 8):min(offset+3, 8)]
			if got := labels(page.Events); err != nil || !slices.Equal(got, want) || page.Total != 8 {
				t.Errorf("offset %d: QueryEvents = %q total %d, %v; want %q total 8", offset, got, page.Total, err, want)
			}
		}
		// Of a range: Lyon's month began before it, Paris's first day ended before it.
		page, err := s.QueryEvents(t.Context(), report.EventFilter{From: day(2022, 3, 10), Limit: 2, Offset: 1})
		want := []string{"Kyiv 2022-03-14", "Paris 2022-03-16"}
		if got := labels(page.Events); err != nil || !slices.Equal(got, want) || page.Total != 3 {
			t.Errorf("range, offset 1: QueryEvents = %q total %d, %v; want %q total 3", got, page.Total, err, want)
		}
	})
}

func testEventFields(t *testing.T, s Store) {
	rs := seed(t, s)
	for _, tt := range []struct {
		r        *report.Report
		m        int
		sentence string
	}{
		{rs[0], 0, "Heavy rain flooded Kyiv on 14 March."},
		{rs[2], 1, "Paris a envoyé des secours le 1er mars."},
	} {
		m := tt.r.Mentions[tt.m]
		page, err := s.QueryEvents(t.Context(), report.EventFilter{ReportID: tt.r.ID, PlaceID: m.Place.ID})
		if err != nil || len(page.Events) != 1 {
			t.Fatalf("QueryEvents = %+v, %v; want one event", page, err)
		}
		want := report.Event{
			MentionID: m.ID, ReportID: tt.r.ID, Title: tt.r.Title, Source: tt.r.Source, URL: tt.r.URL, Lang: tt.r.Lang,
			Published: tt.r.Published, Text: m.Text, Place: m.Place, Date: m.Date, Confidence: m.Confidence,
			Sentence: tt.sentence, Start: m.Start - m.SentenceStart, End: m.End - m.SentenceStart,
		}
		if got := page.Events[0]; !reflect.DeepEqual(got, want) || got.Sentence[got.Start:got.End] != m.Text {
			t.Errorf("event = %+v\nwant %+v", got, want)
		}
	}
}

func testInvalidFilters(t *testing.T, s Store) {
	seed(t, s)
	tests := []struct {
		name string
		f    report.EventFilter
	}{
		{"unclosed quote", report.EventFilter{Q: `"heavy rain`}},
		{"no words", report.EventFilter{Q: `*** -- ""`}},
		{"bbox upside down", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{10, 50}, Max: orb.Point{-10, 40}}}},
		{"bbox across the antimeridian", report.EventFilter{BBox: &orb.Bound{Min: orb.Point{170, 0}, Max: orb.Point{190, 10}}}},
		{"empty range", report.EventFilter{From: day(2022, 3, 1), To: day(2022, 3, 1)}},
		{"negative offset", report.EventFilter{Offset: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.QueryEvents(t.Context(), tt.f)
			wantKind(t, "QueryEvents", err, report.Invalid)
			_, err = s.Histogram(t.Context(), tt.f, report.BinDay)
			wantKind(t, "Histogram", err, report.Invalid)
			_, err = s.Clusters(t.Context(), tt.f, 3)
			wantKind(t, "Clusters", err, report.Invalid)
		})
	}
	_, err := s.Histogram(t.Context(), report.EventFilter{}, "fortnight")
	wantKind(t, "Histogram(fortnight)", err, report.Invalid)
	_, err = s.Clusters(t.Context(), report.EventFilter{}, 23)
	wantKind(t, "Clusters(zoom 23)", err, report.Invalid)
}

func testHistogram(t *testing.T, s Store) {
	seed(t, s)
	type bins = []report.Bin
	bin := func(y int, m time.Month, d, n int) report.Bin { return report.Bin{Start: day(y, m, d), Count: n} }
	tests := []struct {
		name string
		f    report.EventFilter
		size report.BinSize
		want bins
	}{
		{"days", report.EventFilter{}, report.BinDay, bins{
			bin(2021, 1, 1, 1), bin(2021, 2, 28, 1), bin(2022, 2, 28, 1), bin(2022, 3, 1, 2), bin(2022, 3, 14, 1), bin(2022, 3, 16, 1)}},
		{"weeks from Monday", report.EventFilter{}, report.BinWeek, bins{
			bin(2020, 12, 28, 1), bin(2021, 2, 22, 1), bin(2022, 2, 28, 3), bin(2022, 3, 14, 2)}},
		{"months", report.EventFilter{}, report.BinMonth, bins{
			bin(2021, 1, 1, 1), bin(2021, 2, 1, 1), bin(2022, 2, 1, 1), bin(2022, 3, 1, 4)}},
		{"filtered", report.EventFilter{Country: "FR"}, report.BinDay, bins{bin(2022, 3, 1, 2), bin(2022, 3, 16, 1)}},
		{"bbox and range", report.EventFilter{BBox: europe, From: day(2022, 3, 10)}, report.BinMonth, bins{bin(2022, 3, 1, 3)}},
		{"nothing", report.EventFilter{Q: "nowhere"}, report.BinDay, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Histogram(t.Context(), tt.f, tt.size)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Histogram = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func testClusters(t *testing.T, s Store) {
	seed(t, s)
	tests := []struct {
		name string
		f    report.EventFilter
		zoom int
		want map[string]int // name (or "" for mixed places) -> count
	}{
		// At zoom 0 cells are the tiles of zoom 2, 90° wide: Europe's five events fall in one.
		{"world", report.EventFilter{}, 0, map[string]int{"": 5, "Tokyo": 1, "Nairobi": 1, "Lima": 1}},
		{"places", report.EventFilter{}, 8, map[string]int{"Paris": 2, "Lyon": 2, "Kyiv": 1, "Tokyo": 1, "Nairobi": 1, "Lima": 1}},
		{"bbox and range", report.EventFilter{BBox: france, From: day(2022, 3, 2)}, 8, map[string]int{"Paris": 1, "Lyon": 1}},
		{"word", report.EventFilter{Q: "séisme"}, 1, map[string]int{"Tokyo": 1, "Paris": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := s.Clusters(t.Context(), tt.f, tt.zoom)
			if err != nil {
				t.Fatal(err)
			}
			page, err := s.QueryEvents(t.Context(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			got, sum := map[string]int{}, 0
			for _, c := range cs {
				got[c.Name] += c.Count
				sum += c.Count
				if !c.Bound.Contains(c.Point) {
					t.Errorf("cluster %+v: point outside its bound", c)
				}
				if (c.Count == 1) != (c.Event != nil) || c.Event != nil && (c.Event.Place.ID != c.PlaceID || point(c.Event.Place) != c.Point) {
					t.Errorf("cluster %+v: want its event exactly when it has one, at its place", c)
				}
			}
			if !reflect.DeepEqual(got, tt.want) || sum != page.Total {
				t.Errorf("clusters %v sum %d, want %v and QueryEvents' total %d", got, sum, tt.want, page.Total)
			}
		})
	}
	t.Run("one place", func(t *testing.T) {
		cs, err := s.Clusters(t.Context(), report.EventFilter{PlaceID: paris.ID}, 3)
		want := []report.Cluster{{Point: point(paris), Bound: point(paris).Bound(), Count: 2, PlaceID: paris.ID, Name: "Paris",
			Kind: report.KindPlace}}
		if err != nil || !reflect.DeepEqual(cs, want) {
			t.Errorf("Clusters = %+v, %v; want %+v", cs, err, want)
		}
	})
}

func testGetPlace(t *testing.T, s Store) {
	seed(t, s)
	tests := []struct {
		p        report.Place
		count    int
		from, to time.Time
	}{
		{paris, 2, day(2022, 3, 1), day(2022, 3, 17)},
		{lyon, 2, day(2022, 3, 1), day(2022, 4, 1)}, // the undated event counts but has no dates
		{nairobi, 1, day(2021, 1, 1), day(2022, 1, 1)},
	}
	for _, tt := range tests {
		got, err := s.GetPlace(t.Context(), tt.p.ID)
		want := report.PlaceSummary{Place: tt.p, Count: tt.count, From: tt.from, To: tt.to}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("GetPlace(%s) = %+v, %v; want %+v", tt.p.Name, got, err, want)
		}
	}
	_, err := s.GetPlace(t.Context(), 2658009) // only a mention that is not a place
	wantKind(t, "GetPlace(Will)", err, report.NotFound)
}

func testDelete(t *testing.T, s Store) {
	rs := seed(t, s)
	ctx := t.Context()
	if err := s.CorrectMention(ctx, rs[0].ID, rs[0].Mentions[1].ID, &parisTX); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteReport(ctx, rs[0].ID); err != nil {
		t.Fatal(err)
	}
	_, err := s.GetReport(ctx, rs[0].ID)
	wantKind(t, "GetReport after delete", err, report.NotFound)
	wantKind(t, "DeleteReport again", s.DeleteReport(ctx, rs[0].ID), report.NotFound)
	_, err = s.GetPlace(ctx, kyiv.ID)
	wantKind(t, "GetPlace(Kyiv) after delete", err, report.NotFound)

	for _, tt := range []struct {
		f    report.EventFilter
		want []string
	}{
		{report.EventFilter{}, []string{"Nairobi 2021", "Lima 2021-02-28", "Tokyo 2022-02-28", "Paris 2022-03-01", "Lyon undated"}},
		{report.EventFilter{BBox: france, From: day(2022, 1, 1)}, []string{"Paris 2022-03-01"}},
		{report.EventFilter{Q: "flooded"}, []string{}},
		{report.EventFilter{PlaceID: parisTX.ID}, []string{}},
	} {
		page, err := s.QueryEvents(ctx, tt.f)
		if got := labels(page.Events); err != nil || !slices.Equal(got, tt.want) || page.Total != len(tt.want) {
			t.Errorf("QueryEvents(%+v) after delete = %q total %d, %v; want %q", tt.f, got, page.Total, err, tt.want)
		}
	}

	cs, err := s.Clusters(ctx, report.EventFilter{}, 8)
	counts := map[string]int{}
	for _, c := range cs {
		counts[c.Name] += c.Count
		if c.Event == nil || c.Event.Place.ID != c.PlaceID {
			t.Errorf("cluster %+v after delete: want its one event", c)
		}
	}
	if want := map[string]int{"Nairobi": 1, "Lima": 1, "Tokyo": 1, "Paris": 1, "Lyon": 1}; err != nil || !reflect.DeepEqual(counts, want) {
		t.Errorf("Clusters after delete = %v, %v; want %v", counts, err, want)
	}

	bins, err := s.Histogram(ctx, report.EventFilter{}, report.BinMonth)
	if want := []report.Bin{{Start: day(2021, 1, 1), Count: 1}, {Start: day(2021, 2, 1), Count: 1}, {Start: day(2022, 2, 1), Count: 1}, {Start: day(2022, 3, 1), Count: 1}}; err != nil || !reflect.DeepEqual(bins, want) {
		t.Errorf("Histogram after delete = %v, %v; want %v", bins, err, want)
	}

	// Its corrections went with it: the same content stored again has the machine's places.
	r := *rs[0]
	r.ID, r.Mentions = "", slices.Clone(rs[0].Mentions)
	again := create(t, s, &r, "")
	got, err := s.GetReport(ctx, again.ID)
	if err != nil || got.Mentions[1].Place != paris || got.Mentions[1].Corrected {
		t.Errorf("re-created report's mention = %+v, %v; want Paris, France, uncorrected", got.Mentions[1], err)
	}
}

func testCorrections(t *testing.T, s Store) {
	ctx := t.Context()
	text := "Storms hit Paris on Monday. Georgia declared an emergency in Atlanta."
	machine := func() []report.Mention {
		return []report.Mention{
			at(text, "Paris", 0, paris, report.DayDate(2023, 5, 1)),
			at(text, "Georgia", 0, georgia, report.DayDate(2023, 5, 1)),
		}
	}
	r := create(t, s, &report.Report{Title: "Storms", Text: text, Mentions: machine()}, "")
	if err := s.CorrectMention(ctx, r.ID, r.Mentions[0].ID, &parisTX); err != nil {
		t.Fatal(err)
	}
	if err := s.CorrectMention(ctx, r.ID, r.Mentions[1].ID, nil); err != nil {
		t.Fatal(err)
	}
	check := func(when string, wantNew bool) {
		t.Helper()
		got, err := s.GetReport(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{false: 2, true: 3}[wantNew]; len(got.Mentions) != want {
			t.Fatalf("%s: %d mentions, want %d", when, len(got.Mentions), want)
		}
		p, g := got.Mentions[0], got.Mentions[1]
		if p.Place != parisTX || !p.Corrected || p.NotAPlace || p.Confidence != 1 {
			t.Errorf("%s: Paris mention = %+v, want Paris, Texas, corrected", when, p)
		}
		if g.Place != georgia || !g.Corrected || !g.NotAPlace {
			t.Errorf("%s: Georgia mention = %+v, want not a place, corrected, the machine's place kept", when, g)
		}
		want := []string{"Paris 2023-05-01"}
		if wantNew {
			if a := got.Mentions[2]; a.Place != atlanta || a.Corrected {
				t.Errorf("%s: new mention = %+v, want Atlanta, uncorrected", when, a)
			}
			want = append(want, "Atlanta 2023-05-01")
		}
		page, err := s.QueryEvents(ctx, report.EventFilter{ReportID: r.ID})
		if err != nil || !slices.Equal(labels(page.Events), want) || page.Events[0].Place != parisTX || !page.Events[0].Corrected {
			t.Errorf("%s: QueryEvents = %+v, %v; want %q, Paris in Texas", when, page.Events, err, want)
		}
		bins, err := s.Histogram(ctx, report.EventFilter{}, report.BinDay)
		if wantBins := []report.Bin{{Start: day(2023, 5, 1), Count: len(want)}}; err != nil || !reflect.DeepEqual(bins, wantBins) {
			t.Errorf("%s: Histogram = %v, %v; want %v", when, bins, err, wantBins)
		}
	}
	check("after correcting", false)

	// A reindex finds the same two mentions and a new one.
	reindexed := append(machine(), at(text, "Atlanta", 0, atlanta, report.DayDate(2023, 5, 1)))
	if err := s.ReplaceMentions(ctx, r.ID, reindexed); err != nil {
		t.Fatal(err)
	}
	check("after ReplaceMentions", true)
	if page, err := s.QueryEvents(ctx, report.EventFilter{PlaceID: paris.ID}); err != nil || page.Total != 0 {
		t.Errorf("events at Paris, France = %d, %v; want 0", page.Total, err)
	}

	got, err := s.GetReport(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		reportID string
		mention  int64
		place    *report.Place
		want     report.Kind
	}{
		{"unknown report", "nope", got.Mentions[0].ID, nil, report.NotFound},
		{"unknown mention", r.ID, got.Mentions[2].ID + 1000, nil, report.NotFound},
		{"mention replaced by the reindex", r.ID, r.Mentions[0].ID, nil, report.NotFound},
		{"place without id", r.ID, got.Mentions[0].ID, &report.Place{Name: "Somewhere"}, report.Invalid},
	} {
		wantKind(t, "CorrectMention: "+tt.name, s.CorrectMention(ctx, tt.reportID, tt.mention, tt.place), tt.want)
	}
	wantKind(t, "ReplaceMentions(nope)", s.ReplaceMentions(ctx, "nope", nil), report.NotFound)
	wantKind(t, "ReplaceMentions past the end", s.ReplaceMentions(ctx, r.ID, []report.Mention{{Start: 0, End: 500}}), report.Invalid)
	check("after rejected changes", true)
}

func testEachReport(t *testing.T, s Store) {
	ctx := t.Context()
	const n = 205
	for i := range n {
		text := fmt.Sprintf("Dispatch %d from Kyiv.", i)
		create(t, s, &report.Report{Title: fmt.Sprint(i), Text: text, Mentions: []report.Mention{at(text, "Kyiv", 0, kyiv, report.YearDate(2020))}}, "")
	}
	// A reindex: every report read and its mentions replaced, while iterating.
	seen := map[string]bool{}
	err := s.EachReport(ctx, func(r *report.Report) error {
		if len(r.Mentions) != 1 || r.Mentions[0].Place != kyiv {
			return fmt.Errorf("report %s has mentions %+v, want Kyiv", r.Title, r.Mentions)
		}
		seen[r.ID] = true
		m := at(r.Text, "Dispatch", 0, lima, report.YearDate(2021))
		return s.ReplaceMentions(ctx, r.ID, []report.Mention{m})
	})
	if err != nil || len(seen) != n {
		t.Fatalf("EachReport saw %d reports, %v; want %d", len(seen), err, n)
	}
	if page, err := s.QueryEvents(ctx, report.EventFilter{PlaceID: lima.ID}); err != nil || page.Total != n {
		t.Errorf("events at Lima after the reindex = %d, %v; want %d", page.Total, err, n)
	}

	stop := errors.New("stop")
	calls := 0
	err = s.EachReport(ctx, func(*report.Report) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachReport with fn failing = %v after %d calls, want stop after 1", err, calls)
	}
}
