package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
)

// importCmd is `dateline import PATH...|-`: files, folders and standard input into the database.
// A bad record is reported and skipped; each report is stored in its own transaction.
func importCmd(env cmdEnv, args []string) (err error) {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := dataFlag(fs, env.getenv)
	source := fs.String("source", "", "the source of reports that name none")
	date := fs.String("date", "", "the date (YYYY[-MM[-DD]]) of reports that carry none")
	var gf gazetteerFlags
	gf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: dateline import [--data DIR] [--source S] [--date D] PATH...|-")
		fmt.Fprintln(env.stderr, "  PATH: .txt (an optional `date` line, then the text), .html, .json, .jsonl, RSS or Atom (.xml, .rss, .atom), or a folder of them; - reads standard input")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	opts := ingest.Options{Source: *source}
	if *date != "" {
		if opts.DefaultDate, err = report.ParseDate(*date); err != nil {
			return err
		}
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

	im := &importer{ctx: env.ctx, intake: intake.New(a, store), progress: newProgress(env.stderr)}
	for _, path := range fs.Args() {
		if path == "-" {
			err = ingest.Read(env.ctx, env.stdin, "stdin", "", opts, im.emit, im.bad)
		} else {
			err = ingest.Walk(env.ctx, []string{path}, opts, im.emit, im.bad)
		}
		if err != nil {
			break
		}
	}
	im.progress.clear()
	fmt.Fprintf(env.stdout, "imported %d, duplicates %d, rejected %d\n", im.imported, im.duplicates, len(im.rejected))
	for _, r := range im.rejected {
		fmt.Fprintln(env.stdout, "  "+r)
	}
	return err
}

// importer geoparses, dates and stores the reports of an import, and counts what became of them.
type importer struct {
	ctx                  context.Context
	intake               *intake.Pipeline
	progress             *progress
	imported, duplicates int
	rejected             []string // "origin: reason"
}

func (im *importer) emit(it ingest.Item) error {
	out, err := im.intake.Store(im.ctx, it, "")
	if err != nil {
		return err
	}
	switch out.Status {
	case intake.Rejected:
		im.rejected = append(im.rejected, out.Origin+": "+report.ErrorMessage(out.Err))
	case intake.Created:
		im.imported++
	case intake.Duplicate:
		im.duplicates++
	}
	im.show()
	return nil
}

func (im *importer) bad(p ingest.Problem) {
	im.rejected = append(im.rejected, report.ErrorMessage(p.Err))
	im.show()
}

func (im *importer) show() {
	im.progress.show("importing: %d imported, %d duplicates, %d rejected", im.imported, im.duplicates, len(im.rejected))
}
