package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/fetch"
	"github.com/datelinehq/dateline/internal/report"
	"golang.org/x/net/dns/dnsmessage"
)

// fakeDNS answers every A query with 127.0.0.1 and every AAAA query with ::1, as a name an attacker
// controls would ("rebind.example"); it returns a resolver that asks it.
func fakeDNS(t *testing.T) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			var p dnsmessage.Parser
			h, err := p.Start(buf[:n])
			if err != nil {
				continue
			}
			q, err := p.Question()
			if err != nil {
				continue
			}
			b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true})
			b.EnableCompression()
			_ = b.StartQuestions()
			_ = b.Question(q)
			_ = b.StartAnswers()
			rh := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60}
			switch q.Type {
			case dnsmessage.TypeA:
				_ = b.AResource(rh, dnsmessage.AResource{A: [4]byte{127, 0, 0, 1}})
			case dnsmessage.TypeAAAA:
				_ = b.AAAAResource(rh, dnsmessage.AAAAResource{AAAA: netip.IPv6Loopback().As16()})
			}
			msg, err := b.Finish()
			if err == nil {
				_, _ = pc.WriteTo(msg, from)
			}
		}
	}()
	addr := pc.LocalAddr().String()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", addr)
	}}
}

// listen starts an HTTP server on addr (a loopback address and port 0) and counts its requests.
func listen(t *testing.T, addr string, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	hits := &atomic.Int64{}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h(w, r)
	}))
	ts.Listener.Close()
	ts.Listener = l
	ts.Start()
	t.Cleanup(ts.Close)
	return ts, hits
}

