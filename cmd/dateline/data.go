package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/datelinehq/dateline/internal/analyze"
	"github.com/datelinehq/dateline/internal/demo"
	"github.com/datelinehq/dateline/internal/follow"
	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
	"github.com/datelinehq/dateline/internal/web"
	"golang.org/x/term"
)

// dataFlag registers --data, the folder of the database, on the commands that use it.
func dataFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	return fs.String("data", envOr(getenv, "DATELINE_DATA", "./data"), "the `DIR` of the database, dateline.db (env DATELINE_DATA)")
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// store is what the commands ask of a store: what the server, the pipeline (reindex too) and
// the demo loader need. A second store plugs in at openStore.
type store interface {
	web.ReportStore
	web.EventStore
	intake.Store
	demo.Lister
	intake.Reindexable
	web.TokenStore
	CreateToken(ctx context.Context, t report.Token) error
	RevokeToken(ctx context.Context, name string) error
	follow.Store
	AddFeed(ctx context.Context, f report.Feed) error
	RemoveFeed(ctx context.Context, url string) error
	Close() error
}

var _ store = (*sqlite.Store)(nil)

// openStore opens, or creates, DIR/dateline.db.
func openStore(ctx context.Context, dir string) (store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	s, err := sqlite.Open(ctx, filepath.Join(dir, "dateline.db"))
	if err != nil {
		return nil, err // not a nil *sqlite.Store in a non-nil store
	}
	return s, nil
}

// newAnalyzer loads the gazetteer the flags name and returns an analyzer over it.
func newAnalyzer(gf gazetteerFlags, stderr io.Writer) (*analyze.Analyzer, error) {
	gz, err := gf.load(stderr)
	if err != nil {
		return nil, err
	}
	return analyze.New(geoparse.New(gz, geoparse.Options{})), nil
}

// progress redraws one status line on a terminal, at most ten times a second. It writes nothing
// when its writer is not a terminal.
type progress struct {
	w    io.Writer
	last time.Time
}

func newProgress(w io.Writer) *progress {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &progress{w: w}
	}
	return &progress{}
}

func (p *progress) show(format string, args ...any) {
	if p.w == nil || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\r\033[K"+format, args...)
}

func (p *progress) clear() {
	if p.w != nil {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
