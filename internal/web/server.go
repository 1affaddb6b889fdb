// Package web is Dateline's HTTP server: the JSON and GeoJSON API, the pages and the embeds.
// It declares the small interfaces it needs from the store; cmd/dateline checks that the
// SQLite store satisfies them. Reports enter through the intake pipeline.
package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/datelinehq/dateline/internal/fetch"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

// Config is what the server needs.
type Config struct {
	Logger   *slog.Logger
	Reports  ReportStore
	Events   EventStore
	Analyzer intake.Analyzer
	// Tokens are the access tokens. With WriteToken every write (reports, corrections, deletes)
	// needs one, sent as "Authorization: Bearer SECRET" or by a reader signed in at /signin;
	// with ReadToken, reads too. cmd/dateline asks for them unless the server listens on
	// loopback only.
	Tokens                TokenStore
	WriteToken, ReadToken bool
	// PublicURL is the server's address for its readers ("https://dateline.example"): links and
	// oEmbed answers are built from it, and its host is, with the loopback names, the only Host
	// the server answers (421 for any other, against DNS rebinding).
	PublicURL string
	// Places finds gazetteer places for the search boxes and the corrections; without it a
	// correction can only choose among a mention's candidates.
	Places PlaceFinder
	// Atlas names countries (the filter country= takes their names too, place pages show them in
	// the reader's language) and labels the offline basemap; without it country= takes a code as
	// it is and the basemap has no labels.
	Atlas Atlas
	// RateLimit is the requests a second each client may send, in bursts of RateBurst (zero:
	// 4 x RateLimit); more are answered 429. Zero limits nothing.
	RateLimit float64
	RateBurst int
	// TrustedProxies are the proxies whose X-Forwarded-For names the client (for rate limits
	// and logs); no other request's header is believed.
	TrustedProxies []netip.Prefix
	// ReadDeadline bounds the time a GET may take (its store queries are interrupted, the answer is
	// a 503); zero means 20 s.
	ReadDeadline time.Duration
	// MaxInFlight bounds the requests served at once; more are answered 503 with Retry-After
	// before any work. Zero means 256.
	MaxInFlight int
	// Workers bounds the reads served at once (zero: 1 per CPU). A read waits for one when the
	// queue's predicted wait (those waiting, times the recent time of a read, over the workers) is
	// within QueueWait (zero: 20 ms), or, while no read has been refused for a second, when it is one
	// of the first QueueBurst waiting (zero: 8); others are a 503 with Retry-After.
	Workers    int
	QueueBurst int
	QueueWait  time.Duration
	// MaxBodyBytes bounds a request body (a batch or an upload); zero means 32 MiB.
	MaxBodyBytes int64
	// MaxReportBytes bounds one report, one JSON line, or one uploaded file; zero means 5 MiB.
	MaxReportBytes int64
	// DotsOver is how many events a view of the explore page or a map embed must hold for its map to
	// draw them as dots from the vector tiles (/tiles/events) rather than as the server's clusters,
	// which are refetched at every move; zero means 50,000.
	DotsOver int
	// MaxExports bounds the exports (/export/events.*) streamed at once, which hold no worker (they
	// take as long as the client reads); more are a 503 with Retry-After. Zero means 2.
	MaxExports int
	// Tiles is the tile layer of the maps (a Leaflet URL template such as
	// https://tile.example/{z}/{x}/{y}.png) and its attribution; without a URL the maps draw the
	// offline Natural Earth countries.
	Tiles views.Tiles
	// FrameAncestors are the sites that may embed the /embed pages, as CSP frame-ancestors
	// sources (see ParseFrameAncestors); none means any site ("*"). No other page may be framed.
	FrameAncestors []string
	// Fetch reads the pages of reports sent by URL ({"url": ...} without text); nil refuses them.
	Fetch *fetch.Client
}