// TestRefusedDestinations is the matrix of destinations a fetch must never reach: the loopback
// server that stands for the inside of the network is asked by every spelling of its address, by
// names that resolve to it, and by redirects from a server the operator allows; none of it may
// reach it. The other private and reserved addresses must be refused before any connection.
func TestRefusedDestinations(t *testing.T) {
	secret, secretHits := listen(t, "127.0.0.1:0", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "<html><body><p>internal secrets in Raqqa</p></body></html>")
	})
	port := secret.Listener.Addr().(*net.TCPAddr).Port
	at := func(host string) string { return fmt.Sprintf("http://%s:%d/", host, port) }
	// the allowed server, on another loopback address the operator lets through, redirects where it is told
	public, publicHits := listen(t, "127.0.0.2:0", func(w http.ResponseWriter, r *http.Request) {
		if to := r.URL.Query().Get("to"); to != "" {
			http.Redirect(w, r, to, http.StatusFound)
			return
		}
		if n := r.URL.Query().Get("hop"); n != "" && n != "0" {
			next := map[string]string{"4": "3", "3": "2", "2": "1", "1": "0"}[n]
			http.Redirect(w, r, "/?hop="+next, http.StatusFound)
			return
		}
		fmt.Fprint(w, "<html><body><p>public news from Raqqa</p></body></html>")
	})
	redirect := func(to string) string {
		return public.URL + "/?to=" + strings.NewReplacer("&", "%26", "?", "%3F").Replace(to)
	}
	c := fetch.New(fetch.Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}, Resolver: fakeDNS(t), Timeout: 3 * time.Second})

	forbidden := []struct{ name, url string }{
		{"loopback", at("127.0.0.1")},
		{"loopback name", at("localhost")},
		{"loopback name in capitals", at("LOCALHOST")},
		{"loopback name with a final dot", at("localhost.")},
		{"a subdomain of localhost", at("news.localhost")},
		{"a name that resolves to loopback", at("rebind.example")},
		{"another loopback address", at("127.0.0.3")},
		{"IPv6 loopback", at("[::1]")},
		{"short loopback form", at("127.1")},
		{"decimal loopback", at("2130706433")},
		{"octal loopback", at("0177.0.0.1")},
		{"hexadecimal loopback", at("0x7f.0.0.1")},
		{"one hexadecimal number", at("0x7f000001")},
		{"octal with a final dot", at("0177.0.0.01.")},
		{"IPv4-mapped IPv6 loopback", at("[::ffff:127.0.0.1]")},
		{"IPv4-mapped IPv6 loopback in hex", at("[::ffff:7f00:1]")},
		{"NAT64 loopback", at("[64:ff9b::7f00:1]")},
		{"unspecified IPv4 (Linux connects it to loopback)", at("0.0.0.0")},
		{"unspecified IPv6", at("[::]")},
		{"private 10/8", "http://10.0.0.1/"},
		{"private 172.16/12", "http://172.16.5.4/"},
		{"private 192.168/16", "http://192.168.1.1/"},
		{"cloud metadata (link-local)", "http://169.254.169.254/latest/meta-data/"},
		{"carrier-grade NAT", "http://100.64.0.1/"},
		{"multicast", "http://224.0.0.1/"},
		{"broadcast", "http://255.255.255.255/"},
		{"IETF protocol assignments", "http://192.0.0.8/"},
		{"benchmarking", "http://198.18.0.1/"},
		{"reserved 240/4", "http://240.0.0.1/"},
		{"this network 0/8", "http://0.1.2.3/"},
		{"IPv6 link-local", "http://[fe80::1]/"},
		{"IPv6 unique local", "http://[fc00::1]/"},
		{"IPv6 multicast", "http://[ff02::1]/"},
		{"6to4 of loopback", "http://[2002:7f00:1::1]/"},
		{"Teredo", "http://[2001:0:7f00:1::1]/"},
		{"IPv4-mapped private", "http://[::ffff:10.0.0.1]/"},
		{"redirect to loopback", redirect(at("127.0.0.1"))},
		{"redirect to a loopback name", redirect(at("localhost"))},
		{"redirect to a name that resolves to loopback", redirect(at("rebind.example"))},
		{"redirect to IPv4-mapped loopback", redirect(at("[::ffff:127.0.0.1]"))},
		{"redirect to decimal loopback", redirect(at("2130706433"))},
		{"redirect to cloud metadata", redirect("http://169.254.169.254/latest/meta-data/")},
	}
	refusedURL := []struct{ name, url string }{
		{"redirect to a file", redirect("file:///etc/passwd")},
		{"redirect to gopher", redirect("gopher://127.0.0.1:70/")},
		{"redirects more than three times", public.URL + "/?hop=4"},
		{"file scheme", "file:///etc/passwd"},
		{"ftp scheme", "ftp://example.com/news"},
		{"javascript scheme", "javascript:alert(1)"},
		{"data scheme", "data:text/html,<p>Raqqa</p>"},
		{"user name and password", "http://user:pass@127.0.0.2/"},
		{"no host", "http:///news"},
		{"relative", "/etc/passwd"},
	}
	if n := len(forbidden) + len(refusedURL); n < 30 {
		t.Fatalf("the matrix has %d destinations, want at least 30", n)
	}
	for _, tc := range forbidden {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			page, err := c.Get(context.Background(), tc.url, fetch.Conditional{})
			if err == nil {
				t.Fatalf("%s: fetched %q", tc.url, page.Body)
			}
			if !errors.Is(err, fetch.ErrForbidden) && !strings.Contains(err.Error(), "four decimal numbers") {
				t.Errorf("%s: refused for another reason than the address: %v", tc.url, err)
			}
			if report.ErrorKind(err) != report.Invalid {
				t.Errorf("%s: error %v is not Invalid (a 4xx for the API)", tc.url, err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("%s: refused after %v: the address must be refused before any connection", tc.url, d)
			}
		})
	}
	for _, tc := range refusedURL {
		t.Run(tc.name, func(t *testing.T) {
			if page, err := c.Get(context.Background(), tc.url, fetch.Conditional{}); err == nil || report.ErrorKind(err) != report.Invalid {
				t.Fatalf("%s: got %v, %v; want an Invalid error", tc.url, page, err)
			}
		})
	}
	if n := secretHits.Load(); n != 0 {
		t.Errorf("the loopback server was reached %d times", n)
	}
	if publicHits.Load() == 0 {
		t.Error("the allowed server was never asked: the redirects were not tested")
	}
	// the names that resolve to loopback are refused because of the address they resolve to, not
	// for want of an answer: without the policy the same client reaches the server
	open := fetch.New(fetch.Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, Resolver: fakeDNS(t)})
	if _, err := open.Get(context.Background(), at("rebind.example"), fetch.Conditional{}); err != nil {
		t.Fatalf("with loopback allowed, rebind.example: %v", err)
	}
	if secretHits.Load() != 1 {
		t.Errorf("with loopback allowed the server was reached %d times, want 1", secretHits.Load())
	}
}

