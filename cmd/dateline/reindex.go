package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/datelinehq/dateline/internal/intake"
)

// reindexCmd is `dateline reindex`: geoparse and date every stored report again, after an upgrade
// of the gazetteer or the parsers. Users' corrections are kept.
func reindexCmd(env cmdEnv, args []string) (err error) {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := dataFlag(fs, env.getenv)
	var gf gazetteerFlags
	gf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: dateline reindex [--data DIR] [--gazetteer PATH]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	store, err := openStore(env.ctx, *data)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, store.Close()) }()
	a, err := newAnalyzer(gf, env.stderr)
	if err != nil {
		return err
	}
	p := newProgress(env.stderr)
	reports, mentions, err := intake.Reindex(env.ctx, a, store, func(reports, _ int) { p.show("reindexing: %d reports", reports) })
	p.clear()
	fmt.Fprintf(env.stdout, "reindexed %d reports, %d mentions\n", reports, mentions)
	return err
}
