package web

import (
	"github.com/datelinehq/dateline/internal/fetch"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// clientAddr is the address of the request's client: the connection's, or, when that is one of
// the trusted proxies, the last address of X-Forwarded-For that is not one of them. No header
// from anyone else is believed.
func clientAddr(req *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		host = req.RemoteAddr
	}
	if !trustedAddr(host, trusted) {
		return host
	}
	hops := strings.Split(strings.Join(req.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(hop); err != nil {
			break // not an address: the chain cannot be read further back
		}
		if !trustedAddr(hop, trusted) {
			return hop
		}
	}
	return host
}

func trustedAddr(s string, trusted []netip.Prefix) bool {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false
	}
	for _, p := range trusted {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// ParseTrustedProxies reads --trusted-proxy: addresses or CIDR prefixes separated by commas.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) { return fetch.ParsePrefixes(s) }

// limiter is a token bucket per client: rate requests a second, bursts of burst.
type limiter struct {
	rate    float64
	burst   float64
	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// allow takes a token of client's bucket; false, and how long to wait, when it is empty.
func (l *limiter) allow(client string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute { // forget the clients whose buckets have refilled
		for k, b := range l.buckets {
			if now.Sub(b.last).Seconds()*l.rate >= l.burst {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[client]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[client] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	}
	b.tokens--
	return true, 0
}

// rateLimit answers 429 with Retry-After to a client past its rate; the health check is never
// limited. A rate of 0 limits nothing.
func (s *Server) rateLimit(rate float64, burst int) echo.MiddlewareFunc {
	l := &limiter{rate: rate, burst: float64(max(burst, 1)), buckets: map[string]*bucket{}}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		if rate <= 0 {
			return next
		}
		return func(c echo.Context) error {
			if c.Request().URL.Path == "/healthz" {
				return next(c)
			}
			client, _ := c.Get(clientKey).(string) // logRequests, which runs first, found it
			if ok, wait := l.allow(client, time.Now()); !ok {
				c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
				return echo.NewHTTPError(http.StatusTooManyRequests, "too many requests from this address: try again later")
			}
			return next(c)
		}
	}
}
