package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
)

// checkReport fails unless rep is what finish promises: trimmed, non-empty UTF-8 text, its
// hash, and a date that writes and reads back the same.
func checkReport(t *testing.T, rep report.Report) {
	t.Helper()
	if rep.Text == "" || rep.Text != strings.TrimSpace(rep.Text) || !utf8.ValidString(rep.Text) || strings.ContainsRune(rep.Text, 0) {
		t.Fatalf("bad text %q", rep.Text)
	}
	if rep.Hash != report.ContentHash(rep.Text) {
		t.Fatalf("hash %q is not the text's", rep.Hash)
	}
	if !rep.Published.IsZero() {
		if d, err := report.ParseDate(rep.Published.String()); err != nil || d != rep.Published {
			t.Fatalf("date %+v does not read back: %v, %v", rep.Published, d, err)
		}
	}
}

// FuzzParseText: plain text never panics, and is either a sound report or an Invalid error.
// Seeds are in testdata/fuzz/FuzzParseText.
func FuzzParseText(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := parseText(data)
		if err == nil {
			rep, err = Options{}.finish(rep)
		}
		if err != nil {
			if k := report.ErrorKind(err); k != report.Invalid {
				t.Fatalf("error of kind %s: %v", k, err)
			}
			return
		}
		checkReport(t, rep)
	})
}

// FuzzReadJSONLines: each line is at most one item or one problem, in line order, never both;
// problems are Invalid or TooLarge and start with their origin. Seeds are in
// testdata/fuzz/FuzzReadJSONLines.
func FuzzReadJSONLines(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		next := func(origin string) {
			var n int
			if _, err := fmt.Sscanf(origin, "f.jsonl:%d", &n); err != nil || n <= last {
				t.Fatalf("origin %q after line %d", origin, last)
			}
			last = n
		}
		emit := func(it Item) error {
			next(it.Origin)
			checkReport(t, it.Report)
			return nil
		}
		bad := func(p Problem) {
			next(p.Origin)
			if k := report.ErrorKind(p.Err); k != report.Invalid && k != report.TooLarge {
				t.Fatalf("problem of kind %s: %v", k, p.Err)
			}
			if !strings.HasPrefix(report.ErrorMessage(p.Err), p.Origin+": ") {
				t.Fatalf("problem %q does not start with %q", report.ErrorMessage(p.Err), p.Origin)
			}
		}
		if err := Read(context.Background(), bytes.NewReader(data), "f.jsonl", "", Options{MaxBytes: 200}, emit, bad); err != nil {
			t.Fatal(err)
		}
		if lines := bytes.Count(data, []byte("\n")) + 1; last > lines {
			t.Fatalf("origin line %d in %d lines", last, lines)
		}
	})
}

// FuzzRead: any input, sniffed, never panics, and gives sound reports or domain problems.
// Seeds are the fixtures.
func FuzzRead(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.*")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		emit := func(it Item) error { checkReport(t, it.Report); return nil }
		bad := func(p Problem) {
			if k := report.ErrorKind(p.Err); k != report.Invalid && k != report.TooLarge {
				t.Fatalf("problem of kind %s: %v", k, p.Err)
			}
		}
		if err := Read(context.Background(), bytes.NewReader(data), "", "", Options{MaxBytes: 1 << 16}, emit, bad); err != nil {
			t.Fatal(err)
		}
	})
}
