package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// AddFeed stores a feed to follow; a feed of the same URL is a Conflict.
func (s *Store) AddFeed(ctx context.Context, f report.Feed) error {
	_, err := s.write.ExecContext(ctx, `INSERT INTO feeds (url, every_s, added, next_poll) VALUES (?, ?, ?, ?)`,
		f.URL, int64(f.Every/time.Second), f.Added.Unix(), f.NextPoll.Unix())
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return report.Errorf(report.Conflict, "the feed %s is followed already", f.URL)
	}
	if err != nil {
		return fmt.Errorf("sqlite: add feed %q: %w", f.URL, err)
	}
	return nil
}

const feedColumns = `url, every_s, added, etag, last_modified, last_poll, next_poll, last_error, reports`

// Feeds returns the feeds followed, by URL.
func (s *Store) Feeds(ctx context.Context) ([]report.Feed, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: feeds: %w", err)
	}
	defer rows.Close()
	var fs []report.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: feeds: %w", err)
		}
		fs = append(fs, f)
	}
	return fs, rows.Err()
}

func scanFeed(rows *sql.Rows) (report.Feed, error) {
	var f report.Feed
	var every, added, last, next int64
	err := rows.Scan(&f.URL, num(&every), num(&added), &f.ETag, &f.LastModified, num(&last), num(&next), &f.LastError, &f.Reports)
	f.Every, f.Added, f.NextPoll = time.Duration(every)*time.Second, time.Unix(added, 0).UTC(), time.Unix(next, 0).UTC()
	if last != 0 {
		f.LastPoll = time.Unix(last, 0).UTC()
	}
	return f, err
}

// SavePoll stores what a poll of the feed found: its validators, when it was polled and is next
// due, its error and its count of reports. A feed no longer followed is NotFound.
func (s *Store) SavePoll(ctx context.Context, f report.Feed) error {
	var last int64
	if !f.LastPoll.IsZero() {
		last = f.LastPoll.Unix()
	}
	res, err := s.write.ExecContext(ctx, `UPDATE feeds SET etag = ?, last_modified = ?, last_poll = ?, next_poll = ?,
		last_error = ?, reports = ? WHERE url = ?`, f.ETag, f.LastModified, last, f.NextPoll.Unix(), f.LastError, f.Reports, f.URL)
	if err != nil {
		return fmt.Errorf("sqlite: save poll of %q: %w", f.URL, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return report.Errorf(report.NotFound, "the feed %s is not followed", f.URL)
	}
	return err
}

// RemoveFeed stops following a feed and forgets its items.
func (s *Store) RemoveFeed(ctx context.Context, url string) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM feeds WHERE url = ?`, url)
	if err != nil {
		return fmt.Errorf("sqlite: remove feed %q: %w", url, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return report.Errorf(report.NotFound, "the feed %s is not followed", url)
	}
	return err
}

// SeenFeedItem reports whether the feed's item (its link, or its content's hash) was read before.
func (s *Store) SeenFeedItem(ctx context.Context, feed, item string) (bool, error) {
	var one int
	err := s.read.QueryRowContext(ctx, `SELECT 1 FROM feed_items WHERE feed = ? AND item = ?`, feed, item).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("sqlite: seen feed item: %w", err)
	}
	return true, nil
}

// MarkFeedItem records the feed's item as read. A feed no longer followed is NotFound.
func (s *Store) MarkFeedItem(ctx context.Context, feed, item string, now time.Time) error {
	_, err := s.write.ExecContext(ctx, `INSERT OR IGNORE INTO feed_items (feed, item, seen) VALUES (?, ?, ?)`, feed, item, now.Unix())
	if err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed") {
		return report.Errorf(report.NotFound, "the feed %s is not followed", feed)
	}
	if err != nil {
		return fmt.Errorf("sqlite: mark feed item: %w", err)
	}
	return nil
}
