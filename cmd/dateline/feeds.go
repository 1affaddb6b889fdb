package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/datelinehq/dateline/internal/fetch"
	"github.com/datelinehq/dateline/internal/follow"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
)

const feedsUsage = `usage: dateline feeds add [--every 30m] [--data DIR] URL
       dateline feeds list [--data DIR]
       dateline feeds remove [--data DIR] URL
       dateline feeds poll [--data DIR] [--fetch-allow ADDRS] [--gazetteer PATH]
The RSS and Atom feeds followed: ` + "`dateline serve`" + ` polls each every interval (5m to 168h) with
conditional GETs, stores each new item once (its article's page read when the item is a
summary), and never fetches from loopback, private or reserved addresses unless --fetch-allow
names them. poll polls every feed now, once.
`

// fetchAllowFlag registers --fetch-allow on the commands that fetch.
func fetchAllowFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	return fs.String("fetch-allow", envOr(getenv, "DATELINE_FETCH_ALLOW", ""),
		"`ADDRS`: private or reserved addresses and CIDR prefixes (comma-separated) that reports by URL and feeds may be fetched from (env DATELINE_FETCH_ALLOW)")
}

// newFetcher is the client of reports by URL and feeds, allowing the addresses of --fetch-allow.
func newFetcher(allow string, maxBytes int64) (*fetch.Client, error) {
	prefixes, err := fetch.ParsePrefixes(allow)
	if err != nil {
		return nil, fmt.Errorf("--fetch-allow %q: %w", allow, err)
	}
	return fetch.New(fetch.Options{Allow: prefixes, MaxBytes: maxBytes, UserAgent: "Dateline feed reader"}), nil
}

// feedsCmd is `dateline feeds add|list|remove|poll`.
func feedsCmd(env cmdEnv, args []string) (err error) {
	fs := subcommand(env, "feeds", args, feedsUsage)
	if fs == nil {
		return errUsage
	}
	data := dataFlag(fs, env.getenv)
	every := fs.Duration("every", report.DefaultFeedEvery, "poll the feed every `INTERVAL` (add)")
	allow := fetchAllowFlag(fs, env.getenv)
	var gf gazetteerFlags
	gf.register(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	wantArg := args[0] == "add" || args[0] == "remove"
	if wantArg != (fs.NArg() == 1) || fs.NArg() > 1 {
		fs.Usage()
		return errUsage
	}
	store, err := openStore(env.ctx, *data)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, store.Close()) }()
	switch args[0] {
	case "add":
		f, err := report.NewFeed(fs.Arg(0), *every, time.Now())
		if err != nil {
			return err
		}
		if err := store.AddFeed(env.ctx, f); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "following %s every %v\n", f.URL, f.Every)
		return nil
	case "list":
		feeds, err := store.Feeds(env.ctx)
		if err != nil {
			return err
		}
		for _, f := range feeds {
			last := "never polled"
			if !f.LastPoll.IsZero() {
				last = "polled " + f.LastPoll.Format(time.RFC3339)
			}
			state := "ok"
			if f.LastError != "" {
				state = "failing: " + f.LastError
			}
			fmt.Fprintf(env.stdout, "%s\tevery %v\t%d reports\t%s\t%s\n", f.URL, f.Every, f.Reports, last, state)
		}
		return nil
	case "remove":
		if err := store.RemoveFeed(env.ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "no longer following %s\n", fs.Arg(0))
		return nil
	case "poll":
		client, err := newFetcher(*allow, 0)
		if err != nil {
			return err
		}
		a, err := newAnalyzer(gf, env.stderr)
		if err != nil {
			return err
		}
		p := &follow.Poller{Store: store, Fetch: client, Pipeline: intake.New(a, store), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		results, err := p.All(env.ctx)
		for _, r := range results {
			fmt.Fprintln(env.stdout, follow.Describe(r))
		}
		return err
	}
	fs.Usage()
	return errUsage
}

// subcommand is the flag set of `dateline CMD SUB` (args[0] is SUB), nil after printing usage
// when there is no SUB.
func subcommand(env cmdEnv, cmd string, args []string, usage string) *flag.FlagSet {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, usage)
		return nil
	}
	fs := flag.NewFlagSet(cmd+" "+args[0], flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() { fmt.Fprint(env.stderr, usage); fs.PrintDefaults() }
	return fs
}