// Server holds the handlers' dependencies.
type Server struct {
	log                   *slog.Logger
	reports               ReportStore
	events                EventStore
	intake                *intake.Pipeline // every report read is analysed, and stored, through it
	places                PlaceFinder
	tokens                TokenStore
	writeToken, readToken bool
	publicURL             string
	hosts                 map[string]bool
	atlas                 Atlas
	spellings             *spellings       // names of places the atlas cannot name, from the reports
	writes                atomic.Int64     // the writes this server answered with success (noteWrites)
	allBound              boundCache       // the first view of all events
	query                 viewquery.Parser // the one reader of views' query strings, with the atlas's countries
	maxInFlight           int
	workers, queueBurst   int
	queueWait             time.Duration
	readDeadline          time.Duration
	rateLimitPerSecond    float64
	rateBurst             int
	trustedProxies        []netip.Prefix
	maxBody               int64
	maxReport             int64
	dotsOver              int
	exports               chan struct{} // a slot per export streamed at once
	fetch                 *fetch.Client

	tiles          views.Tiles
	frameAncestors []string
	crossOrigin    *http.CrossOriginProtection
	countries      func() ([]orb.MultiPolygon, error) // decoded on first use
	water          map[string]func() ([]byte, error)  // the basemap's lakes and rivers by file, cut on first use
}

// New returns the HTTP handler of Dateline.
func New(cfg Config) http.Handler {
	s := &Server{
		log:     cfg.Logger,
		reports: cfg.Reports,
		events:  cfg.Events,
		intake:  intake.New(cfg.Analyzer, cfg.Reports),
		places:  cfg.Places,
		tokens:  cfg.Tokens, writeToken: cfg.WriteToken, readToken: cfg.ReadToken,
		publicURL:          strings.TrimRight(cfg.PublicURL, "/"),
		hosts:              allowedHosts(cfg.PublicURL),
		atlas:              cfg.Atlas,
		maxInFlight:        int(orDefault(int64(cfg.MaxInFlight), 256)),
		workers:            int(orDefault(int64(cfg.Workers), int64(runtime.GOMAXPROCS(0)))),
		queueBurst:         int(orDefault(int64(cfg.QueueBurst), 8)),
		queueWait:          time.Duration(orDefault(int64(cfg.QueueWait), int64(20*time.Millisecond))),
		readDeadline:       time.Duration(orDefault(int64(cfg.ReadDeadline), int64(20*time.Second))),
		rateLimitPerSecond: cfg.RateLimit, rateBurst: int(orDefault(int64(cfg.RateBurst), int64(4*cfg.RateLimit))),
		trustedProxies: cfg.TrustedProxies,
		maxBody:        orDefault(cfg.MaxBodyBytes, 32<<20),
		maxReport:      orDefault(cfg.MaxReportBytes, 5<<20),
		dotsOver:       int(orDefault(int64(cfg.DotsOver), 50_000)),
		exports:        make(chan struct{}, orDefault(int64(cfg.MaxExports), 2)),
		fetch:          cfg.Fetch,

		tiles:          cfg.Tiles,
		frameAncestors: cfg.FrameAncestors,
		crossOrigin:    http.NewCrossOriginProtection(),
		countries:      sync.OnceValues(naturalEarth110m),
		water: map[string]func() ([]byte, error){
			"water-110m.json": sync.OnceValues(func() ([]byte, error) { return waterLayers(geodata.Water110m) }),
			"water-50m.json":  sync.OnceValues(func() ([]byte, error) { return waterLayers(geodata.Water50m) }),
		},
	}
	if s.atlas != nil {
		s.query.Country = s.atlas.CountryCode
	}
	if ss, ok := cfg.Events.(SpellingStore); ok {
		s.spellings = &spellings{store: ss, langs: []string{"en", "fr"}, writes: &s.writes,
			log: func(err error) {
				if s.log != nil {
					s.log.Warn("place spellings", "err", err)
				}
			}}
	}
	if len(s.frameAncestors) == 0 {
		s.frameAncestors = []string{"*"}
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	s.routes(e)
	return e
}

// orDefault returns n, or def when n is not positive.
func orDefault(n, def int64) int64 {
	if n > 0 {
		return n
	}
	return def
}

// writeJSON encodes v into a buffer first, so that a failed encoding becomes a real 500.
func writeJSON(c echo.Context, status int, contentType string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("web: encode %s response: %w", c.Path(), err)
	}
	return c.Blob(status, contentType, buf.Bytes())
}

const (
	mimeJSON    = echo.MIMEApplicationJSON
	mimeGeoJSON = "application/geo+json"
)
