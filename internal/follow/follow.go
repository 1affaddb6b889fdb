// Package follow polls the RSS and Atom feeds Dateline follows: each due feed is fetched with a
// conditional GET (internal/fetch, never from the server's own network), its new items read by
// ingest, an item whose text is only a summary completed from its article's page, and each stored
// through the intake pipeline. The items read are kept by the store, so that nothing is stored twice
// however often a feed repeats them.
package follow

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/fetch"
	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
)

// Store keeps the feeds, their polling state and the items read.
type Store interface {
	Feeds(ctx context.Context) ([]report.Feed, error)
	SavePoll(ctx context.Context, f report.Feed) error
	SeenFeedItem(ctx context.Context, feed, item string) (bool, error)
	MarkFeedItem(ctx context.Context, feed, item string, now time.Time) error
}

// Poller polls feeds.
type Poller struct {
	Store    Store
	Fetch    *fetch.Client
	Pipeline *intake.Pipeline
	Log      *slog.Logger
	// MaxBytes bounds one item's text and one article page (ingest.Options.MaxBytes).
	MaxBytes int64
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// summaryRunes is the length under which an item's text is taken for a summary, and its article's
// page fetched for the whole text.
const summaryRunes = 600

// Result is what one poll of a feed did.
type Result struct {
	Feed        report.Feed // as saved
	NotModified bool
	Items       int // items in the feed
	Created     int // reports stored
	Seen        int // items read before, skipped
	Duplicates  int // items whose report was stored before (by another feed, by hand)
	Rejected    int // items that could not be stored (no text...)
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now().UTC()
	}
	return time.Now().UTC()
}

// Due polls every feed due by now, one after the other, and returns their results.
func (p *Poller) Due(ctx context.Context) ([]Result, error) {
	return p.each(ctx, func(f report.Feed) bool { return !f.NextPoll.After(p.now()) })
}

// All polls every feed now, due or not.
func (p *Poller) All(ctx context.Context) ([]Result, error) {
	return p.each(ctx, func(report.Feed) bool { return true })
}

func (p *Poller) each(ctx context.Context, want func(report.Feed) bool) ([]Result, error) {
	feeds, err := p.Store.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	var out []Result
	for _, f := range feeds {
		if !want(f) {
			continue
		}
		res, err := p.Poll(ctx, f)
		if err != nil {
			return out, err
		}
		out = append(out, res)
	}
	return out, nil
}

