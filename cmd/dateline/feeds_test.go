package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

// TestFeeds follows a feed served on loopback: add, list, poll (which stores its items), poll again
// (not modified: nothing new), remove. Without --fetch-allow the same feed is refused, as on the
// server's own network.
func TestFeeds(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(rss))
	}))
	defer srv.Close()
	data := t.TempDir()
	url := srv.URL + "/rss"
	if out, _ := runCmd(t, "", "feeds", "add", "--data", data, "--every", "15m", url); !strings.Contains(out, "following "+url+" every 15m0s") {
		t.Errorf("add: %q", out)
	}
	var errOut bytes.Buffer
	err := run(context.Background(), []string{"dateline", "feeds", "add", "--data", data, url}, func(string) string { return "" }, nil, &bytes.Buffer{}, &errOut)
	if report.ErrorKind(err) != report.Conflict {
		t.Errorf("adding it twice: %v, want a conflict", err)
	}
	if out, _ := runCmd(t, "", "feeds", "poll", "--data", data); !strings.Contains(out, "loopback address") || hits.Load() != 0 {
		t.Errorf("poll without --fetch-allow: %q, %d requests; want refused", out, hits.Load())
	}
	if out, _ := runCmd(t, "", "feeds", "poll", "--data", data, "--fetch-allow", "127.0.0.0/8"); !strings.Contains(out, "2 items, 2 new reports") {
		t.Errorf("poll: %q", out)
	}
	if out, _ := runCmd(t, "", "feeds", "poll", "--data", data, "--fetch-allow", "127.0.0.1"); !strings.Contains(out, "not modified") {
		t.Errorf("poll again: %q", out)
	}
	if out, _ := runCmd(t, "", "feeds", "list", "--data", data); !strings.Contains(out, url+"\tevery 15m0s\t2 reports\tpolled ") || !strings.HasSuffix(out, "\tok\n") {
		t.Errorf("list: %q", out)
	}
	s := openData(t, data)
	if l, err := s.ListReports(t.Context(), report.ReportFilter{Limit: 10}); err != nil || len(l.Reports) != 2 {
		t.Errorf("stored %v, %v; want the 2 items", l.Reports, err)
	}
	if out, _ := runCmd(t, "", "feeds", "remove", "--data", data, url); !strings.Contains(out, "no longer following") {
		t.Errorf("remove: %q", out)
	}
	if out, _ := runCmd(t, "", "feeds", "list", "--data", data); out != "" {
		t.Errorf("list after remove: %q", out)
	}
}