// TestFetch: an allowed server's page is read through redirects, with its validators; a 304 is
// told; a body over the limit, a slow server and an error status are refused with a reason.
func TestFetch(t *testing.T) {
	body := strings.Repeat("x", 2000)
	srv, _ := listen(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/news", http.StatusMovedPermanently)
		case "/news":
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("ETag", `"v1"`)
			fmt.Fprint(w, "<p>news from Raqqa</p>")
		case "/big":
			fmt.Fprint(w, body)
		case "/slow":
			time.Sleep(time.Second)
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
		}
	})
	c := fetch.New(fetch.Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, MaxBytes: 1000, Timeout: 300 * time.Millisecond})
	page, err := c.Get(context.Background(), srv.URL+"/moved", fetch.Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	if page.URL != srv.URL+"/news" || page.ContentType != "text/html" || string(page.Body) != "<p>news from Raqqa</p>" || page.Validators.ETag != `"v1"` {
		t.Errorf("got %+v", page)
	}
	page, err = c.Get(context.Background(), srv.URL+"/news", page.Validators)
	if err != nil || !page.NotModified || page.Body != nil {
		t.Errorf("conditional fetch: %+v, %v; want not modified", page, err)
	}
	for path, want := range map[string]string{"/big": "limit", "/slow": "too long", "/gone": "410"} {
		if _, err := c.Get(context.Background(), srv.URL+path, fetch.Conditional{}); err == nil || !strings.Contains(err.Error(), want) || report.ErrorKind(err) != report.Invalid {
			t.Errorf("%s: %v, want an Invalid error saying %q", path, err, want)
		}
	}
}

// FuzzParseURL: a URL accepted for fetching is absolute http or https with a host, no user
// name, and a host that is a name or an address written the standard way.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"https://news.example/a?b=c", "http://127.0.0.1:8080/", "http://[::1]/", "http://0x7f.1/", "http://2130706433/",
		"file:///etc/passwd", "http://u:p@h/", "HTTP://EXAMPLE.COM", "http://%31%32%37.0.0.1/", "http:/x", " http://x ", "http://a..b/", "http://0177.1./"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := fetch.ParseURL(raw)
		if err != nil {
			if report.ErrorKind(err) != report.Invalid {
				t.Fatalf("ParseURL(%q): %v is not Invalid", raw, err)
			}
			return
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil {
			t.Fatalf("ParseURL(%q) accepted %#v", raw, u)
		}
		numeric := true // every label a number: decimal, octal or 0x hexadecimal
		for _, l := range strings.Split(strings.TrimSuffix(strings.ToLower(u.Hostname()), "."), ".") {
			if h, ok := strings.CutPrefix(l, "0x"); ok {
				numeric = numeric && strings.Trim(h, "0123456789abcdef") == ""
			} else {
				numeric = numeric && strings.Trim(l, "0123456789") == ""
			}
		}
		if _, err := netip.ParseAddr(u.Hostname()); err != nil && numeric {
			t.Fatalf("ParseURL(%q) accepted the numeric host %q", raw, u.Hostname())
		}
	})
}

// FuzzParsePrefixes: what ParsePrefixes accepts are valid, masked prefixes.
func FuzzParsePrefixes(f *testing.F) {
	for _, s := range []string{"10.1.2.0/24, 192.168.7.3", "::1", "fe80::/10", "1.2.3.4/33", "x", ",,", "127.0.0.1/8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := fetch.ParsePrefixes(s)
		if err != nil {
			return
		}
		for _, p := range ps {
			if !p.IsValid() || p != p.Masked() {
				t.Fatalf("ParsePrefixes(%q) gave %v", s, p)
			}
		}
	})
}