// Run polls the due feeds every tick until ctx ends; a failure of the store is logged and
// tried again at the next tick.
func (p *Poller) Run(ctx context.Context, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		results, err := p.Due(ctx)
		if err != nil && ctx.Err() == nil {
			p.Log.Error("polling feeds", "err", err)
		}
		for _, r := range results {
			p.Log.Info("feed polled", "feed", r.Feed.URL, "items", r.Items, "created", r.Created, "seen", r.Seen,
				"not_modified", r.NotModified, "error", r.Feed.LastError)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Poll polls one feed and saves what it found. A feed that cannot be fetched or read keeps the
// reason in LastError and is tried again later (twice its interval, at most a day, after repeated
// failures); only a failure of the store is an error.
func (p *Poller) Poll(ctx context.Context, f report.Feed) (Result, error) {
	now := p.now()
	res := Result{}
	failed := f.LastError != ""
	f.LastPoll, f.LastError, f.NextPoll = now, "", now.Add(f.Every)
	page, err := p.Fetch.Get(ctx, f.URL, fetch.Conditional{ETag: f.ETag, LastModified: f.LastModified})
	switch {
	case err != nil && report.ErrorKind(err) == report.Internal:
		return res, err // the context ended
	case err != nil:
		f.LastError = report.ErrorMessage(err)
	case page.NotModified:
		res.NotModified = true
	default:
		f.ETag, f.LastModified = page.Validators.ETag, page.Validators.LastModified
		if err := p.read(ctx, &f, page, &res); err != nil {
			return res, err
		}
	}
	if failed && f.LastError != "" {
		f.NextPoll = now.Add(min(2*f.Every, 24*time.Hour))
	}
	res.Feed = f
	if err := p.Store.SavePoll(ctx, f); err != nil {
		return res, err
	}
	return res, nil
}

// read stores the new items of a feed's page.
func (p *Poller) read(ctx context.Context, f *report.Feed, page *fetch.Page, res *Result) error {
	var items []ingest.Item
	var problems []ingest.Problem
	opts := ingest.Options{MaxBytes: p.MaxBytes}
	if u, err := url.Parse(f.URL); err == nil {
		opts.Source = u.Hostname()
	}
	err := ingest.Read(ctx, bytes.NewReader(page.Body), f.URL, page.ContentType, opts,
		func(it ingest.Item) error { items = append(items, it); return nil },
		func(pr ingest.Problem) { problems = append(problems, pr) })
	if err != nil {
		return err
	}
	if len(items) == 0 && len(problems) > 0 {
		f.LastError = report.ErrorMessage(problems[0].Err)
		return nil
	}
	if len(items) == 1 && items[0].Origin == f.URL {
		f.LastError = "this is a page, not an RSS or Atom feed"
		return nil
	}
	res.Items, res.Rejected = len(items), len(problems)
	for _, it := range items {
		key := itemKey(it.Report)
		seen, err := p.Store.SeenFeedItem(ctx, f.URL, key)
		if err != nil {
			return err
		}
		if seen {
			res.Seen++
			continue
		}
		p.complete(ctx, &it)
		out, err := p.Pipeline.Store(ctx, it, "")
		if err != nil {
			return err
		}
		switch out.Status {
		case intake.Created:
			res.Created++
			f.Reports++
		case intake.Duplicate:
			res.Duplicates++
		default:
			res.Rejected++
		}
		if err := p.Store.MarkFeedItem(ctx, f.URL, key, p.now()); err != nil {
			return err
		}
	}
	return nil
}

// itemKey names an item for the items-read table: its link, else its content's hash.
func itemKey(r report.Report) string {
	if r.URL != "" {
		return r.URL
	}
	h := sha256.Sum256([]byte(r.Title + "\x00" + r.Text))
	return "sha256:" + hex.EncodeToString(h[:])
}

// complete replaces an item's summary with its article's text, read from the page it links to,
// when the page has more; the item's title and date stay. A page that cannot be read leaves the
// summary.
func (p *Poller) complete(ctx context.Context, it *ingest.Item) {
	r := &it.Report
	if r.URL == "" || utf8.RuneCountInString(r.Text) >= summaryRunes {
		return
	}
	page, err := p.Fetch.Get(ctx, r.URL, fetch.Conditional{})
	if err != nil {
		p.Log.Debug("feed item's page not read", "url", r.URL, "err", err)
		return
	}
	var article *report.Report
	err = ingest.Read(ctx, bytes.NewReader(page.Body), page.URL, page.ContentType, ingest.Options{MaxBytes: p.MaxBytes},
		func(a ingest.Item) error {
			if article != nil {
				return errors.New("more than one report")
			}
			article = &a.Report
			return nil
		}, nil)
	if err != nil || article == nil || len(article.Text) <= len(r.Text) {
		return
	}
	r.Text, r.Hash = article.Text, article.Hash
	if r.Published.IsZero() {
		r.Published = article.Published
	}
	if r.Lang == "" {
		r.Lang = article.Lang
	}
}

// Describe is a line for a person about a poll's result.
func Describe(r Result) string {
	switch {
	case r.Feed.LastError != "":
		return fmt.Sprintf("%s: %s", r.Feed.URL, r.Feed.LastError)
	case r.NotModified:
		return fmt.Sprintf("%s: not modified", r.Feed.URL)
	}
	return fmt.Sprintf("%s: %d items, %d new reports, %d read before, %d duplicates, %d rejected",
		r.Feed.URL, r.Items, r.Created, r.Seen, r.Duplicates, r.Rejected)
}
