package main

import (
	"compress/gzip"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb/geojson"
)

func TestSearchRate(t *testing.T) {
	for _, tc := range []struct {
		name           string
		capacity       int // the highest rate that passes
		start, max     int
		bisect         int
		stopAfter      int // measure gives up after this many runs; 0: never
		wantRates      []int
		wantBest       int // 0: none
		wantBestIsNone bool
	}{
		{name: "doubles then bisects", capacity: 300, start: 50, max: 10_000, bisect: 2,
			wantRates: []int{50, 100, 200, 400, 300, 350}, wantBest: 300},
		{name: "nothing passes: bisects below the start", capacity: 0, start: 50, max: 10_000, bisect: 2,
			wantRates: []int{50, 25, 12}, wantBestIsNone: true},
		{name: "passes at the cap", capacity: 1_000_000, start: 50, max: 150, bisect: 2,
			wantRates: []int{50, 100, 150}, wantBest: 150},
		{name: "no bisection", capacity: 120, start: 50, max: 10_000, bisect: 0,
			wantRates: []int{50, 100, 200}, wantBest: 100},
		{name: "stops when measure gives up", capacity: 1_000_000, start: 50, max: 10_000, bisect: 2, stopAfter: 2,
			wantRates: []int{50, 100}, wantBest: 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var asked []int
			best, runs := searchRate(tc.start, tc.max, tc.bisect, func(rate int) *measurement {
				if tc.stopAfter > 0 && len(asked) == tc.stopAfter {
					return nil
				}
				asked = append(asked, rate)
				return &measurement{Rate: rate, Pass: rate <= tc.capacity}
			})
			if !slices.Equal(asked, tc.wantRates) {
				t.Errorf("rates tried %v, want %v", asked, tc.wantRates)
			}
			if len(runs) != len(asked) {
				t.Errorf("%d runs returned for %d tried", len(runs), len(asked))
			}
			switch {
			case tc.wantBestIsNone && best != nil:
				t.Errorf("best %d/s, want none", best.Rate)
			case !tc.wantBestIsNone && (best == nil || best.Rate != tc.wantBest):
				t.Errorf("best %v, want %d/s", best, tc.wantBest)
			}
		})
	}
}

func TestQuantile(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		q    float64
		want float64
	}{{0.5, 50}, {0.99, 99}, {1, 100}, {0, 1}} {
		if got := quantile(ds, tc.q); got != tc.want {
			t.Errorf("quantile(1..100 ms, %g) = %g ms, want %g", tc.q, got, tc.want)
		}
	}
	if got := quantile(nil, 0.99); got != 0 {
		t.Errorf("quantile of nothing = %g, want 0", got)
	}
}

// TestAttackSmoke runs the machinery for a second a target at a low rate against a real
// `dateline serve` over a small synthetic store: every request answered 200, latencies,
// memory and health recorded, and the answers what they claim to be.
func TestAttackSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	dir := t.TempDir()
	bin, data := filepath.Join(dir, "dateline"), filepath.Join(dir, "data")
	if out, err := exec.Command("go", "build", "-o", bin, "../dateline").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if built, err := ensureStore(t.Context(), data, 3000, nil); err != nil || !built {
		t.Fatalf("ensureStore: built %v, %v; want a new store", built, err)
	}
	if built, err := ensureStore(t.Context(), data, 3000, nil); err != nil || built {
		t.Fatalf("ensureStore again: built %v, %v; want the store reused", built, err)
	}
	srv, err := startServer(t.Context(), bin, data, "--rate-limit", "0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.stop() })

	for _, tg := range targets() {
		t.Run(tg.Name, func(t *testing.T) {
			mem, health := watchMemory(srv.cmd.Process.Pid), pollHealth(t.Context(), srv.URL)
			r := attack(t.Context(), srv.URL, tg, 20, time.Second)
			r.Memory, r.Health = mem(), health()
			if r.Requests < 15 || r.count(http.StatusOK) != int(r.Requests) || r.Success != 1 {
				t.Errorf("%d requests, status codes %v, success %g: want about 20, all 200", r.Requests, r.StatusCodes, r.Success)
			}
			if r.P50 <= 0 || r.P99 < r.P50 || r.Max < r.P99 || r.OKP99 != r.P99 {
				t.Errorf("latencies p50 %g, p99 %g, max %g, 2xx p99 %g ms: want 0 < p50 <= p99 <= max, 2xx p99 = p99", r.P50, r.P99, r.Max, r.OKP99)
			}
			if r.BytesMean <= 0 {
				t.Errorf("bodies of %g bytes on average", r.BytesMean)
			}
			if m := r.Memory; m.Samples == 0 || m.Peak() < 10 || m.Anon <= 0 || m.PSS <= 0 {
				t.Errorf("memory %+v: want samples and a peak of some MB", *m)
			}
			if h := r.Health; h.Polls == 0 || h.Failures == h.Polls {
				t.Errorf("healthz %+v: want polls answered", *h)
			}
		})
	}

	get := func(t *testing.T, tg target) []byte {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+tg.Paths[0], nil)
		if tg.Gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", tg.Paths[0], res.StatusCode)
		}
		body := io.Reader(res.Body)
		if tg.Gzip {
			if ce := res.Header.Get("Content-Encoding"); ce != "gzip" {
				t.Fatalf("%s: Content-Encoding %q, want gzip", tg.Paths[0], ce)
			}
			if body, err = gzip.NewReader(res.Body); err != nil {
				t.Fatal(err)
			}
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tg := range targets() {
		b := get(t, tg)
		switch tg.Name {
		case "explore":
			if !strings.Contains(strings.ToLower(string(b[:min(len(b), 200)])), "<!doctype html") {
				t.Errorf("explore: not an HTML page: %.200s", b)
			}
		default:
			fc, err := geojson.UnmarshalFeatureCollection(b)
			if err != nil {
				t.Fatalf("%s: %v: %.300s", tg.Name, err, b)
			}
			if _, ok := fc.ExtraMembers["numberMatched"]; tg.Name == "items" && !ok {
				t.Errorf("items: no numberMatched: %.300s", b)
			}
			if tg.Name == "clusters" && len(fc.Features) == 0 {
				t.Errorf("clusters %s: no clusters over 3,000 events", tg.Paths[0])
			}
		}
	}
	if err := srv.stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
}
