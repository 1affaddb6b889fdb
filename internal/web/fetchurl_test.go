package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/datelinehq/dateline/internal/fetch"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/web"
)

const articlePage = `<!doctype html><html lang="fr"><head><title>Un convoi quitte Raqqa</title>
<meta property="article:published_time" content="2017-11-14T08:00:00Z"></head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Un convoi quitte Raqqa</h1>
<p>Un convoi de plusieurs centaines de combattants a quitté Raqqa dans la nuit, selon des témoins joints par téléphone.</p>
<p>Les véhicules ont traversé le désert vers l'est et plusieurs combattants ont atteint Markada avant de rejoindre Abou Kamal, près de la frontière irakienne.</p>
<p>Les forces qui encerclaient la ville n'ont pas commenté l'accord qui a permis ce départ.</p></article>
<footer>Tous droits réservés</footer></body></html>`

const feedPage = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>http://news.example/1</link><description>Fighting in Mosul.</description></item>
<item><title>Two</title><link>http://news.example/2</link><description>Rain in Kirkuk.</description></item>
</channel></rss>`

// pageServer serves the article and the feed on loopback and counts its requests.
func pageServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	hits := &atomic.Int64{}
	ps := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/article":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, articlePage)
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, feedPage)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ps.Close)
	return ps, hits
}

// TestReportByURL: a report sent as {"url"} is fetched and read as its article, with the record's
// own members kept; a server's own network, a feed, a missing page and a server that does not fetch
// are clear 422s, and nothing is stored.
func TestReportByURL(t *testing.T) {
	ps, hits := pageServer(t)
	ts := newServer(t, func(c *web.Config) {
		// the page server is on loopback, which only an operator's allow-list lets through
		c.Fetch = fetch.New(fetch.Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	})
	resp, body := ts.do(t, "POST", "/api/reports", "application/json",
		strings.NewReader(`{"url": "`+ps.URL+`/article", "source": "Témoin"}`))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST by URL: %d %s", resp.StatusCode, body)
	}
	var got struct{ ID string }
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	r, err := ts.store.GetReport(t.Context(), got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "Markada") || strings.Contains(r.Text, "Accueil") || strings.Contains(r.Text, "droits réservés") {
		t.Errorf("text %q: want the article without its navigation and footer", r.Text)
	}
	if r.Title != "Un convoi quitte Raqqa" || r.Source != "Témoin" || r.URL != ps.URL+"/article" || r.Lang != "fr" || r.Published.String() != "2017-11-14" {
		t.Errorf("got title %q, source %q, url %q, lang %q, date %s", r.Title, r.Source, r.URL, r.Lang, r.Published)
	}
	places := map[string]bool{}
	for _, m := range r.Mentions {
		places[m.Text+"/"+m.Place.CountryCode] = true
	}
	if !places["Raqqa/SY"] || !places["Abou Kamal/SY"] {
		t.Errorf("places %v: want Raqqa and Abou Kamal in Syria", places)
	}

	before := hits.Load()
	closed := newServer(t, func(c *web.Config) { c.Fetch = fetch.New(fetch.Options{}) })
	open := ts
	for _, tc := range []struct {
		name string
		ts   *testServer
		url  string
		want string
	}{
		{"the server's own network", closed, ps.URL + "/article", "loopback address"},
		{"a feed", open, ps.URL + "/feed", "feed"},
		{"a missing page", open, ps.URL + "/nothing", "404"},
		{"another scheme", open, "file:///etc/passwd", "only http and https"},
		{"no fetching", newServer(t, nil), ps.URL + "/article", "does not fetch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list := func() int {
				l, err := tc.ts.store.ListReports(t.Context(), report.ReportFilter{Limit: 100})
				if err != nil {
					t.Fatal(err)
				}
				return len(l.Reports)
			}
			n := list()
			resp, body := tc.ts.do(t, "POST", "/api/reports", "application/json", strings.NewReader(`{"url": "`+tc.url+`"}`))
			var e struct{ Error string }
			if resp.StatusCode != http.StatusUnprocessableEntity || json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, tc.want) {
				t.Errorf("%d %s; want 422 saying %q", resp.StatusCode, body, tc.want)
			}
			if list() != n {
				t.Error("a report was stored")
			}
		})
	}
	if n := hits.Load() - before; n != 2 { // the feed and the missing page were read; the closed server never dialled
		t.Errorf("the page server was asked %d times, want 2", n)
	}
}
