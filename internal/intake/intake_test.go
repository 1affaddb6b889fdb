package intake_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/analyze"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
)

// TestPipeline takes the founding report through the real gazetteer and a real database file.
func TestPipeline(t *testing.T) {
	ctx := context.Background()
	gz, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := intake.New(analyze.New(geoparse.New(gz, geoparse.Options{})), s)

	seed, err := os.Open("../demo/reports/000_seed_raqqa_fr.txt") // the founding report, with its date line
	if err != nil {
		t.Fatal(err)
	}
	defer seed.Close()
	var items []ingest.Item
	err = ingest.Read(ctx, seed, "seed.txt", "text/plain", ingest.Options{}, func(it ingest.Item) error { items = append(items, it); return nil }, nil)
	if err != nil || len(items) != 1 {
		t.Fatalf("read the seed: %d items, %v", len(items), err)
	}
	it := items[0]

	// A preview finds the places and stores nothing.
	preview := p.Analyse(it)
	if !names(preview.Mentions)["Markadah"] || !names(preview.Mentions)["Ar Raqqah"] {
		t.Errorf("the preview finds %v", names(preview.Mentions))
	}
	if page, err := s.ListReports(ctx, report.ReportFilter{}); err != nil || len(page.Reports) != 0 {
		t.Fatalf("after a preview the store holds %d reports (%v)", len(page.Reports), err)
	}

	created, err := p.Store(ctx, it, "key-1")
	if err != nil || created.Status != intake.Created || created.Origin != "seed.txt" {
		t.Fatalf("first store: %+v, %v", created, err)
	}
	if created.Report.ID != report.IDOf(report.ContentHash(it.Report.Text)) || len(created.Report.Mentions) != len(preview.Mentions) {
		t.Errorf("stored %q with %d mentions, want the content's id and the preview's %d", created.Report.ID, len(created.Report.Mentions), len(preview.Mentions))
	}
	stored, err := s.GetReport(ctx, created.Report.ID)
	if err != nil || !names(stored.Mentions)["Ālbū Kamāl"] {
		t.Errorf("the stored report: %v, places %v", err, names(stored.Mentions))
	}

	again := it
	again.Origin = "again.txt"
	if dup, err := p.Store(ctx, again, ""); err != nil || dup.Status != intake.Duplicate || dup.Report.ID != created.Report.ID {
		t.Errorf("the same text again: %+v, %v", dup, err)
	}
	other := ingest.Item{Origin: "other.txt", Report: report.Report{Text: "Une autre dépêche de Mossoul."}}
	if out, err := p.Store(ctx, other, "key-1"); err != nil || out.Status != intake.Rejected || report.ErrorKind(out.Err) != report.Invalid {
		t.Errorf("another text under the same idempotency key: %+v, %v; want rejected", out, err)
	}

	blank := ingest.Item{Origin: "blank.txt", Report: report.Report{Text: " \n "}}
	if out, err := p.Store(ctx, blank, ""); err != nil || out.Status != intake.Rejected || report.ErrorKind(out.Err) != report.Invalid {
		t.Errorf("a blank report: %+v, %v; want rejected, invalid", out, err)
	}
	if out := intake.Rejection(ingest.Problem{Origin: "b.jsonl:3", Err: report.Errorf(report.Invalid, "bad")}); out.Status != intake.Rejected || out.Origin != "b.jsonl:3" {
		t.Errorf("a record that cannot be read: %+v", out)
	}

	// Reindex analyses every report again and keeps the readers' corrections.
	var mk report.Mention
	for _, m := range stored.Mentions {
		if m.Text == "Markada" {
			mk = m
		}
	}
	if err := s.CorrectMention(ctx, stored.ID, mk.ID, nil); err != nil {
		t.Fatal(err)
	}
	var seen []int
	reports, mentions, err := intake.Reindex(ctx, analyze.New(geoparse.New(gz, geoparse.Options{})), s, func(r, _ int) { seen = append(seen, r) })
	if err != nil || reports != 1 || mentions != len(stored.Mentions) || len(seen) != 1 {
		t.Errorf("reindex: %d reports, %d mentions (want 1, %d), progress %v, %v", reports, mentions, len(stored.Mentions), seen, err)
	}
	again2, err := s.GetReport(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	kept := false
	for _, m := range again2.Mentions {
		kept = kept || m.Text == "Markada" && m.NotAPlace && m.Corrected
	}
	if !kept {
		t.Errorf("after the reindex Markada is not marked not a place: %+v", again2.Mentions)
	}

	// A store that fails is an error, not a rejection.
	s.Close()
	if out, err := p.Store(ctx, other, ""); err == nil || report.ErrorKind(err) != report.Internal {
		t.Errorf("a closed store: %+v, %v; want an internal error", out, err)
	}
}

func names(ms []report.Mention) map[string]bool {
	n := map[string]bool{}
	for _, m := range ms {
		n[m.Place.Name] = true
	}
	return n
}
