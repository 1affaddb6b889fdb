// Command dateline reads reports, finds the places and dates they mention, and serves them as GeoJSON,
// on a map and on a timeline.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "dateline:", err)
		}
		os.Exit(2)
	}
}

var errUsage = errors.New("usage")

const usage = `usage: dateline COMMAND [flags]

commands:
  serve      serve the web pages and the API
  geoparse   find the places and dates in a report (or in JSON lines)
  eval       score geoparser output against a gold set
  import     import reports from files and folders
  reindex    re-geoparse and re-date the stored reports
  token      create, list and revoke access tokens
  feeds      add, list, remove and poll the RSS and Atom feeds followed
`

// run is main without the process: every subcommand is wired here by hand.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	env := cmdEnv{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "serve":
		return serveCmd(env, rest)
	case "import":
		return importCmd(env, rest)
	case "reindex":
		return reindexCmd(env, rest)
	case "geoparse":
		return geoparseCmd(env, rest)
	case "eval":
		return evalCmd(env, rest)
	case "token":
		return tokenCmd(env, rest)
	case "feeds":
		return feedsCmd(env, rest)
	}
	fmt.Fprintf(stderr, "dateline: unknown command %q\n%s", cmd, usage)
	return errUsage
}

// cmdEnv is what every subcommand gets from run.
type cmdEnv struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}
