// Package analyze reads a report: the places its text names (geoparse), the sentence each stands in,
// and the date of the event that sentence reports (timex).
package analyze

import (
	"sync"

	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/timex"
)

// Analyzer reads reports. It is safe for concurrent use.
type Analyzer struct {
	parser *geoparse.Parser
	dates  sync.Pool // of *timex.Doc: the memory of one report's dating, reused by the next
}

// New returns an Analyzer that finds places with p.
func New(p *geoparse.Parser) *Analyzer { return &Analyzer{parser: p} }

// Report fills r.Lang (when empty) and r.Mentions from r.Text and r.Published.
func (a *Analyzer) Report(r *report.Report) {
	a.finish(r, a.parser.Parse(r.Text))
}

// ReportSpans is Report with only the given spans resolved (gold-span mode).
func (a *Analyzer) ReportSpans(r *report.Report, spans []geoparse.Span) {
	a.finish(r, a.parser.ResolveSpans(r.Text, spans))
}

// reportInto is Report, or ReportSpans when spans is not nil, with r.Mentions in b's memory: valid until
// b is used again.
func (a *Analyzer) reportInto(r *report.Report, spans []geoparse.Span, b *geoparse.Buffers) {
	if spans != nil {
		a.finish(r, a.parser.ResolveSpansInto(r.Text, spans, b))
	} else {
		a.finish(r, a.parser.ParseInto(r.Text, b))
	}
}

// finish gives each mention its sentence and the date of the event that sentence reports: a date the
// sentence states, resolved against the report's date, or else the report's date.
func (a *Analyzer) finish(r *report.Report, res geoparse.Result) {
	if r.Lang == "" {
		r.Lang = res.Lang
	}
	r.Mentions = res.Mentions
	if len(res.Mentions) == 0 {
		return // nothing to date
	}
	dates, _ := a.dates.Get().(*timex.Doc)
	if dates == nil {
		dates = new(timex.Doc)
	}
	defer a.dates.Put(dates)
	dates.ReadAround(r.Text, r.Lang, r.Published, res.Mentions) // the sentences of the mentions only
	for i := range res.Mentions {
		m := &res.Mentions[i]
		m.ReportID = r.ID
		m.SentenceStart, m.SentenceEnd = dates.Sentence(m.Start)
		m.Date = dates.DateFor(m.Start, m.End)
	}
}
