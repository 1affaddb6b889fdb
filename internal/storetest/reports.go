package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

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
		{"same idempotency key, same text", report.Report{Text: "Floods in Kyiv."}, "key-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, created, err := s.CreateReport(t.Context(), &tt.r, tt.key)
			if err != nil || created || !reflect.DeepEqual(got, first) {
				t.Errorf("CreateReport = %+v, %v, %v; want the first report, false", got, created, err)
			}
		})
	}
	// The same key with another text is a mistake of the client's, which stores nothing.
	if _, _, err := s.CreateReport(t.Context(), &report.Report{Text: "Something else."}, "key-1"); report.ErrorKind(err) != report.Invalid || !strings.Contains(err.Error(), `"key-1"`) {
		t.Errorf("the same idempotency key with another text: %v, want Invalid naming the key", err)
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
	t.Run("pages back", func(t *testing.T) {
		// Forward to the last page, each page's Prev leading back to the page before it.
		var pages []report.ReportList
		f := report.ReportFilter{Limit: 2}
		for {
			page, err := s.ListReports(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			if (len(pages) == 0) != (page.Prev == "") {
				t.Errorf("page %d: prev %q", len(pages), page.Prev)
			}
			pages = append(pages, page)
			if page.Next == "" {
				break
			}
			f.Cursor = page.Next
		}
		for i := len(pages) - 1; i > 0; i-- {
			back, err := s.ListReports(t.Context(), report.ReportFilter{Limit: 2, Before: pages[i].Prev})
			if err != nil {
				t.Fatal(err)
			}
			if titles(back.Reports) != titles(pages[i-1].Reports) || (i > 1) != (back.Prev != "") || back.Next == "" {
				t.Errorf("the page before page %d = %q prev %q next %q; want %q", i, titles(back.Reports), back.Prev, back.Next, titles(pages[i-1].Reports))
			}
			if back.Next != "" { // and forward again
				fwd, err := s.ListReports(t.Context(), report.ReportFilter{Limit: 2, Cursor: back.Next})
				if err != nil || titles(fwd.Reports) != titles(pages[i].Reports) {
					t.Errorf("the page after the page before page %d = %q, %v; want %q", i, titles(fwd.Reports), err, titles(pages[i].Reports))
				}
			}
		}
		// A page before the second, of 3: the first report and the rest of the page before it.
		wide, err := s.ListReports(t.Context(), report.ReportFilter{Limit: 3, Before: pages[1].Prev})
		if err != nil || titles(wide.Reports) != titles(pages[0].Reports) || wide.Prev != "" {
			t.Errorf("3 before page 1 = %q prev %q, %v; want %q and no prev", titles(wide.Reports), wide.Prev, err, titles(pages[0].Reports))
		}
	})
	t.Run("with their mentions", func(t *testing.T) {
		seed(t, s) // reports that mention places, among those that do not
		var n int
		f := report.ReportFilter{Limit: 2, Mentions: true}
		for {
			page, err := s.ListReports(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Reports {
				full, err := s.GetReport(t.Context(), r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if n += len(r.Mentions); !reflect.DeepEqual(r.Mentions, full.Mentions) {
					t.Errorf("report %s listed with mentions %+v; GetReport %+v", r.ID, r.Mentions, full.Mentions)
				}
			}
			if page.Next == "" {
				break
			}
			f.Cursor = page.Next
		}
		if n == 0 {
			t.Error("no report listed with a mention: a test of nothing")
		}
		page, err := s.ListReports(t.Context(), report.ReportFilter{})
		if err != nil || len(page.Reports) == 0 || slices.ContainsFunc(page.Reports, func(r report.Report) bool { return r.Mentions != nil }) {
			t.Errorf("ListReports without Mentions = %+v, %v", page.Reports, err)
		}
	})
	t.Run("bad cursor", func(t *testing.T) {
		_, err := s.ListReports(t.Context(), report.ReportFilter{Cursor: "not a cursor"})
		wantKind(t, "ListReports", err, report.Invalid)
		_, err = s.ListReports(t.Context(), report.ReportFilter{Before: "not a cursor"})
		wantKind(t, "ListReports before", err, report.Invalid)
		first, err := s.ListReports(t.Context(), report.ReportFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.ListReports(t.Context(), report.ReportFilter{Cursor: first.Next, Before: first.Next})
		wantKind(t, "ListReports after and before", err, report.Invalid)
	})
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
	left := report.BinCounts{Size: report.BinMonth} // Nairobi in 2021, Lima, Tokyo, a day of March 2022
	for _, d := range []report.Date{report.YearDate(2021), report.DayDate(2021, 2, 28), report.DayDate(2022, 2, 28), report.DayDate(2022, 3, 1)} {
		left.Add(d.Start(), d.End(), 1)
	}
	if want := left.Bins(); err != nil || !reflect.DeepEqual(bins, want) || len(want) != 14 {
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
