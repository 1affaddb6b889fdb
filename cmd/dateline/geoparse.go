package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/datelinehq/dateline/geodata"
	"github.com/datelinehq/dateline/internal/gazetteer"
	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/report"
)

// gazetteerFlags are the flags of every command that loads the gazetteer.
type gazetteerFlags struct{ dump, alt string }

func (g *gazetteerFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&g.dump, "gazetteer", "", "a GeoNames dump (allCountries.txt or cities1000.txt format) to use instead of the embedded towns")
	fs.StringVar(&g.alt, "alternate-names", "", "with --gazetteer: GeoNames alternateNamesV2.txt for more names")
}

func (g *gazetteerFlags) load(stderr io.Writer) (*gazetteer.Gazetteer, error) {
	start := time.Now()
	var gz *gazetteer.Gazetteer
	var err error
	if g.dump != "" {
		gz, err = gazetteer.LoadDump(geodata.Gazetteer, g.dump, g.alt)
	} else {
		if g.alt != "" {
			return nil, fmt.Errorf("--alternate-names needs --gazetteer")
		}
		gz, err = gazetteer.Load(geodata.Gazetteer)
	}
	if err != nil {
		return nil, err
	}
	if stderr != nil {
		fmt.Fprintf(stderr, "gazetteer: %d places loaded in %s\n", gz.Len(), time.Since(start).Round(time.Millisecond))
	}
	return gz, nil
}

// geoparseCmd is `dateline geoparse`: one plain-text report, or JSON lines as ../shared/eval describes.
func geoparseCmd(env cmdEnv, args []string) error {
	fs := flag.NewFlagSet("geoparse", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	jsonl := fs.Bool("jsonl", false, `read JSON lines {"id","date","text"[,"mentions":[{"start","end"}]]}, write one FeatureCollection per line`)
	date := fs.String("date", "", "the report's date (YYYY[-MM[-DD]]) when the text has no `date` line")
	var gf gazetteerFlags
	gf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: dateline geoparse [--jsonl] [--date D] [--gazetteer PATH] [FILE|-]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	var ref report.Date
	if *date != "" {
		d, err := report.ParseDate(*date)
		if err != nil {
			return err
		}
		ref = d
	}
	in := env.stdin
	if fs.NArg() > 1 {
		fs.Usage()
		return errUsage
	}
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	a, err := newAnalyzer(gf, nil)
	if err != nil {
		return err
	}
	if *jsonl {
		return a.JSONL(in, env.stdout)
	}
	var r *report.Report
	err = ingest.Read(env.ctx, in, fs.Arg(0), "text/plain", ingest.Options{DefaultDate: ref},
		func(it ingest.Item) error { r = &it.Report; return nil }, nil)
	if err != nil {
		return err
	}
	a.Report(r)
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(geoparse.FeatureCollection(r.Text, r.Mentions))
}
