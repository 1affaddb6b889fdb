package web_test

import (
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/web"
)

// FuzzParseFrameAncestors: the sources accepted for --frame-ancestors go into a CSP header as they
// are: none may carry a directive separator, a space, a control character or a quote that is not
// one of the CSP keywords, so that no flag value can add a directive or break the header.
func FuzzParseFrameAncestors(f *testing.F) {
	for _, s := range []string{"*", "https://news.example, *.example.org", "'self'", "'none'", "https://a.example; script-src *", "http://x\r\nSet-Cookie: a=b", "'unsafe-inline'", "data:", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		srcs, err := web.ParseFrameAncestors(s)
		if err != nil {
			return
		}
		for _, src := range srcs {
			if src == "" || strings.ContainsAny(src, "; ,\t\r\n\"") || strings.IndexFunc(src, func(r rune) bool { return r < 0x21 || r == 0x7f }) >= 0 {
				t.Fatalf("ParseFrameAncestors(%q) accepted %q", s, src)
			}
			if strings.Contains(src, "'") && src != "'self'" && src != "'none'" {
				t.Fatalf("ParseFrameAncestors(%q) accepted the keyword %q", s, src)
			}
		}
	})
}
