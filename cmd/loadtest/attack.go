package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// target is one kind of request, with the paths its requests cycle through.
type target struct {
	Name  string   `json:"name"`
	About string   `json:"about"` // what the requests are, for the report
	Gzip  bool     `json:"gzip"`  // sent with Accept-Encoding: gzip, the body read as sent
	Paths []string `json:"-"`
}

// targets are the three kinds of requests measured: a page of the events API over the box and
// the dates of a map view, the explore page, and the map's clusters of a view.
func targets() []target {
	rng := rand.New(rand.NewPCG(7, 8))
	day := func(span int) (string, string) {
		from := corpusFirstDay.AddDate(0, 0, rng.IntN(corpusDays-span))
		return from.Format(time.DateOnly), from.AddDate(0, 0, span-1).Format(time.DateOnly)
	}
	const n = 1024
	items := make([]string, n)
	for i := range items {
		lon, lat := -180+rng.Float64()*320, -60+rng.Float64()*110
		from, to := day(91)
		items[i] = fmt.Sprintf("/api/events?bbox=%.2f,%.2f,%.2f,%.2f&from=%s&to=%s&limit=100", lon, lat, lon+40, lat+20, from, to)
	}
	clusters := make([]string, n)
	for i := range clusters {
		lon, lat := -180+rng.Float64()*270, -60+rng.Float64()*85
		clusters[i] = fmt.Sprintf("/clusters.geojson?zoom=5&view=%.2f,%.2f,%.2f,%.2f", lon, lat, lon+90, lat+45)
	}
	return []target{
		{Name: "items", About: "GET /api/events?bbox=(40x20 deg)&from=&to=(a quarter)&limit=100, 1024 views in turn", Paths: items},
		{Name: "explore", About: "GET / (the explore page, unfiltered), Accept-Encoding: gzip", Gzip: true, Paths: []string{"/"}},
		{Name: "clusters", About: "GET /clusters.geojson?zoom=5&view=(90x45 deg), 1024 views in turn, Accept-Encoding: gzip", Gzip: true, Paths: clusters},
	}
}

// targeter returns the target's requests to base, in turn.
func (t target) targeter(base string) vegeta.Targeter {
	h := http.Header{}
	if t.Gzip {
		// Set by hand, net/http leaves the body compressed: what is measured is what is sent.
		h.Set("Accept-Encoding", "gzip")
	}
	tgts := make([]vegeta.Target, len(t.Paths))
	for i, p := range t.Paths {
		tgts[i] = vegeta.Target{Method: http.MethodGet, URL: base + p, Header: h}
	}
	return vegeta.NewStaticTargeter(tgts...)
}

// measurement is the outcome of one attack at a constant rate. Times are in milliseconds.
type measurement struct {
	Target      string         `json:"target"`
	Rate        int            `json:"rate"`          // asked, requests a second
	Seconds     float64        `json:"seconds"`       // the attack's length
	Requests    uint64         `json:"requests"`      // sent
	Sent        float64        `json:"sent_rate"`     // requests a second actually sent
	Success     float64        `json:"success_ratio"` // answers 2xx (no redirects here)
	StatusCodes map[string]int `json:"status_codes"`  // "0" for no answer (a client error)
	Errors      []string       `json:"errors,omitempty"`
	P50         float64        `json:"p50_ms"` // of every answer
	P99         float64        `json:"p99_ms"`
	Max         float64        `json:"max_ms"`
	OKP50       float64        `json:"ok_p50_ms"` // of the 2xx answers only
	OKP99       float64        `json:"ok_p99_ms"`
	BytesMean   float64        `json:"bytes_mean"` // of a response body as sent
	Pass        bool           `json:"pass"`       // for the rate search: met the latency bar
	Memory      *memoryPeak    `json:"memory,omitempty"`
	Health      *healthReport  `json:"healthz,omitempty"`
}

// count is the number of answers with one of codes.
func (r *measurement) count(codes ...int) int {
	n := 0
	for _, c := range codes {
		n += r.StatusCodes[strconv.Itoa(c)]
	}
	return n
}

// shed is the number of requests the server refused for load: 429 and 503.
func (r *measurement) shed() int {
	return r.count(http.StatusTooManyRequests, http.StatusServiceUnavailable)
}

// attack sends t's requests to base at rate a second for d, and measures the answers.
func attack(ctx context.Context, base string, t target, rate int, d time.Duration) *measurement {
	a := vegeta.NewAttacker(vegeta.Timeout(10*time.Second), vegeta.KeepAlive(true))
	stop := context.AfterFunc(ctx, func() { a.Stop() })
	defer stop()
	var (
		m       vegeta.Metrics
		all, ok []time.Duration
	)
	for res := range a.Attack(t.targeter(base), vegeta.Rate{Freq: rate, Per: time.Second}, d, t.Name) {
		m.Add(res)
		all = append(all, res.Latency)
		if res.Code >= 200 && res.Code < 300 {
			ok = append(ok, res.Latency)
		}
	}
	m.Close()
	r := &measurement{
		Target: t.Name, Rate: rate, Seconds: d.Seconds(), Requests: m.Requests, Sent: m.Rate,
		Success: m.Success, StatusCodes: m.StatusCodes, BytesMean: m.BytesIn.Mean,
	}
	r.Errors = m.Errors[:min(len(m.Errors), 5)]
	r.P50, r.P99, r.Max = quantile(all, 0.50), quantile(all, 0.99), quantile(all, 1)
	r.OKP50, r.OKP99 = quantile(ok, 0.50), quantile(ok, 0.99)
	return r
}

// quantile is the q-quantile of ds in milliseconds (nearest rank), 0 when there are none. It sorts ds.
func quantile(ds []time.Duration, q float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := min(len(ds)-1, max(0, int(q*float64(len(ds))+0.5)-1))
	return float64(ds[i]) / float64(time.Millisecond)
}

// healthReport is what a poller of /healthz saw during a run.
type healthReport struct {
	Polls    int     `json:"polls"`
	Failures int     `json:"failures"` // no 200 within healthTimeout
	P50      float64 `json:"p50_ms"`
	Max      float64 `json:"max_ms"`
	Error    string  `json:"first_error,omitempty"`
}

const (
	healthEvery   = 100 * time.Millisecond
	healthTimeout = time.Second
)

// pollHealth asks base/healthz every healthEvery until ctx ends, each time on a new connection
// (as a load balancer's or kubelet's probe does), and returns what it saw when done is closed.
func pollHealth(ctx context.Context, base string) (report func() *healthReport) {
	client := &http.Client{Timeout: healthTimeout, Transport: &http.Transport{DisableKeepAlives: true}}
	var (
		mu  sync.Mutex
		h   healthReport
		ds  []time.Duration
		wg  sync.WaitGroup
		end = make(chan struct{})
	)
	poll := func() {
		start := time.Now()
		res, err := client.Get(base + "/healthz")
		d := time.Since(start)
		if err == nil {
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				err = fmt.Errorf("status %d", res.StatusCode)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		h.Polls++
		ds = append(ds, d)
		if err != nil {
			h.Failures++
			if h.Error == "" {
				h.Error = err.Error()
			}
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(healthEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-end:
				return
			case <-tick.C:
				poll()
			}
		}
	}()
	return func() *healthReport {
		close(end)
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		h.P50, h.Max = quantile(ds, 0.5), quantile(ds, 1)
		return &h
	}
}
