package report

import (
	"net/url"
	"strings"
	"time"
)

// Feed is an RSS or Atom feed Dateline follows: polled every Every, with the validators of the
// last copy read (for conditional GETs) and what became of the last poll.
type Feed struct {
	URL          string        `json:"url"`
	Every        time.Duration `json:"every"`
	Added        time.Time     `json:"added"`
	ETag         string        `json:"-"`
	LastModified string        `json:"-"`
	LastPoll     time.Time     `json:"last_poll"` // zero until polled
	NextPoll     time.Time     `json:"next_poll"`
	LastError    string        `json:"last_error,omitempty"` // why the last poll failed, "" when it did not
	Reports      int           `json:"reports"`              // the reports it has brought
}

// Feed polling intervals.
const (
	MinFeedEvery     = 5 * time.Minute
	DefaultFeedEvery = 30 * time.Minute
	MaxFeedEvery     = 7 * 24 * time.Hour
)

// NewFeed checks a feed's URL (absolute http or https) and interval (zero: DefaultFeedEvery), and
// returns the feed, due at once.
func NewFeed(rawURL string, every time.Duration, now time.Time) (Feed, error) {
	rawURL = strings.TrimSpace(rawURL)
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(rawURL) > 2048 {
		return Feed{}, Errorf(Invalid, "feed URL %q: want an http or https URL of at most 2048 bytes, without a password", rawURL)
	}
	if every == 0 {
		every = DefaultFeedEvery
	}
	if every < MinFeedEvery || every > MaxFeedEvery {
		return Feed{}, Errorf(Invalid, "a feed is polled every %v to %v, not every %v", MinFeedEvery, MaxFeedEvery, every)
	}
	now = now.UTC().Truncate(time.Second)
	return Feed{URL: u.String(), Every: every, Added: now, NextPoll: now}, nil
}
