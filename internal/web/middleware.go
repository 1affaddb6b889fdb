package web

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/labstack/echo/v4"
)

// requestID gives every request an id of ours and sends it back in X-Request-Id; requestIDOf
// reads it. A client's own X-Request-Id, when it is a short name, is logged beside it, never used
// as ours.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if id := c.Request().Header.Get(echo.HeaderXRequestID); report.IsName(id) {
			c.Set(clientIDKey, id)
		}
		c.Response().Header().Set(echo.HeaderXRequestID, rand.Text()[:16])
		return next(c)
	}
}

// clientKey holds the client's address (clientAddr) in the echo context, for the rate limits.
const clientKey = "dateline.client"

// clientIDKey holds the client's own request id in the echo context.
const clientIDKey = "dateline.clientRequestID"

func requestIDOf(c echo.Context) string { return c.Response().Header().Get(echo.HeaderXRequestID) }

// statusClientClosed is logged for a request whose client left before the answer (nginx's 499).
const statusClientClosed = 499

// logRequests hands a handler's error to the error handler, then logs one line per request with
// the status sent and the client's address; for a 5xx, the line holds the real error, which the
// client never sees. The level is ERROR for a 5xx of ours only: a 4xx and a 501 (the client asked
// for what is not served) are INFO, a 503 (shed, or a read past its deadline) WARN. A client that
// left is no error: 499 at info level, nothing sent.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		client := clientAddr(c.Request(), s.trustedProxies)
		c.Set(clientKey, client)
		err := next(c)
		req, res := c.Request(), c.Response()
		status := res.Status
		gone := err != nil && req.Context().Err() != nil && errors.Is(err, context.Canceled)
		switch {
		case gone:
			status = statusClientClosed // nobody to answer: not an error of ours
		case err != nil:
			c.Error(err)
			status = res.Status
		}
		level := slog.LevelInfo
		switch {
		case status == http.StatusNotImplemented:
			// what the client asked for is not served (oEmbed's format=xml): its doing, as a 4xx is
		case status == http.StatusServiceUnavailable:
			level = slog.LevelWarn // load shed: the server is busy, not broken
		case status >= http.StatusInternalServerError:
			level = slog.LevelError
		}
		attrs := []slog.Attr{
			slog.String("id", requestIDOf(c)),
			slog.String("client", client), // a header only from a trusted proxy
			slog.String("method", req.Method),
			slog.String("uri", req.RequestURI),
			slog.Int("status", status),
			slog.Int64("bytes", res.Size),
			slog.Duration("duration", time.Since(start)),
		}
		if id, ok := c.Get(clientIDKey).(string); ok {
			attrs = append(attrs, slog.String("client_request_id", id))
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		s.log.LogAttrs(req.Context(), level, "request", attrs...)
		return nil
	}
}

// recoverPanics turns a handler's panic into an error, with the stack for the log.
func recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err = fmt.Errorf("web: panic: %v\n%s", v, debug.Stack())
			}
		}()
		return next(c)
	}
}

// bodyLimit bounds request bodies to n bytes: the error handler answers 413 to a longer one.
func bodyLimit(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > n {
				return &http.MaxBytesError{Limit: n}
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, n)
			return next(c)
		}
	}
}

// noBody refuses a request that carries a body to a route that takes none (a delete): a body
// is the client's mistake, said at once with a 413, not ignored, whether its length is declared or
// it comes in chunks. An empty body, chunked or not, is no body.
func noBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.ContentLength > 0 {
			return errBodyRefused(c)
		}
		if req.ContentLength < 0 { // chunked: read a byte to know
			var b [1]byte
			n, err := io.ReadFull(req.Body, b[:])
			switch {
			case n > 0:
				return errBodyRefused(c)
			case err != nil && err != io.EOF:
				return echo.NewHTTPError(http.StatusBadRequest, "the request body cannot be read")
			}
		}
		return next(c)
	}
}

func errBodyRefused(c echo.Context) error {
	return echo.NewHTTPError(http.StatusRequestEntityTooLarge, fmt.Sprintf("%s %s takes no request body: send it without one", c.Request().Method, c.Path()))
}

// formFields reads the fields of a form's body, urlencoded or multipart/form-data, and of the query
// string, as c.FormValue does, but never past an error as a form without fields: a body over the
// limit is a 413, a malformed one a 400.
func formFields(c echo.Context) (url.Values, error) {
	v, err := c.FormParams()
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, fmt.Errorf("web: read form: %w", err)
	case err != nil:
		return nil, echo.NewHTTPError(http.StatusBadRequest, "malformed form body")
	}
	return v, nil
}

// contentPolicy is the Content-Security-Policy of every response: scripts, styles, fonts and
// fetches from Dateline alone (no inline script: every script is a file of /assets), images from
// Dateline and the tile server when there is one, no plugins, no <base>, forms posting to Dateline,
// and the sources that may frame the response ('none' but for the embeds).
func (s *Server) contentPolicy(frameAncestors string) string {
	img := "'self' data:"
	if o := s.tiles.Origin(); o != "" {
		img += " " + o
	}
	return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src " + img +
		"; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors " + frameAncestors
}

// securityHeaders sends the headers every response carries, errors and static files included:
// the content policy (frame-ancestors 'none'), nosniff, and a referrer policy that gives other
// sites no path.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	policy := s.contentPolicy("'none'")
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", policy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		return next(c)
	}
}

