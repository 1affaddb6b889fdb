// Command loadtest puts constant-rate HTTP load (vegeta, as a library) on a real `dateline serve`
// process over a store of a million synthetic events, on loopback, and prints what it measured:
// for the events API, the explore page and the map's clusters, the highest rate whose p99 latency
// meets a bar; at a multiple of that rate, whether the server sheds the excess (429/503), the p99
// of what it accepted, its peak resident memory and whether /healthz answered throughout; and the
// same memory and health figures at 2,500 requests a second on /clusters.geojson.
//
//	go run ./cmd/loadtest [-quick] [-duration 10s] [-max-rate 10000] [-out bin/loadtest.json]
//
// `make loadtest` builds bin/dateline and runs it. The store is built once into -data (minutes)
// and reused.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// config is the command's flags.
type config struct {
	bin, data, out       string
	events               int
	step, overload, pace time.Duration // one step of the search; an overload run; the pause between runs
	heavy, warm          time.Duration // the 2,500 req/s run; the warm-up of each target
	startRate, maxRate   int
	bisect, factor       int
	heavyRate            int
	p99, overloadP99     float64 // bars, ms
	rssLimit             float64 // bar, MB
	rateLimit            string  // serve's --rate-limit
	maxInFlight          int     // serve's --max-inflight; 0 leaves its default
	only                 string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.bin, "bin", "bin/dateline", "the dateline `BINARY` to serve with")
	fs.StringVar(&c.data, "data", "data/loadtest", "the `DIR` of the synthetic store, built on first use and then reused")
	fs.StringVar(&c.out, "out", "bin/loadtest.json", "write the figures as JSON to `FILE` too (empty: do not)")
	fs.IntVar(&c.events, "events", 1_000_000, "events in the synthetic store")
	fs.DurationVar(&c.step, "duration", 10*time.Second, "the length of each run")
	fs.IntVar(&c.startRate, "start-rate", 50, "the first rate of the search, requests a second")
	fs.IntVar(&c.maxRate, "max-rate", 10_000, "the highest rate the search tries, requests a second")
	fs.IntVar(&c.bisect, "bisect", 2, "bisection steps after the doubling of the rate has failed")
	fs.IntVar(&c.factor, "overload", 4, "the overload run's rate, as a multiple of the sustained rate")
	fs.IntVar(&c.heavyRate, "clusters-rate", 2500, "the rate of the last run, on /clusters.geojson with gzip")
	fs.Float64Var(&c.p99, "p99", 50, "the bar of the search: p99 latency in `ms`")
	fs.Float64Var(&c.overloadP99, "overload-p99", 100, "the bar of the overload run: p99 of the 2xx answers in `ms`")
	fs.Float64Var(&c.rssLimit, "rss-limit", 1024, "the bar of the server's peak resident memory in `MB`")
	fs.StringVar(&c.rateLimit, "rate-limit", "0", "the server's --rate-limit: requests a `second` per client; all load comes from 127.0.0.1, so 0 (no limit)")
	fs.IntVar(&c.maxInFlight, "max-inflight", 0, "the server's --max-inflight (`N`); 0 leaves the server's default (256)")
	fs.StringVar(&c.only, "targets", "items,explore,clusters", "the `TARGETS` to measure, comma-separated")
	quick := fs.Bool("quick", false, "short runs (2 s steps, one bisection) to try the tool out; figures are rougher")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return c, flag.ErrHelp
	}
	c.overload, c.heavy, c.pace, c.warm = c.step, c.step, time.Second, 2*time.Second
	if *quick {
		c.step, c.overload, c.heavy, c.pace, c.warm = 2*time.Second, 3*time.Second, 3*time.Second, 300*time.Millisecond, time.Second
		c.bisect = min(c.bisect, 1)
	}
	if c.startRate < 1 || c.maxRate < c.startRate || c.factor < 1 || c.step <= 0 {
		return c, errors.New("want 1 <= -start-rate <= -max-rate, -overload >= 1 and a positive -duration")
	}
	return c, nil
}

// results is everything measured, as written to -out.
type results struct {
	Started     time.Time      `json:"started"`
	Seconds     float64        `json:"seconds"` // the whole run, the store's build included
	CPUs        int            `json:"cpus"`
	LoadBefore  string         `json:"loadavg_before"` // /proc/loadavg: other work on the machine
	LoadAfter   string         `json:"loadavg_after"`
	Server      []string       `json:"server"`       // its command line
	StartRSS    float64        `json:"start_rss_mb"` // the server's resident memory once it answers, before any load
	DBMappings  int            `json:"db_mappings"`  // the times the server maps the database (once per SQLite connection)
	Store       storeInfo      `json:"store"`
	Bars        bars           `json:"bars"`
	StepSeconds float64        `json:"step_seconds"`
	Targets     []targetResult `json:"targets"`
	Clusters    *measurement   `json:"clusters_heavy,omitempty"`
	ServerErrs  int            `json:"server_error_lines"` // lines the server logged at level ERROR
	Missed      []string       `json:"missed"`             // the bars not met
}

type storeInfo struct {
	Dir          string  `json:"dir"`
	Events       int     `json:"events"`
	MB           float64 `json:"mb"`    // the database file's size
	Built        bool    `json:"built"` // false: reused from an earlier run
	BuildSeconds float64 `json:"build_seconds,omitempty"`
}

type bars struct {
	P99         float64 `json:"p99_ms"`
	OverloadP99 float64 `json:"overload_ok_p99_ms"`
	RSS         float64 `json:"peak_rss_mb"`
	Factor      int     `json:"overload_factor"`
}

