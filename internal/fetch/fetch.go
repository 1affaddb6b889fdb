// Package fetch reads web pages and feeds for ingest without becoming a way into the server's own
// network: the address each connection actually dials is checked (after DNS, on every redirect and
// every new connection), and loopback, private, link-local, CGNAT, multicast, unspecified and reserved
// addresses, IPv4-mapped and NAT64 forms of them included, are refused unless the operator allows
// them. Only http and https are fetched, through at most three redirects, within size and time limits.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// Options configure a Client. The zero Options are safe.
type Options struct {
	// Allow are the address ranges fetched although they are private or reserved (an intranet
	// news server: 10.1.2.0/24). Nothing else of those ranges is ever dialled.
	Allow []netip.Prefix
	// MaxBytes bounds a page or a feed (after decompression); zero means 5 MiB.
	MaxBytes int64
	// Timeout bounds a whole fetch, redirects and body included; zero means 20 s.
	Timeout time.Duration
	// UserAgent names the fetcher to the sites it reads.
	UserAgent string
	// Resolver resolves host names; nil is the system's. Tests give one of their own.
	Resolver *net.Resolver
}

// MaxRedirects is how many redirects a fetch follows.
const MaxRedirects = 3

// Client fetches pages. It is safe for concurrent use.
type Client struct {
	http     *http.Client
	opts     Options
	maxBytes int64
}

// New returns a client with the options o.
func New(o Options) *Client {
	c := &Client{opts: o, maxBytes: o.MaxBytes}
	if c.maxBytes <= 0 {
		c.maxBytes = 5 << 20
	}
	if c.opts.Timeout <= 0 {
		c.opts.Timeout = 20 * time.Second
	}
	if c.opts.UserAgent == "" {
		c.opts.UserAgent = "Dateline (+https://github.com/datelinehq/dateline)"
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Resolver: o.Resolver, Control: c.control}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would dial for us, past the check
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           16,
		IdleConnTimeout:        30 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  15 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
	c.http = &http.Client{Transport: transport, Timeout: c.opts.Timeout, CheckRedirect: checkRedirect}
	return c
}

// ErrForbidden is the error of a fetch refused by the address policy (wrapped in a *report.Error).
var ErrForbidden = errors.New("the address is not one Dateline fetches from")

// control is the dialer's check of the address it is about to connect to: whatever the URL
// said, and whatever a DNS answer said, this is the address used.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &forbidden{fmt.Sprintf("%q is not an address", address)}
	}
	if why := c.refused(ap.Addr()); why != "" {
		return &forbidden{fmt.Sprintf("%s is %s", ap.Addr(), why)}
	}
	return nil
}

// forbidden is the dialer's refusal of an address, saying what the address is.
type forbidden struct{ why string }

func (f *forbidden) Error() string        { return f.why }
func (f *forbidden) Is(target error) bool { return target == ErrForbidden }

// refused says why the client does not dial a, "" when it does.
func (c *Client) refused(a netip.Addr) string {
	a = a.WithZone("")
	for _, p := range c.opts.Allow {
		if p.Contains(a) || a.Is4In6() && p.Contains(a.Unmap()) {
			return ""
		}
	}
	return Refused(a)
}

// reserved are the ranges netip's predicates do not name, with what they are.
var reserved = []struct {
	p   netip.Prefix
	why string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "a 'this network' address"},
	{netip.MustParsePrefix("100.64.0.0/10"), "a carrier-grade NAT address"},
	{netip.MustParsePrefix("192.0.0.0/24"), "an IETF protocol address"},
	{netip.MustParsePrefix("192.0.2.0/24"), "a documentation address"},
	{netip.MustParsePrefix("198.18.0.0/15"), "a benchmarking address"},
	{netip.MustParsePrefix("198.51.100.0/24"), "a documentation address"},
	{netip.MustParsePrefix("203.0.113.0/24"), "a documentation address"},
	{netip.MustParsePrefix("240.0.0.0/4"), "a reserved address"},
	{netip.MustParsePrefix("64:ff9b::/96"), "a NAT64 address"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "a NAT64 address"},
	{netip.MustParsePrefix("2001::/32"), "a Teredo address"},
	{netip.MustParsePrefix("2001:db8::/32"), "a documentation address"},
	{netip.MustParsePrefix("2002::/16"), "a 6to4 address"},
	{netip.MustParsePrefix("fec0::/10"), "a site-local address"},
	{netip.MustParsePrefix("100::/64"), "a discard address"},
}

// Refused says why a is never fetched from by default ("a loopback address"), "" when it may be.
func Refused(a netip.Addr) string {
	if !a.IsValid() {
		return "not an address"
	}
	if a.Is4In6() {
		if why := Refused(a.Unmap()); why != "" {
			return why + " (IPv4-mapped)"
		}
		return ""
	}
	switch {
	case a.IsLoopback():
		return "a loopback address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast():
		return "a link-local address"
	case a.IsMulticast():
		return "a multicast address"
	case a.IsUnspecified():
		return "the unspecified address"
	case a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "the broadcast address"
	}
	for _, r := range reserved {
		if r.p.Contains(a) {
			return r.why
		}
	}
	return ""
}

