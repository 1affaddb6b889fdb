package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestShedQueueWait: with every worker busy, a read waits at most the longest wait and is then
// refused with a 503 and Retry-After; once reads have waited past the target for a while, a read
// is refused after the target alone; a write and the health check are not held; once a worker is
// free, reads are served again.
func TestShedQueueWait(t *testing.T) {
	release := make(chan struct{})
	e := echo.New()
	e.Use(shed(10, 1, 20*time.Millisecond, 2*time.Second))
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
	// the slow read holds the one worker once a fast read is refused
	deadline := time.Now().Add(10 * time.Second)
	for {
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
	time.Sleep(overloadInterval)
	start := time.Now()
	if rec := serve(http.MethodGet, "/fast"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("a read under sustained overload: %d, want 503", rec.Code)
	}
	if waited := time.Since(start); waited >= time.Second { // the target is 20 ms, the longest wait 2 s
		t.Errorf("under sustained overload a read waited %v: the longest wait, not the target", waited)
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
