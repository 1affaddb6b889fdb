package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestShedQueueWait: with every worker busy, a read waits at most the longest wait and is then
// refused with a 503 and Retry-After; a write and the health check are not held; once a worker is
// free, reads are served again.
func TestShedQueueWait(t *testing.T) {
	release := make(chan struct{})
	e := echo.New()
	e.Use(shed(10, 1, 20*time.Millisecond, 100*time.Millisecond))
	e.GET("/slow", func(c echo.Context) error { <-release; return c.String(http.StatusOK, "slow") })
	e.GET("/fast", func(c echo.Context) error { return c.String(http.StatusOK, "fast") })
	e.POST("/write", func(c echo.Context) error { return c.String(http.StatusOK, "written") })
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	serve := func(method, path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
		return rec
	}
	held := make(chan *httptest.ResponseRecorder)
	go func() { held <- serve(http.MethodGet, "/slow") }()
	deadline := time.Now().Add(10 * time.Second)
	for { // the slow read holds the one worker once a fast read is refused
		rec := serve(http.MethodGet, "/fast")
		if rec.Code == http.StatusServiceUnavailable {
			if rec.Header().Get("Retry-After") != "1" {
				t.Errorf("a 503 without Retry-After")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a read was never refused while the worker was held")
		}
	}
	for _, tc := range []struct{ method, path string }{{http.MethodPost, "/write"}, {http.MethodGet, "/healthz"}} {
		if rec := serve(tc.method, tc.path); rec.Code != http.StatusOK {
			t.Errorf("%s %s with the worker busy: %d, want 200", tc.method, tc.path, rec.Code)
		}
	}
	close(release)
	if rec := <-held; rec.Code != http.StatusOK {
		t.Errorf("the held read: %d", rec.Code)
	}
	if rec := serve(http.MethodGet, "/fast"); rec.Code != http.StatusOK {
		t.Errorf("a read once the worker is free: %d", rec.Code)
	}
}

// TestAdmissionPredictsTheWait: past a burst as long as the workers, a read whose wait the queue
// predicts over budget is refused at once, while one within budget waits for its slot.
func TestAdmissionPredictsTheWait(t *testing.T) {
	a := &admission{work: make(chan struct{}, 1), workers: 1, budget: 50 * time.Millisecond, maxWait: time.Hour}
	a.work <- struct{}{} // the one worker is busy
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error)
	go func() { first <- a.acquire(ctx) }() // a burst of one waits
	for a.waiting.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	a.service.Store(int64(100 * time.Millisecond)) // reads take 100 ms: two waiting on one worker is 200 ms
	if err := a.acquire(context.Background()); !errors.Is(err, errOverloaded) {
		t.Errorf("a second read with 200 ms predicted and 50 budgeted: %v, want refused", err)
	}
	a.service.Store(int64(10 * time.Millisecond)) // 20 ms predicted: it waits, and gets the slot when freed
	second := make(chan error)
	go func() { second <- a.acquire(context.Background()) }()
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("the first waiter, its client gone: %v", err)
	}
	a.release(10 * time.Millisecond)
	if err := <-second; err != nil {
		t.Errorf("a read within budget: %v", err)
	}
}