type targetResult struct {
	target
	Sustained *measurement   `json:"sustained"` // the highest passing rate; nil: none passed
	Steps     []*measurement `json:"steps"`
	Overload  *measurement   `json:"overload"`
	Base      int            `json:"overload_base_rate"` // the rate the overload multiplies
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	var ts []target
	for _, t := range targets() {
		if slices.Contains(strings.Split(c.only, ","), t.Name) {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		return fmt.Errorf("-targets %q: want some of items, explore, clusters", c.only)
	}
	res := &results{
		Started: time.Now().UTC(), CPUs: runtime.NumCPU(), LoadBefore: loadavg(), StepSeconds: c.step.Seconds(),
		Bars: bars{P99: c.p99, OverloadP99: c.overloadP99, RSS: c.rssLimit, Factor: c.factor},
	}
	progress := func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }

	progress("store: %d synthetic events in %s", c.events, c.data)
	start := time.Now()
	built, err := ensureStore(ctx, c.data, c.events, stderr)
	if err != nil {
		return err
	}
	res.Store = storeInfo{Dir: c.data, Events: c.events, Built: built}
	if built {
		res.Store.BuildSeconds = time.Since(start).Seconds()
		progress("store built in %v", time.Since(start).Round(time.Second))
	}

	extra := []string{"--rate-limit", c.rateLimit}
	if c.maxInFlight > 0 {
		extra = append(extra, "--max-inflight", strconv.Itoa(c.maxInFlight))
	}
	srv, err := startServer(ctx, c.bin, c.data, extra...)
	if err != nil {
		return err
	}
	defer srv.stop()
	res.Server = srv.Args
	if st, err := procStatus(srv.cmd.Process.Pid, "status"); err == nil {
		res.StartRSS = st["VmRSS"]
	}
	progress("server: %s (pid %d) at %s", strings.Join(srv.Args, " "), srv.cmd.Process.Pid, srv.URL)

	// measure runs one attack, after a pause that lets the server settle, and fails when the
	// server has gone.
	var failed error
	measure := func(t target, rate int, d time.Duration, kind runKind) *measurement {
		if failed != nil || ctx.Err() != nil {
			return nil
		}
		time.Sleep(c.pace)
		var mem func() *memoryPeak
		var health func() *healthReport
		if kind == watched {
			mem, health = watchMemory(srv.cmd.Process.Pid), pollHealth(ctx, srv.URL)
		}
		r := attack(ctx, srv.URL, t, rate, d)
		if kind == watched {
			r.Memory, r.Health = mem(), health()
		}
		r.Pass = r.Success == 1 && r.P99 <= c.p99 && r.Sent >= 0.9*float64(rate)
		if !srv.alive() {
			failed = fmt.Errorf("the server exited during %s at %d/s: %v\n%s", t.Name, rate, srv.exitErr(), srv.logTail())
			return nil
		}
		if ctx.Err() != nil {
			return nil
		}
		progress("  %-8s %6d/s: sent %7.1f/s, p50 %7.1f ms, p99 %7.1f ms, 2xx %6.2f%%, codes %s%s",
			t.Name, rate, r.Sent, r.P50, r.P99, 100*r.Success, codes(r.StatusCodes), kind.label(r.Pass))
		return r
	}

	for _, t := range ts {
		progress("%s: %s", t.Name, t.About)
		measure(t, c.startRate, c.warm, warmUp) // the store's pages, the server's pools
		tr := targetResult{target: t}
		tr.Sustained, tr.Steps = searchRate(c.startRate, c.maxRate, c.bisect, func(rate int) *measurement {
			return measure(t, rate, c.step, searchStep)
		})
		tr.Base = c.startRate
		if tr.Sustained != nil {
			tr.Base = tr.Sustained.Rate
		}
		tr.Overload = measure(t, c.factor*tr.Base, c.overload, watched)
		res.Targets = append(res.Targets, tr)
		if failed != nil || ctx.Err() != nil {
			break
		}
	}
	if i := slices.IndexFunc(ts, func(t target) bool { return t.Name == "clusters" }); i >= 0 && c.heavyRate > 0 {
		progress("clusters at %d/s", c.heavyRate)
		res.Clusters = measure(ts[i], c.heavyRate, c.heavy, watched)
	}
	if failed != nil {
		return failed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	res.DBMappings = mappings(srv.cmd.Process.Pid, filepath.Join(c.data, "dateline.db"))
	if info, err := os.Stat(filepath.Join(c.data, "dateline.db")); err == nil {
		res.Store.MB = float64(info.Size()) / (1 << 20)
	}
	stopErr := srv.stop()
	res.ServerErrs = srv.errorLines()
	res.LoadAfter = loadavg()
	res.Seconds = time.Since(res.Started).Seconds()
	res.Missed = missed(res)

	printResults(stdout, res)
	if c.out != "" {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(c.out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(c.out, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("loadtest: %w", err)
		}
		fmt.Fprintf(stdout, "\nJSON: %s\n", c.out)
	}
	return stopErr
}

// loadavg is the first three fields of /proc/loadavg.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// runKind is what a run is for.
type runKind int

const (
	warmUp     runKind = iota // not measured
	searchStep                // a step of the rate search: pass or fail
	watched                   // the server's memory and health watched too
)

// label ends a run's progress line.
func (k runKind) label(pass bool) string {
	switch {
	case k == warmUp:
		return "  (warm-up)"
	case k == watched:
		return ""
	case pass:
		return "  pass"
	default:
		return "  FAIL"
	}
}
