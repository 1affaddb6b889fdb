// Package demo holds the reports Dateline loads into an empty database, so that the map and the
// timeline show something at first start: the project's founding report (French, November 2017)
// and short reports written for the demo about Syria and Iraq in October and November 2017,
// in French, English, Arabic, Spanish, German and Italian.
package demo

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
)

//go:embed reports/*.txt
var reports embed.FS

// Lister tells whether a store holds reports.
type Lister interface {
	ListReports(ctx context.Context, f report.ReportFilter) (report.ReportList, error)
}

// Load stores the demo reports through the pipeline p when the store s holds no report.
// It returns how many it stored.
func Load(ctx context.Context, s Lister, p *intake.Pipeline) (int, error) {
	page, err := s.ListReports(ctx, report.ReportFilter{Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	if len(page.Reports) > 0 {
		return 0, nil
	}
	n := 0
	emit := func(it ingest.Item) error {
		out, err := p.Store(ctx, it, "")
		switch {
		case err != nil:
			return err
		case out.Status == intake.Rejected:
			return out.Err
		case out.Status == intake.Created:
			n++
		}
		return nil
	}
	err = fs.WalkDir(reports, "reports", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := reports.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return ingest.Read(ctx, f, path, "text/plain", ingest.Options{}, emit, nil)
	})
	if err != nil {
		return n, fmt.Errorf("demo: %w", err)
	}
	return n, nil
}