// checkRedirect follows at most MaxRedirects redirects, to http and https only.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return report.Errorf(report.Invalid, "%s redirects more than %d times", via[0].URL.Redacted(), MaxRedirects)
	}
	if err := checkURL(req.URL); err != nil {
		return report.Errorf(report.Invalid, "%s redirects to %s: %v", via[len(via)-1].URL.Redacted(), req.URL.Redacted(), err)
	}
	return nil
}

// ParseURL reads a URL given to fetch: absolute, http or https, a host, no user name or password.
func ParseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return nil, report.Errorf(report.Invalid, "%q is not a URL", raw)
	}
	if err := checkURL(u); err != nil {
		return nil, report.Errorf(report.Invalid, "%q: %v", raw, err)
	}
	return u, nil
}

func checkURL(u *url.URL) error {
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("only http and https URLs are fetched")
	case u.Host == "" || u.Hostname() == "":
		return errors.New("the URL has no host")
	case u.User != nil:
		return errors.New("a URL with a user name or password is not fetched")
	case numericHost(u.Hostname()):
		if _, err := netip.ParseAddr(u.Hostname()); err != nil {
			// "2130706433", "0177.0.0.1", "0x7f.1": resolvers read these as addresses, each its own way
			return errors.New("an IPv4 address must be written as four decimal numbers")
		}
	}
	return nil
}

// numericHost reports whether every label of host is a number: decimal, octal or hexadecimal.
func numericHost(host string) bool {
	for label := range strings.SplitSeq(strings.TrimSuffix(strings.ToLower(host), "."), ".") {
		digits := "0123456789"
		if rest, ok := strings.CutPrefix(label, "0x"); ok {
			label, digits = rest, "0123456789abcdef"
		}
		if strings.Trim(label, digits) != "" {
			return false
		}
	}
	return true
}

// Conditional are the validators of a copy already read: the server answers 304 when it has not
// changed since.
type Conditional struct {
	ETag, LastModified string
}

// Page is what a fetch read.
type Page struct {
	URL         string // after redirects
	ContentType string
	Body        []byte
	NotModified bool // the server answered 304 to the Conditional: no body
	Validators  Conditional
}

// Get fetches raw. Errors are *report.Error: Invalid for a URL or an answer that cannot be read
// (refused addresses wrap ErrForbidden, a body over the limit says so).
func (c *Client) Get(ctx context.Context, raw string, cond Conditional) (*Page, error) {
	u, err := ParseURL(raw)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, report.Errorf(report.Invalid, "%q is not a URL", raw)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fetchError(u, err)
	}
	defer resp.Body.Close()
	page := &Page{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"),
		Validators: Conditional{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	switch {
	case resp.StatusCode == http.StatusNotModified && (cond.ETag != "" || cond.LastModified != ""):
		page.NotModified = true
		return page, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, report.Errorf(report.Invalid, "%s answered %s", u.Redacted(), resp.Status)
	}
	if resp.ContentLength > c.maxBytes {
		return nil, report.Errorf(report.Invalid, "%s is %d bytes, over the %d-byte limit", u.Redacted(), resp.ContentLength, c.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBytes+1))
	if err != nil {
		return nil, fetchError(u, err)
	}
	if int64(len(body)) > c.maxBytes {
		return nil, report.Errorf(report.Invalid, "%s is over the %d-byte limit", u.Redacted(), c.maxBytes)
	}
	if mt, _, err := mime.ParseMediaType(page.ContentType); err == nil {
		page.ContentType = mime.FormatMediaType(mt, nil)
	}
	page.Body = body
	return page, nil
}

// fetchError is the domain error of a failed fetch of u, saying why in words a reader can act on.
func fetchError(u *url.URL, err error) error {
	var re *report.Error
	if errors.As(err, &re) { // a refused redirect
		return re
	}
	if f := (*forbidden)(nil); errors.As(err, &f) {
		return &report.Error{Kind: report.Invalid, Err: f,
			Message: fmt.Sprintf("%s cannot be fetched: %s, which Dateline does not fetch from unless the operator allows it", u.Redacted(), f.why)}
	}
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return report.Errorf(report.Invalid, "%s cannot be fetched: no address for %q", u.Redacted(), dns.Name)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return report.Errorf(report.Invalid, "%s took too long to answer", u.Redacted())
	case errors.Is(err, context.Canceled):
		return err
	}
	return report.Errorf(report.Invalid, "%s cannot be fetched: %v", u.Redacted(), errors.Unwrap(err))
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// ParsePrefixes reads a list of addresses and CIDR prefixes, separated by commas or spaces
// ("10.1.2.0/24, 192.168.7.3"), as the flags that allow or trust addresses take them.
func ParsePrefixes(s string) ([]netip.Prefix, error) {
	var ps []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, err
			}
			ps = append(ps, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p.Masked())
	}
	return ps, nil
}
