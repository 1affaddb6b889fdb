package storetest

import (
	"slices"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

func testPlaceSpellings(t *testing.T, s Store) {
	ctx := t.Context()
	rs := seed(t, s)
	sp := func(when string, langs []string, want ...report.Spelling) {
		t.Helper()
		got, err := s.PlaceSpellings(ctx, langs...)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: PlaceSpellings(%q) = %+v, %v; want %+v", when, langs, got, err, want)
		}
	}
	en := func(p report.Place, text string, n int) report.Spelling {
		return report.Spelling{PlaceID: p.ID, Lang: "en", Text: text, Count: n}
	}
	fr := func(p report.Place, text string, n int) report.Spelling {
		return report.Spelling{PlaceID: p.ID, Lang: "fr", Text: text, Count: n}
	}
	// The seed's French report names Tokyo and Paris ("Will" is not a place); the English ones
	// Kyiv, Paris, Lyon twice, Nairobi and Lima. By language, place id, then most used first.
	sp("seed, French", []string{"fr"}, fr(tokyo, "Tokyo", 1), fr(paris, "Paris", 1))
	sp("seed, both", []string{"fr", "en"}, en(nairobi, "Nairobi", 1), en(kyiv, "Kyiv", 1), en(paris, "Paris", 1),
		en(lyon, "Lyon", 2), en(lima, "Lima", 1), fr(tokyo, "Tokyo", 1), fr(paris, "Paris", 1))
	sp("seed, German", []string{"de"})

	// Another French spelling of Tokyo, used twice, comes first.
	text := "TOKIO -- Tokio a tremblé. Tokio compte ses morts."
	r := create(t, s, &report.Report{Title: "Tokio", Lang: "fr", Text: text, Mentions: []report.Mention{
		at(text, "TOKIO", 0, tokyo, report.Date{}), at(text, "Tokio", 0, tokyo, report.Date{}), at(text, "Tokio", 1, tokyo, report.Date{}),
	}}, "")
	sp("a second French report", []string{"fr"}, fr(tokyo, "Tokio", 2), fr(tokyo, "TOKIO", 1), fr(tokyo, "Tokyo", 1), fr(paris, "Paris", 1))

	// A reader's correction takes a mention out; marking one not a place too.
	if err := s.CorrectMention(ctx, r.ID, r.Mentions[1].ID, &kyiv); err != nil {
		t.Fatal(err)
	}
	if err := s.CorrectMention(ctx, r.ID, r.Mentions[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	sp("after two corrections", []string{"fr"}, fr(tokyo, "Tokio", 1), fr(tokyo, "Tokyo", 1), fr(paris, "Paris", 1))

	// A reindex keeps the corrections (and so the counts); deleting a report takes its spellings.
	if err := s.ReplaceMentions(ctx, r.ID, []report.Mention{
		at(text, "TOKIO", 0, tokyo, report.Date{}), at(text, "Tokio", 0, tokyo, report.Date{}), at(text, "Tokio", 1, tokyo, report.Date{}),
	}); err != nil {
		t.Fatal(err)
	}
	sp("after a reindex", []string{"fr"}, fr(tokyo, "Tokio", 1), fr(tokyo, "Tokyo", 1), fr(paris, "Paris", 1))
	if err := s.DeleteReport(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteReport(ctx, rs[2].ID); err != nil {
		t.Fatal(err)
	}
	sp("after deleting the French reports", []string{"fr"})
	sp("the English ones stay", []string{"en"}, en(nairobi, "Nairobi", 1), en(kyiv, "Kyiv", 1), en(paris, "Paris", 1),
		en(lyon, "Lyon", 2), en(lima, "Lima", 1))
}
