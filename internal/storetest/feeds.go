package storetest

import (
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func testFeeds(t *testing.T, s Store) {
	ctx := t.Context()
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	if fs, err := s.Feeds(ctx); err != nil || len(fs) != 0 {
		t.Fatalf("a new store follows %v, %v", fs, err)
	}
	a, _ := report.NewFeed("https://news.example/rss", 0, now)
	b, _ := report.NewFeed("http://wire.example/atom.xml", time.Hour, now)
	for _, f := range []report.Feed{a, b} {
		if err := s.AddFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddFeed(ctx, a); report.ErrorKind(err) != report.Conflict {
		t.Errorf("the same feed twice: %v, want Conflict", err)
	}
	fs, err := s.Feeds(ctx)
	if err != nil || len(fs) != 2 || fs[0] != b || fs[1] != a {
		t.Fatalf("Feeds = %+v, %v; want the two as added, by URL", fs, err)
	}
	polled := a
	polled.ETag, polled.LastModified, polled.LastPoll = `"v2"`, "Thu, 03 Dec 2026 09:00:00 GMT", now.Add(time.Minute)
	polled.NextPoll, polled.LastError, polled.Reports = now.Add(31*time.Minute), "answered 503", 7
	if err := s.SavePoll(ctx, polled); err != nil {
		t.Fatal(err)
	}
	if fs, _ := s.Feeds(ctx); len(fs) != 2 || fs[1] != polled {
		t.Errorf("after SavePoll: %+v, want %+v", fs, polled)
	}
	for _, item := range []string{"https://news.example/1", "https://news.example/1", "sha256:ab"} {
		if err := s.MarkFeedItem(ctx, a.URL, item, now); err != nil {
			t.Fatal(err)
		}
	}
	for item, want := range map[string]bool{"https://news.example/1": true, "sha256:ab": true, "https://news.example/2": false} {
		if seen, err := s.SeenFeedItem(ctx, a.URL, item); err != nil || seen != want {
			t.Errorf("SeenFeedItem(%q) = %v, %v; want %v", item, seen, err, want)
		}
	}
	if seen, _ := s.SeenFeedItem(ctx, b.URL, "https://news.example/1"); seen {
		t.Error("an item of one feed is seen in another")
	}
	if err := s.RemoveFeed(ctx, a.URL); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFeed(ctx, a.URL); report.ErrorKind(err) != report.NotFound {
		t.Errorf("remove twice: %v, want NotFound", err)
	}
	if err := s.SavePoll(ctx, polled); report.ErrorKind(err) != report.NotFound {
		t.Errorf("save the poll of a feed removed: %v, want NotFound", err)
	}
	if err := s.MarkFeedItem(ctx, a.URL, "x", now); report.ErrorKind(err) != report.NotFound {
		t.Errorf("mark an item of a feed removed: %v, want NotFound", err)
	}
	if err := s.AddFeed(ctx, a); err != nil {
		t.Fatal(err)
	}
	if seen, _ := s.SeenFeedItem(ctx, a.URL, "https://news.example/1"); seen {
		t.Error("a feed followed again remembers the items of before")
	}
}
