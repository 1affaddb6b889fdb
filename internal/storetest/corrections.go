package storetest

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

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

func testAddedMentions(t *testing.T, s Store) {
	ctx := t.Context()
	text := "Storms hit Paris on Monday. ATLANTA -- Georgia declared an emergency."
	machine := []report.Mention{at(text, "Paris", 0, paris, report.DayDate(2023, 5, 1)), at(text, "Georgia", 0, georgia, report.DayDate(2023, 5, 2))}
	r := create(t, s, &report.Report{Title: "Storms", Text: text, Mentions: machine, Published: report.MonthDate(2023, 5)}, "")

	start := strings.Index(text, "ATLANTA")
	added, err := s.AddMention(ctx, r.ID, start, start+len("ATLANTA"), atlanta)
	if err != nil {
		t.Fatal(err)
	}
	if added.ID == 0 || added.Text != "ATLANTA" || added.Place != atlanta || !added.Corrected || added.Date != report.DayDate(2023, 5, 2) {
		t.Errorf("added %+v, want ATLANTA in Atlanta, corrected, dated like Georgia in its sentence", added)
	}
	places := func(when string, want ...string) {
		t.Helper()
		page, err := s.QueryEvents(ctx, report.EventFilter{ReportID: r.ID})
		var got []string
		for _, e := range page.Events {
			got = append(got, e.Text)
		}
		slices.Sort(got)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: events %q, %v; want %q", when, got, err, want)
		}
	}
	places("after adding", "ATLANTA", "Georgia", "Paris")

	// A reindex that still misses it puts it back; one that finds an overlapping name keeps its own.
	if err := s.ReplaceMentions(ctx, r.ID, machine); err != nil {
		t.Fatal(err)
	}
	places("after a reindex", "ATLANTA", "Georgia", "Paris")
	got, _ := s.GetReport(ctx, r.ID)
	if len(got.Mentions) != 3 || got.Mentions[1].Text != "ATLANTA" || got.Mentions[1].Place != atlanta || !got.Mentions[1].Corrected {
		t.Errorf("after a reindex: %+v", got.Mentions)
	}
	atl := at(text, "ATLANTA --", 0, atlanta, report.DayDate(2023, 5, 2))
	if err := s.ReplaceMentions(ctx, r.ID, append(slices.Clone(machine), atl)); err != nil {
		t.Fatal(err)
	}
	places("after a reindex that finds an overlapping name", "ATLANTA --", "Georgia", "Paris")

	// Marked not a place, it stays out of later reindexes.
	if err := s.ReplaceMentions(ctx, r.ID, machine); err != nil {
		t.Fatal(err)
	}
	got, _ = s.GetReport(ctx, r.ID)
	if err := s.CorrectMention(ctx, r.ID, got.Mentions[1].ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceMentions(ctx, r.ID, machine); err != nil {
		t.Fatal(err)
	}
	places("removed, then reindexed", "Georgia", "Paris")

	for name, span := range map[string][2]int{"overlapping": {strings.Index(text, "Paris"), strings.Index(text, "Paris") + 3}, "outside": {0, len(text) + 1}} {
		if _, err := s.AddMention(ctx, r.ID, span[0], span[1], atlanta); report.ErrorKind(err) != report.Invalid {
			t.Errorf("%s span: %v, want Invalid", name, err)
		}
	}
	if _, err := s.AddMention(ctx, "nosuchreport", 0, 5, atlanta); report.ErrorKind(err) != report.NotFound {
		t.Errorf("no such report: %v, want NotFound", err)
	}
}
