// Package ingest turns what users paste, upload or import into reports: plain text with a
// header of key lines, JSON and JSON Lines, HTML articles, and RSS or Atom feeds.
// It neither geoparses nor stores.
//
// Inputs are read as batches: Read takes one input, Walk takes files and folders, and both
// call emit for each report and bad for each rejected record, so one bad line does not stop
// a batch. A rejected record is never half emitted.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/mmcdole/gofeed"
)

// Options tune how inputs are read. The zero Options are ready to use.
type Options struct {
	// DefaultDate is the date of records that carry none; the zero Date leaves it unknown.
	DefaultDate report.Date
	// MaxBytes bounds one record: a text, JSON or HTML input, one JSON line, a whole feed.
	// Zero means 5 MiB.
	MaxBytes int64
	// Source is the source of records that name none.
	Source string
}

const (
	defaultMaxBytes = 5 << 20
	peekBytes       = 64 << 10 // what sniffing sees, and the read buffer
)

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return defaultMaxBytes
}

// Item is one report read, and where it came from: "notes.txt", "batch.jsonl:12" (a line),
// "news.rss#3" (a feed item).
type Item struct {
	Report report.Report
	Origin string
}

// Problem is one rejected record. Err is a *report.Error of kind Invalid, TooLarge or
// Unsupported whose message starts with Origin: `batch.jsonl:3: date "2017-02-30": no such day`.
type Problem struct {
	Origin string
	Err    error
}

// Read reads one input and calls emit for each report and bad for each rejected record.
// name (a file name, or "" for "input") names the input in origins; its format comes from
// contentType when that is one of ours, else from name's extension, else from the first bytes.
// Read stops and returns the error of emit, of ctx or of reading r. When bad is nil, Read
// stops at the first problem and returns its Err instead.
func Read(ctx context.Context, r io.Reader, name, contentType string, opts Options, emit func(Item) error, bad func(Problem)) error {
	if name == "" {
		name = "input"
	}
	br := bufio.NewReaderSize(r, peekBytes)
	f := formatOfType(contentType)
	if f == formatUnknown {
		f = formatOfName(name)
	}
	if f == formatUnknown {
		f = sniff(br)
	}
	b := batch{ctx: ctx, name: name, opts: opts, emit: emit, bad: bad}
	return b.read(br, f, contentType)
}

// Walk reads files, and folders recursively, choosing each file's format by its extension:
// .txt, .html or .htm, .json, .jsonl or .ndjson, .xml, .rss or .atom. Other files are reported
// to bad as Unsupported problems; hidden files and folders inside a folder are skipped.
// Walk stops and returns the error of emit, of ctx or of the file system; bad is as for Read.
func Walk(ctx context.Context, paths []string, opts Options, emit func(Item) error, bad func(Problem)) error {
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case path != root && strings.HasPrefix(d.Name(), "."):
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			case d.IsDir():
				return ctx.Err()
			}
			b := batch{ctx: ctx, name: path, opts: opts, emit: emit, bad: bad}
			f := formatOfName(path)
			if f == formatUnknown {
				return b.problem(path, report.Errorf(report.Unsupported, "unsupported file type %q", filepath.Ext(path)))
			}
			file, err := os.Open(path)
			if err != nil {
				return err
			}
			defer file.Close()
			return b.read(bufio.NewReaderSize(file, peekBytes), f, "")
		})
		if err != nil {
			return fmt.Errorf("ingest: walk %s: %w", root, err)
		}
	}
	return nil
}

type format uint8

const (
	formatUnknown format = iota
	formatText
	formatJSON // one object; JSON Lines are accepted too
	formatJSONL
	formatHTML
	formatFeed
)

func formatOfType(contentType string) format {
	t, _, _ := mime.ParseMediaType(contentType)
	switch t {
	case "text/plain":
		return formatText
	case "application/json":
		return formatJSON
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
		return formatJSONL
	case "text/html", "application/xhtml+xml":
		return formatHTML
	case "application/rss+xml", "application/atom+xml", "application/xml", "text/xml":
		return formatFeed
	}
	return formatUnknown
}

func formatOfName(name string) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt":
		return formatText
	case ".json":
		return formatJSON
	case ".jsonl", ".ndjson":
		return formatJSONL
	case ".html", ".htm":
		return formatHTML
	case ".xml", ".rss", ".atom":
		return formatFeed
	}
	return formatUnknown
}

// sniff guesses the format from the first bytes: JSON Lines when the first line is a whole
// JSON object, another JSON document when it is not, a feed or HTML for markup, else text.
func sniff(br *bufio.Reader) format {
	head, _ := br.Peek(peekBytes)
	head = bytes.TrimLeft(trimBOM(head), " \t\r\n")
	switch {
	case len(head) == 0:
		return formatText
	case head[0] == '{':
		if line, _, ok := bytes.Cut(head, []byte("\n")); ok && !json.Valid(line) {
			return formatJSON
		}
		return formatJSONL
	case head[0] == '<':
		if t := gofeed.DetectFeedType(bytes.NewReader(head)); t == gofeed.FeedTypeRSS || t == gofeed.FeedTypeAtom {
			return formatFeed
		}
		return formatHTML
	}
	return formatText
}

// batch is one input being read.
type batch struct {
	ctx  context.Context
	name string
	opts Options
	emit func(Item) error
	bad  func(Problem)
}

func (b *batch) read(br *bufio.Reader, f format, contentType string) error {
	if f == formatJSONL {
		return b.jsonLines(br)
	}
	limit := b.opts.maxBytes()
	data, err := io.ReadAll(io.LimitReader(br, limit+1))
	if err != nil {
		return fmt.Errorf("ingest: read %s: %w", b.name, err)
	}
	if int64(len(data)) > limit {
		return b.problem(b.name, report.Errorf(report.TooLarge, "larger than the %d-byte limit", limit))
	}
	var rep report.Report
	switch f {
	case formatFeed:
		return b.feed(data)
	case formatJSON:
		if first, _, ok := bytes.Cut(data, []byte("\n")); ok && json.Valid(first) && !json.Valid(data) { // the cheap test first
			return b.jsonLines(bufio.NewReader(bytes.NewReader(data)))
		}
		rep, err = parseJSON(data)
	case formatHTML:
		rep, err = parseHTML(data, contentType)
	default:
		rep, err = parseText(data)
	}
	return b.send(b.name, rep, err)
}

// send emits rep as the record at origin, or reports err, or what finish finds wrong with rep.
func (b *batch) send(origin string, rep report.Report, err error) error {
	if err == nil {
		rep, err = b.opts.finish(rep)
	}
	if err != nil {
		return b.problem(origin, err)
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	return b.emit(Item{Report: rep, Origin: origin})
}

// problem reports err at origin to bad, or returns it when there is no bad.
func (b *batch) problem(origin string, err error) error {
	e := &report.Error{Kind: report.Internal, Message: "internal error", Err: err} // unless err is a domain error
	errors.As(err, &e)
	p := Problem{Origin: origin, Err: &report.Error{Kind: e.Kind, Message: origin + ": " + e.Message, Err: e.Err}}
	if b.bad == nil {
		return p.Err
	}
	b.bad(p)
	return nil
}
