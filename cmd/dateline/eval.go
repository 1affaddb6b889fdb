package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/datelinehq/dateline/internal/geoeval"
)

// evalCmd is `dateline eval GOLD.jsonl [PRED.jsonl]`: the metrics of score.py; without PRED it runs
// the geoparser on the gold documents first.
func evalCmd(env cmdEnv, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	show := fs.Bool("show", false, "list every miss")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	var gf gazetteerFlags
	gf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: dateline eval [--show] [--json] GOLD.jsonl [PRED.jsonl]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() < 1 || fs.NArg() > 2 {
		fs.Usage()
		return errUsage
	}
	gf2, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	gold, err := geoeval.ReadGold(gf2)
	gf2.Close()
	if err != nil {
		return err
	}
	var preds map[string][]geoeval.Pred
	if fs.NArg() == 2 {
		pf, err := os.Open(fs.Arg(1))
		if err != nil {
			return err
		}
		preds, err = geoeval.ReadPreds(pf)
		pf.Close()
		if err != nil {
			return err
		}
	} else {
		a, err := newAnalyzer(gf, env.stderr)
		if err != nil {
			return err
		}
		if preds, err = geoeval.Predict(a, gold); err != nil {
			return err
		}
	}
	res := geoeval.Score(gold, preds)
	if *asJSON {
		return json.NewEncoder(env.stdout).Encode(res)
	}
	res.Write(env.stdout, *show)
	return nil
}