// embeddable lets the configured sites frame the embeds' responses.
func (s *Server) embeddable() echo.MiddlewareFunc {
	policy := s.contentPolicy(strings.Join(s.frameAncestors, " "))
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Set("Content-Security-Policy", policy)
			return next(c)
		}
	}
}

// shed answers 503 at once, before any work, when n requests are already in flight, so that
// overload costs a refusal and not memory; the health check is always answered. A read (GET,
// HEAD) of anything but a static file also takes one of workers slots, waiting for one up to
// maxWait. A read is admitted to wait when the wait the queue predicts (the reads waiting, times
// the recent time of a read, over the workers) is within budget, so that what the server accepts
// under overload is served promptly instead of queueing behind hundreds of others for seconds; or,
// when no read has been refused for a second, when it is one of the first burst waiting, whatever
// the number of workers (the page of a site that frames twenty embeds, which a browser asks for six
// at a time, is served whole; a slow read among few does not get the next ones refused). Under
// overload reads are refused all the time: there is no burst to make the accepted wait. Writes are
// not held to the queue (an upload reads its body as it comes), only to n.
func shed(n, workers, burst int, budget, maxWait time.Duration) echo.MiddlewareFunc {
	slots := make(chan struct{}, n)
	q := newAdmission(workers, burst, budget, maxWait)
	busy := func(c echo.Context) error {
		c.Response().Header().Set("Retry-After", "1")
		return echo.NewHTTPError(http.StatusServiceUnavailable, "the server is busy: try again in a second")
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.URL.Path == "/healthz" {
				return next(c)
			}
			select {
			case slots <- struct{}{}:
				defer func() { <-slots }()
			default:
				return busy(c)
			}
			// an export streams for seconds: it is bounded by its own count (exportEvents), not by the
			// workers, whose time of a read it would distort
			if (req.Method == http.MethodGet || req.Method == http.MethodHead) && !staticPath(req.URL.Path) && !strings.HasPrefix(req.URL.Path, "/export/") {
				if err := q.acquire(req.Context()); err != nil {
					if errors.Is(err, errOverloaded) {
						return busy(c)
					}
					return err
				}
				start := time.Now()
				defer func() { q.release(time.Since(start)) }()
			}
			return next(c)
		}
	}
}

var errOverloaded = errors.New("overloaded")

// admission hands out the workers' slots, and refuses a read whose predicted wait is over budget
// unless it is one of a burst, in calm.
type admission struct {
	work            chan struct{}
	workers, burst  int64
	budget, maxWait time.Duration
	calm            time.Duration // a burst waits only when no read has been refused for this long
	waiting         atomic.Int64
	service         atomic.Int64 // a moving average of the time a read holds a slot, in ns
	refused         atomic.Int64 // when a read was last refused, in Unix ns
}

func newAdmission(workers, burst int, budget, maxWait time.Duration) *admission {
	return &admission{work: make(chan struct{}, workers), workers: int64(workers), burst: int64(burst), budget: budget,
		maxWait: max(maxWait, budget), calm: time.Second}
}

// acquire takes a worker's slot, or says the server is overloaded.
func (a *admission) acquire(ctx context.Context) error {
	select {
	case a.work <- struct{}{}:
		return nil
	default:
	}
	w := a.waiting.Add(1)
	defer a.waiting.Add(-1)
	if time.Duration(w*a.service.Load()/a.workers) > a.budget && (w > a.burst || time.Now().UnixNano()-a.refused.Load() < int64(a.calm)) {
		a.refused.Store(time.Now().UnixNano())
		return errOverloaded
	}
	t := time.NewTimer(a.maxWait)
	defer t.Stop()
	select {
	case a.work <- struct{}{}:
		return nil
	case <-t.C:
		a.refused.Store(time.Now().UnixNano())
		return errOverloaded
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release frees a slot held for d.
func (a *admission) release(d time.Duration) {
	<-a.work
	for {
		old := a.service.Load()
		if a.service.CompareAndSwap(old, old+(int64(d)-old)/8) {
			return
		}
	}
}

// staticPath reports a file served as it is (scripts, styles, the basemap): little work, and a
// large answer that a slow reader must not be able to hold a worker with.
func staticPath(p string) bool {
	return strings.HasPrefix(p, "/assets/") || strings.HasPrefix(p, "/basemap/")
}

// deadline bounds the time a read may take: its context ends after d, which interrupts the
// store's queries (SQLite checks the context while it steps), and the answer is a 503. Writes
// are not cut short: a batch is stored whole or its records are rejected one by one.
func deadline(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if d <= 0 || req.Method != http.MethodGet && req.Method != http.MethodHead {
				return next(c)
			}
			ctx, cancel := context.WithTimeout(req.Context(), d)
			defer func() {
				c.SetRequest(req) // an error page (a panic's too) is written outside the deadline
				cancel()
			}()
			c.SetRequest(req.WithContext(ctx))
			return next(c)
		}
	}
}

// noteWrites counts the writes this server answers with success (Server.writes): what it keeps of
// the store's data (the spellings, the first view of all events) is stale once the count moves.
func (s *Server) noteWrites(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			if err == nil && c.Response().Status < 400 {
				s.writes.Add(1)
			}
		}
		return err
	}
}
