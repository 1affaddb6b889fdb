package storetest

import (
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func testTokens(t *testing.T, s Store) {
	ctx := t.Context()
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	if ts, err := s.Tokens(ctx); err != nil || len(ts) != 0 {
		t.Fatalf("a new store has tokens %v, %v", ts, err)
	}
	w, secret, _ := report.NewToken("writer", false, now)
	r, _, _ := report.NewToken("reader", true, now)
	for _, tok := range []report.Token{w, r} {
		if err := s.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	again, _, _ := report.NewToken("writer", true, now)
	if err := s.CreateToken(ctx, again); report.ErrorKind(err) != report.Conflict {
		t.Errorf("a second token named writer: %v, want Conflict", err)
	}
	ts, err := s.Tokens(ctx)
	if err != nil || len(ts) != 2 || ts[0] != r || ts[1] != w {
		t.Fatalf("Tokens = %+v, %v; want reader then writer as made", ts, err)
	}
	if got, ok := report.TokenFor(ts, secret); !ok || got.Name != "writer" || got.ReadOnly {
		t.Errorf("the writer's secret finds %+v, %v", got, ok)
	}
	if err := s.RevokeToken(ctx, "writer"); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeToken(ctx, "writer"); report.ErrorKind(err) != report.NotFound {
		t.Errorf("revoke twice: %v, want NotFound", err)
	}
	if ts, _ := s.Tokens(ctx); len(ts) != 1 || ts[0].Name != "reader" {
		t.Errorf("after revoking: %+v", ts)
	}
}
