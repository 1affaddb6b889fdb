package ingest

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// feed reads an RSS or Atom feed: each item is a report with the item's title, link and
// date (published, else updated), its content or else its description as text, and the
// feed's title as source and language as lang.
func (b *batch) feed(data []byte) error {
	if err := checkNUL(data); err != nil {
		return b.problem(b.name, err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return b.problem(b.name, report.Errorf(report.Invalid, "not a readable RSS or Atom feed: %v", err))
	}
	for i, it := range f.Items {
		rep := report.Report{
			Title:  htmlText(it.Title),
			Source: htmlText(f.Title),
			URL:    it.Link,
			Lang:   langCode(f.Language),
			Text:   cmp.Or(htmlText(it.Content), htmlText(it.Description)),
		}
		if it.PublishedParsed != nil {
			rep.Published = feedDate(it.Published, *it.PublishedParsed)
		} else if it.UpdatedParsed != nil {
			rep.Published = feedDate(it.Updated, *it.UpdatedParsed)
		}
		if err := b.send(fmt.Sprintf("%s#%d", b.name, i+1), rep, nil); err != nil {
			return err
		}
	}
	return nil
}

// feedDate is the day of an item's date as written, in its own time zone, when raw is in a
// common layout; else the day of parsed, which gofeed gives in UTC.
func feedDate(raw string, parsed time.Time) report.Date {
	for _, layout := range []string{"Mon, _2 Jan 2006 15:04:05 -0700", "Mon, _2 Jan 2006 15:04:05 MST", time.RFC3339} {
		if t, err := time.Parse(layout, strings.TrimSpace(raw)); err == nil {
			return report.FromTime(t)
		}
	}
	return report.FromTime(parsed)
}

// htmlText returns the text of an HTML fragment: entities decoded, tags, scripts and styles
// dropped, white space collapsed, one line per block.
func htmlText(s string) string {
	var lines []string
	var line strings.Builder
	flush := func() {
		if l := strings.Join(strings.Fields(line.String()), " "); l != "" {
			lines = append(lines, l)
		}
		line.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		name, _ := z.TagName()
		a := atom.Lookup(name)
		switch {
		case tt == html.ErrorToken:
			flush()
			return strings.Join(lines, "\n")
		case tt == html.TextToken:
			line.Write(z.Text())
		case tt == html.StartTagToken && (a == atom.Script || a == atom.Style):
			z.Next() // their raw text
		case isBlock(a):
			flush()
		}
	}
}

// isBlock reports whether an element starts a line of its own.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.P, atom.Div, atom.Li, atom.Blockquote, atom.Pre, atom.Tr, atom.Hr, atom.Figure, atom.Figcaption,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Section, atom.Article, atom.Header, atom.Footer:
		return true
	}
	return false
}
