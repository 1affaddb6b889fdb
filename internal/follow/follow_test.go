package follow_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/analyze"
	"github.com/datelinehq/dateline/internal/fetch"
	"github.com/datelinehq/dateline/internal/follow"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
)

var loadAnalyzer = sync.OnceValues(func() (*analyze.Analyzer, error) {
	gz, err := gazetteer.Load(geodata.Gazetteer)
	if err != nil {
		return nil, err
	}
	return analyze.New(geoparse.New(gz, geoparse.Options{})), nil
})

// wire is a news site on loopback: a feed whose items link to article pages, answering 304 to
// a copy it has not changed since.
type wire struct {
	mu    sync.Mutex
	items []string
	etag  string
	hits  map[string]*atomic.Int64
}

func (w *wire) item(title, link, description string) string {
	l := ""
	if link != "" {
		l = "<link>" + link + "</link>"
	}
	return fmt.Sprintf("<item><title>%s</title>%s<pubDate>Tue, 14 Nov 2017 08:00:00 +0000</pubDate><description>%s</description></item>", title, l, description)
}

func (w *wire) publish(items ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.items = append(w.items, items...)
	w.etag = fmt.Sprintf(`"%d"`, len(w.items))
}

func (w *wire) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.hits[r.URL.Path] == nil {
		w.hits[r.URL.Path] = &atomic.Int64{}
	}
	w.hits[r.URL.Path].Add(1)
	switch r.URL.Path {
	case "/rss":
		if r.Header.Get("If-None-Match") == w.etag {
			rw.WriteHeader(http.StatusNotModified)
			return
		}
		rw.Header().Set("ETag", w.etag)
		rw.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(rw, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><language>en</language>%s</channel></rss>`, strings.Join(w.items, ""))
	case "/convoy":
		rw.Header().Set("Content-Type", "text/html")
		fmt.Fprint(rw, `<html><head><title>Convoy</title></head><body><nav>Home | World</nav><article><h1>Convoy leaves</h1>
<p>A convoy of several hundred fighters left Raqqa during the night, witnesses said by telephone on Tuesday.</p>
<p>The vehicles crossed the desert to the east, and several fighters reached Abu Kamal near the Iraqi border before dawn.</p>
<p>The forces that had surrounded the city did not comment on the agreement that allowed the departure.</p></article></body></html>`)
	default:
		http.NotFound(rw, r)
	}
}

func newPoller(t *testing.T, allow bool, clock *time.Time) (*follow.Poller, *sqlite.Store) {
	t.Helper()
	a, err := loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	var opts fetch.Options
	if allow {
		opts.Allow = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	}
	return &follow.Poller{Store: store, Fetch: fetch.New(opts), Pipeline: intake.New(a, store),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return *clock }}, store
}

// TestPoll: a feed's items are stored once each, summaries completed from their pages; an
// unchanged feed is a 304; a feed that repeats its items brings only the new ones.
func TestPoll(t *testing.T) {
	w := &wire{hits: map[string]*atomic.Int64{}}
	srv := httptest.NewServer(w)
	defer srv.Close()
	w.publish(
		w.item("Convoy leaves Raqqa", srv.URL+"/convoy", "A convoy left Raqqa."),
		w.item("Floods in Mosul", srv.URL+"/missing", strings.Repeat("Heavy rain flooded the streets of Mosul on Monday. ", 14)),
		w.item("Kirkuk calm", "", "Kirkuk was calm on Tuesday, officials said."),
	)
	now := time.Date(2017, 11, 14, 12, 0, 0, 0, time.UTC)
	p, store := newPoller(t, true, &now)
	f, err := report.NewFeed(srv.URL+"/rss", 0, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.AddFeed(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	res, err := p.Due(t.Context())
	if err != nil || len(res) != 1 {
		t.Fatalf("first poll: %+v, %v", res, err)
	}
	if r := res[0]; r.Items != 3 || r.Created != 3 || r.Feed.Reports != 3 || r.Feed.LastError != "" || r.Feed.ETag != `"3"` || !r.Feed.NextPoll.Equal(now.Add(report.DefaultFeedEvery)) {
		t.Errorf("first poll: %s, %+v", follow.Describe(r), r.Feed)
	}
	list, err := store.ListReports(t.Context(), report.ReportFilter{Limit: 10})
	if err != nil || len(list.Reports) != 3 {
		t.Fatalf("stored %+v, %v", list.Reports, err)
	}
	byTitle := map[string]report.Report{}
	for _, r := range list.Reports {
		full, err := store.GetReport(t.Context(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		byTitle[full.Title] = *full
	}
	convoy := byTitle["Convoy leaves Raqqa"]
	if !strings.Contains(convoy.Text, "Abu Kamal") || strings.Contains(convoy.Text, "Home | World") || convoy.Published.String() != "2017-11-14" || convoy.Source != "Wire" {
		t.Errorf("the summary item's report: %+v; want its article's text, the item's date, the feed's title as source", convoy)
	}
	if !strings.HasPrefix(byTitle["Floods in Mosul"].Text, "Heavy rain") || w.hits["/missing"] != nil {
		t.Error("an item with its whole text must be kept as it is, its page not fetched")
	}
	if len(byTitle["Kirkuk calm"].Mentions) == 0 {
		t.Error("the item without a link was not analysed")
	}

	// not modified since: nothing read; then not due
	now = now.Add(report.DefaultFeedEvery)
	if res, err := p.Due(t.Context()); err != nil || len(res) != 1 || !res[0].NotModified || res[0].Created != 0 {
		t.Fatalf("second poll: %+v, %v; want not modified", res, err)
	}
	if res, err := p.Due(t.Context()); err != nil || len(res) != 0 {
		t.Errorf("a feed polled a moment ago is not due: %+v, %v", res, err)
	}
	// the feed repeats its items and adds one: only the new one is stored
	w.publish(w.item("Convoy reaches Abu Kamal", "", "Fighters reached Abu Kamal on Wednesday."))
	res, err = p.All(t.Context())
	if err != nil || len(res) != 1 || res[0].Items != 4 || res[0].Created != 1 || res[0].Seen != 3 || res[0].Feed.Reports != 4 {
		t.Fatalf("third poll: %+v, %v; want 1 new of 4", res, err)
	}
	if n := w.hits["/convoy"].Load(); n != 1 {
		t.Errorf("the article page was fetched %d times, want once", n)
	}
}

// TestPollFailures: a feed on the server's own network, a missing feed and a page that is no feed
// keep the reason and are tried again later, backing off; nothing is stored.
func TestPollFailures(t *testing.T) {
	w := &wire{hits: map[string]*atomic.Int64{}}
	srv := httptest.NewServer(w)
	defer srv.Close()
	now := time.Date(2017, 11, 14, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, path, want string
		allow            bool
	}{
		{"own network", "/rss", "loopback address", false},
		{"missing", "/gone", "404", true},
		{"a page", "/convoy", "not an RSS or Atom feed", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, store := newPoller(t, tc.allow, &now)
			f, _ := report.NewFeed(srv.URL+tc.path, time.Hour, now)
			if err := store.AddFeed(t.Context(), f); err != nil {
				t.Fatal(err)
			}
			for i, next := range []time.Duration{time.Hour, 2 * time.Hour} {
				res, err := p.Poll(t.Context(), f)
				if err != nil {
					t.Fatal(err)
				}
				f = res.Feed
				if !strings.Contains(f.LastError, tc.want) || !f.NextPoll.Equal(now.Add(next)) || res.Created != 0 {
					t.Errorf("poll %d: error %q, next %v; want %q and %v later", i+1, f.LastError, f.NextPoll, tc.want, next)
				}
			}
			if fs, _ := store.Feeds(t.Context()); len(fs) != 1 || fs[0].LastError != f.LastError {
				t.Errorf("saved %+v", fs)
			}
			if l, _ := store.ListReports(t.Context(), report.ReportFilter{Limit: 10}); len(l.Reports) != 0 {
				t.Errorf("stored %d reports", len(l.Reports))
			}
		})
	}
}
