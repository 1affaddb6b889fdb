package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"

	"github.com/datelinehq/dateline/internal/fetch"
	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/report"
)

// fetchReport is the JSON report of a record sent by URL alone ({"url": ..., "title": ...}): the
// page is fetched (never from the server's own network: internal/fetch), its article read as an
// uploaded HTML page would be, and the record's own members win over what the page says. The
// result goes through the same reading and checks as a report sent whole.
func (s *Server) fetchReport(ctx context.Context, record []byte, rawURL string) ([]byte, error) {
	if s.fetch == nil {
		return nil, report.Errorf(report.Invalid, "this server does not fetch reports by URL: send the text")
	}
	page, err := s.fetch.Get(ctx, rawURL, fetch.Conditional{})
	if err != nil {
		return nil, err
	}
	var items []ingest.Item
	opts := s.ingestOptions()
	if u, err := url.Parse(page.URL); err == nil {
		opts.Source = u.Hostname()
	}
	err = ingest.Read(ctx, bytes.NewReader(page.Body), page.URL, page.ContentType, opts, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	}, nil)
	if err != nil {
		return nil, report.Errorf(report.Invalid, "%s: %s", rawURL, report.ErrorMessage(err))
	}
	if len(items) != 1 {
		return nil, report.Errorf(report.Invalid, "%s is a feed of %d items: follow it with `dateline feeds add`", rawURL, len(items))
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(record, &fields); err != nil {
		return nil, report.Errorf(report.Invalid, "not a JSON object")
	}
	r := items[0].Report
	fill := func(name, value string) {
		if _, given := fields[name]; !given && value != "" {
			fields[name], _ = json.Marshal(value)
		}
	}
	fields["text"], _ = json.Marshal(r.Text)
	fill("title", r.Title)
	fill("source", r.Source)
	fill("lang", r.Lang)
	if !r.Published.IsZero() {
		fill("date", r.Published.String())
	}
	return json.Marshal(fields)
}
