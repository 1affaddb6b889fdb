package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/datelinehq/dateline/internal/follow"
	"golang.org/x/net/netutil"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/analyze"
	"github.com/datelinehq/dateline/internal/demo"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/datelinehq/dateline/views"
)

// serveCmd is `dateline serve`: the API on --addr over the database in --data, until ctx ends.
func serveCmd(env cmdEnv, args []string) (err error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	addr := fs.String("addr", envOr(env.getenv, "DATELINE_ADDR", "127.0.0.1:8080"), "listen on `HOST:PORT` (env DATELINE_ADDR)")
	data := dataFlag(fs, env.getenv)
	loadDemo := fs.Bool("demo", true, "load the demo reports into an empty database")
	frames := fs.String("frame-ancestors", envOr(env.getenv, "DATELINE_FRAME_ANCESTORS", "*"),
		"`SOURCES` (CSP frame-ancestors, separated by spaces or commas) that may embed /embed pages (env DATELINE_FRAME_ANCESTORS)")
	tiles := fs.String("tiles", envOr(env.getenv, "DATELINE_TILES", ""),
		"tile layer `URL` of the maps, a Leaflet template such as https://tile.example/{z}/{x}/{y}.png (env DATELINE_TILES); default: the offline Natural Earth countries")
	tilesAttribution := fs.String("tiles-attribution", envOr(env.getenv, "DATELINE_TILES_ATTRIBUTION", ""),
		"the tile layer's attribution `TEXT`, shown on the maps (env DATELINE_TILES_ATTRIBUTION)")
	publicURL := fs.String("public-url", envOr(env.getenv, "DATELINE_PUBLIC_URL", ""),
		"the server's `URL` for its readers, https://dateline.example (env DATELINE_PUBLIC_URL): links and oEmbed are built from it, and its host is the only one answered besides loopback's")
	maxInFlight := fs.Int("max-inflight", 256, "answer 503 to requests beyond `N` served at once")
	dotsOver := fs.Int("dots-over", 50_000, "draw the map of a view of more than `N` events as dots from the vector tiles, not as clusters")
	workers := fs.Int("workers", 0, "serve at most `N` reads at once (0: 1 per CPU); others wait for one")
	queueBurst := fs.Int("queue-burst", 8, "let the first `N` reads waiting for a worker wait whatever their predicted wait, while no read has been refused for a second (a burst)")
	queueWait := fs.Duration("queue-wait", 20*time.Millisecond, "answer 503 to a read whose predicted wait for a worker is over `D` (but for a burst)")
	rateLimit := fs.Float64("rate-limit", 50, "requests a `second` each client may send (bursts of 4 times as many); 0 for no limit")
	trusted := fs.String("trusted-proxy", envOr(env.getenv, "DATELINE_TRUSTED_PROXY", ""),
		"`ADDRS`: proxies (addresses or CIDR prefixes, comma-separated) whose X-Forwarded-For names the client (env DATELINE_TRUSTED_PROXY)")
	allow := fetchAllowFlag(fs, env.getenv)
	pollFeeds := fs.Bool("poll-feeds", true, "poll the feeds followed (dateline feeds add) while serving")
	maxConns := fs.Int("max-conns", 10000, "accept at most `N` connections at once (further ones wait in the kernel's queue)")
	private := fs.Bool("private", false, "reads need an access token too (writes need one unless the server listens on loopback only)")
	var gf gazetteerFlags
	gf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: dateline serve [--addr HOST:PORT] [--data DIR] [--demo=false] [--frame-ancestors SOURCES] [--tiles URL --tiles-attribution TEXT] [--gazetteer PATH]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	ancestors, err := web.ParseFrameAncestors(*frames)
	if err != nil {
		return err
	}
	proxies, err := web.ParseTrustedProxies(*trusted)
	if err != nil {
		return fmt.Errorf("--trusted-proxy %q: %w", *trusted, err)
	}
	if *publicURL != "" && !strings.HasPrefix(*publicURL, "https://") && !strings.HasPrefix(*publicURL, "http://") {
		return fmt.Errorf("--public-url %q: want an http(s) URL such as https://dateline.example", *publicURL)
	}
	if *tiles != "" && !strings.HasPrefix(*tiles, "https://") && !strings.HasPrefix(*tiles, "http://") {
		return fmt.Errorf("--tiles %q: want an http(s) URL template such as https://tile.example/{z}/{x}/{y}.png", *tiles)
	}
	log := slog.New(slog.NewTextHandler(env.stderr, nil))
	fetcher, err := newFetcher(*allow, 0)
	if err != nil {
		return err
	}

	store, err := openStore(env.ctx, *data)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, store.Close()) }()
	gz, err := gf.load(env.stderr)
	if err != nil {
		return err
	}
	a := analyze.New(geoparse.New(gz, geoparse.Options{}))
	places := gazetteer.NewFinder(gz)
	go places.Warm() // the place search's index, ready before the first reader types
	atlas, err := gazetteer.NewAtlas(gz, geodata.CountryNames, geodata.PlaceNames)
	if err != nil {
		return err
	}
	if *loadDemo {
		n, err := demo.Load(env.ctx, store, intake.New(a, store))
		if err != nil {
			return err
		}
		if n > 0 {
			log.Info("the database was empty: demo reports loaded", "reports", n)
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	cfg := web.Config{
		Logger: log, Reports: store, Events: store, Analyzer: a, Places: places, Atlas: atlas, FrameAncestors: ancestors,
		Tiles: views.Tiles{URL: *tiles, Attribution: *tilesAttribution},
	}
	// Writes need a token unless only this machine can reach the server: `make run` stays one step.
	cfg.Tokens, cfg.WriteToken, cfg.ReadToken, cfg.PublicURL = store, !loopbackOnly(ln.Addr()), *private, *publicURL
	cfg.MaxInFlight, cfg.RateLimit, cfg.TrustedProxies = *maxInFlight, *rateLimit, proxies
	cfg.Fetch, cfg.Workers, cfg.QueueBurst, cfg.QueueWait = fetcher, *workers, *queueBurst, *queueWait
	cfg.DotsOver = *dotsOver
	if *maxConns > 0 {
		ln = netutil.LimitListener(ln, *maxConns) // a flood of connections queues, it does not exhaust the files
	}
	srv := &http.Server{
		Handler:           web.New(cfg),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second, // a body at a crawl cannot hold a connection for ever
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if *pollFeeds {
		p := &follow.Poller{Store: store, Fetch: fetcher, Pipeline: intake.New(a, store), Log: log}
		go p.Run(env.ctx, time.Minute)
	}
	log.Info("listening", "url", "http://"+ln.Addr().String(), "data", *data, "writes_need_token", cfg.WriteToken, "reads_need_token", cfg.ReadToken)

	select {
	case err := <-served:
		return err
	case <-env.ctx.Done():
	}
	log.Info("shutting down")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(ctx)
}

// loopbackOnly reports whether a listener's address is a loopback one (127.0.0.1, ::1), which only
// this machine reaches; 0.0.0.0 and any other address are not.
func loopbackOnly(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}
