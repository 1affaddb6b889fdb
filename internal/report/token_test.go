package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func TestToken(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 5, time.UTC)
	a, secretA, err := report.NewToken("newsroom", false, now)
	if err != nil {
		t.Fatal(err)
	}
	b, secretB, err := report.NewToken("reader.1", true, now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secretA, "dl_") || len(secretA) != 46 || secretA == secretB || strings.Contains(a.Hash, secretA) {
		t.Errorf("secrets %q %q, hash %q", secretA, secretB, a.Hash)
	}
	if a.Hash != report.TokenHash(secretA) || !b.ReadOnly || !a.Created.Equal(now.Truncate(time.Second)) {
		t.Errorf("tokens %+v %+v", a, b)
	}
	ts := []report.Token{a, b}
	if got, ok := report.TokenFor(ts, secretB); !ok || got.Name != "reader.1" {
		t.Errorf("TokenFor(b) = %+v, %v", got, ok)
	}
	for _, bad := range []string{"", "dl_", secretA + "x", strings.ToUpper(secretA), a.Hash} {
		if got, ok := report.TokenFor(ts, bad); ok {
			t.Errorf("TokenFor(%q) = %+v", bad, got)
		}
	}
	for _, name := range []string{"", "a b", strings.Repeat("x", 65), "é", "x/y"} {
		if _, _, err := report.NewToken(name, false, now); report.ErrorKind(err) != report.Invalid {
			t.Errorf("name %q: %v, want Invalid", name, err)
		}
	}
}
