// Package intake is the one way a report enters Dateline: a record read by ingest is analysed
// (its places and dates found) and stored, and the outcome told: created, a duplicate of a
// stored report, or rejected with the reason. The API, the ingest page (its preview too), the
// import command and the demo loader all go through it.
package intake

import (
	"context"
	"fmt"

	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/report"
)

// Analyzer finds the places and dates of a report: it fills r.Lang (when empty) and r.Mentions.
type Analyzer interface {
	Report(r *report.Report)
}

// Store keeps reports. CreateReport returns the stored report, and created false when the same
// content (or the same non-empty idempotency key) was stored before.
type Store interface {
	CreateReport(ctx context.Context, r *report.Report, idempotencyKey string) (stored *report.Report, created bool, err error)
}

// Status is what became of a record.
type Status int

const (
	Created   Status = iota + 1 // stored as a new report
	Duplicate                   // its content, or its idempotency key, was stored before
	Rejected                    // not stored: Outcome.Err says why
)

func (s Status) String() string {
	switch s {
	case Created:
		return "created"
	case Duplicate:
		return "duplicate"
	case Rejected:
		return "rejected"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Outcome is what became of one record.
type Outcome struct {
	Origin string // where the record was read: "body:3", "reports/a.txt"
	Status Status
	Report *report.Report // the stored report, when Created or Duplicate
	Err    error          // why it was Rejected: a domain error with a message for users
}

// Rejection is the outcome of a record that could not be read.
func Rejection(p ingest.Problem) Outcome {
	return Outcome{Origin: p.Origin, Status: Rejected, Err: p.Err}
}

// Pipeline analyses and stores reports.
type Pipeline struct {
	analyzer Analyzer
	store    Store
}

// New returns the pipeline that analyses with a and stores in s.
func New(a Analyzer, s Store) *Pipeline { return &Pipeline{analyzer: a, store: s} }

// Analyse returns the item's report with its places and dates, and stores nothing: a preview.
func (p *Pipeline) Analyse(it ingest.Item) report.Report {
	r := it.Report
	p.analyzer.Report(&r)
	return r
}

// Store analyses the item's report and stores it, under the idempotency key when one is given.
// A report the store refuses (any domain error but Internal: no text, a clash of ids) is a
// Rejected outcome; a failure of the store itself is the error, and nothing is stored.
func (p *Pipeline) Store(ctx context.Context, it ingest.Item, idempotencyKey string) (Outcome, error) {
	r := p.Analyse(it)
	stored, created, err := p.store.CreateReport(ctx, &r, idempotencyKey)
	switch {
	case err != nil && report.ErrorKind(err) == report.Internal:
		return Outcome{}, fmt.Errorf("%s: %w", it.Origin, err)
	case err != nil:
		return Outcome{Origin: it.Origin, Status: Rejected, Err: err}, nil
	case created:
		return Outcome{Origin: it.Origin, Status: Created, Report: stored}, nil
	}
	return Outcome{Origin: it.Origin, Status: Duplicate, Report: stored}, nil
}

// Reindexable is a store whose reports can be analysed again.
type Reindexable interface {
	// EachReport calls fn with every report and its mentions; fn may write to the store.
	EachReport(ctx context.Context, fn func(*report.Report) error) error
	// ReplaceMentions replaces a report's mentions, keeping the corrections at their spans.
	ReplaceMentions(ctx context.Context, reportID string, ms []report.Mention) error
}

// Reindex analyses every report of s again with a, after an upgrade of the gazetteer or the
// parsers, and replaces its mentions; the readers' corrections are kept. progress, when not
// nil, is told the counts after each report. It returns how many reports and mentions it wrote.
func Reindex(ctx context.Context, a Analyzer, s Reindexable, progress func(reports, mentions int)) (reports, mentions int, err error) {
	err = s.EachReport(ctx, func(r *report.Report) error {
		a.Report(r)
		if err := s.ReplaceMentions(ctx, r.ID, r.Mentions); err != nil {
			return err
		}
		reports, mentions = reports+1, mentions+len(r.Mentions)
		if progress != nil {
			progress(reports, mentions)
		}
		return nil
	})
	return reports, mentions, err
}
