package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

const tokenUsage = `usage: dateline token create --name NAME [--read-only] [--data DIR]
       dateline token list [--data DIR]
       dateline token revoke [--data DIR] NAME
A token lets its holder write to a server that does not listen on loopback only (or read a
--private one): "Authorization: Bearer TOKEN", or /signin in a browser. Only its hash is kept:
create prints the token once.
`

// tokenCmd is `dateline token create|list|revoke`: the access tokens of the database in --data.
func tokenCmd(env cmdEnv, args []string) (err error) {
	fs := subcommand(env, "token", args, tokenUsage)
	if fs == nil {
		return errUsage
	}
	data := dataFlag(fs, env.getenv)
	name := fs.String("name", "", "the token's `NAME` (create)")
	readOnly := fs.Bool("read-only", false, "the token reads a --private server and writes nothing (create)")
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	store, err := openStore(env.ctx, *data)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, store.Close()) }()
	switch args[0] {
	case "create":
		tok, secret, err := report.NewToken(*name, *readOnly, time.Now())
		if err != nil {
			return err
		}
		if err := store.CreateToken(env.ctx, tok); err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, secret)
		fmt.Fprintf(env.stderr, "token %q created%s: the line above is shown this once\n", tok.Name, map[bool]string{true: " (read-only)"}[tok.ReadOnly])
		return nil
	case "list":
		ts, err := store.Tokens(env.ctx)
		if err != nil {
			return err
		}
		for _, t := range ts {
			access := "read-write"
			if t.ReadOnly {
				access = "read-only"
			}
			fmt.Fprintf(env.stdout, "%s\t%s\t%s\n", t.Name, access, t.Created.Format(time.RFC3339))
		}
		return nil
	case "revoke":
		if fs.NArg() != 1 {
			fs.Usage()
			return errUsage
		}
		if err := store.RevokeToken(env.ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "token %q revoked\n", fs.Arg(0))
		return nil
	}
	fs.Usage()
	return errUsage
}
