package web

import (
	"context"
	"errors"
	"fmt"
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
	e.Use(shed(10, 1, 1, 20*time.Millisecond, 100*time.Millisecond))
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

// TestAdmissionPredictsTheWait: a burst waits for a slot whatever its predicted wait, however few
// the workers; past it, a read whose wait the queue predicts over budget is refused at once, and
// from then on, until no read has been refused for a while, so is any such read, burst or not;
// one within budget waits for its slot.
func TestAdmissionPredictsTheWait(t *testing.T) {
	a := newAdmission(1, 2, 50*time.Millisecond, time.Hour)
	a.calm = time.Hour
	a.work <- struct{}{}                           // the one worker is busy
	a.service.Store(int64(100 * time.Millisecond)) // reads take 100 ms: two waiting on one worker is 200 ms
	ctx, cancel := context.WithCancel(context.Background())
	first, waiters := make(chan error), make(chan error, 4)
	go func() { first <- a.acquire(ctx) }() // a burst of two waits
	waitFor(t, a, 1)
	go func() { waiters <- a.acquire(context.Background()) }()
	waitFor(t, a, 2)
	if err := refusedAtOnce(a); err != nil {
		t.Errorf("a third read, past the burst, with 300 ms predicted and 50 budgeted: %v", err)
	}
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("the first waiter, its client gone: %v", err)
	}
	if err := refusedAtOnce(a); err != nil {
		t.Errorf("a second waiting read with 200 ms predicted, a read refused a moment ago: %v", err)
	}
	a.service.Store(int64(10 * time.Millisecond)) // 20 ms predicted: it waits, and gets a slot when freed
	go func() { waiters <- a.acquire(context.Background()) }()
	waitFor(t, a, 2)
	for i := range 2 { // the second of the burst and the read within budget, one slot freed at a time
		a.release(10 * time.Millisecond)
		if err := <-waiters; err != nil {
			t.Errorf("waiter %d: %v", i+1, err)
		}
	}

	// The queue empties, but a read was refused a moment ago: a read over budget is still refused.
	a.release(10 * time.Millisecond)
	a.service.Store(int64(100 * time.Millisecond))
	if err := a.acquire(context.Background()); err != nil {
		t.Fatalf("a read with the worker free: %v", err)
	}
	if err := refusedAtOnce(a); err != nil {
		t.Errorf("a read with 100 ms predicted, a read refused a moment ago: %v", err)
	}
	// Once no read has been refused for a while, a burst waits again.
	a.refused.Store(time.Now().Add(-2 * time.Hour).UnixNano())
	for range 2 {
		go func() { waiters <- a.acquire(context.Background()) }()
	}
	waitFor(t, a, 2)
	for i := range 2 {
		a.release(100 * time.Millisecond)
		if err := <-waiters; err != nil {
			t.Errorf("a read of the new burst %d: %v", i+1, err)
		}
	}
}

// refusedAtOnce asks a for a slot, and says what went wrong unless the read is refused at once: a
// read let in to wait is given up after a second.
func refusedAtOnce(a *admission) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	switch err := a.acquire(ctx); {
	case errors.Is(err, errOverloaded):
		return nil
	case err == nil:
		a.release(0)
		return errors.New("a slot, want refused")
	default:
		return fmt.Errorf("%w after waiting, want refused at once", err)
	}
}

// waitFor waits until n reads wait for a slot of a.
func waitFor(t *testing.T, a *admission, n int64) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); a.waiting.Load() != n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d reads wait, want %d", a.waiting.Load(), n)
		}
	}
}
