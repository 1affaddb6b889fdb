package ingest

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/go-shiori/dom"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// parseHTML reads an article page: its main text, title, site name, canonical URL and
// <html lang> through trafilatura, which works offline. The date is trafilatura's, else the
// first of <meta property="article:published_time">, JSON-LD datePublished, <time datetime>.
// Comments, navigation and ads are left out.
// The encoding is the one contentType, a BOM or a <meta> names, else UTF-8 when the bytes
// are UTF-8.
func parseHTML(data []byte, contentType string) (report.Report, error) {
	if err := checkNUL(data); err != nil {
		return report.Report{}, err
	}
	var r io.Reader = bytes.NewReader(data)
	if enc, _, certain := charset.DetermineEncoding(data, contentType); certain || !utf8.Valid(data) {
		r = transform.NewReader(r, enc.NewDecoder())
	}
	doc, err := html.Parse(r)
	if err != nil {
		return report.Report{}, report.Errorf(report.Invalid, "unreadable HTML: %v", err)
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{ExcludeComments: true, HtmlDateMode: trafilatura.Fast})
	if err != nil {
		return report.Report{}, report.Errorf(report.Invalid, "no article text found in the page")
	}
	rep := report.Report{
		Title:  res.Metadata.Title,
		Source: res.Metadata.Sitename,
		URL:    res.Metadata.URL,
		Lang:   langCode(dom.GetAttribute(dom.DocumentElement(doc), "lang")),
	}
	// One line per paragraph when the extracted tree has the same words as the extracted
	// text (trafilatura's fallback extractor can repeat paragraphs in the tree), and without
	// a first line that repeats the title: a page whose only text is its title has none.
	rep.Text = res.ContentText
	if lines := htmlText(dom.InnerHTML(res.ContentNode)); strings.Join(strings.Fields(lines), " ") == strings.Join(strings.Fields(rep.Text), " ") {
		rep.Text = lines
	}
	if first, rest, _ := strings.Cut(rep.Text, "\n"); first == rep.Title {
		rep.Text = rest
	}
	rep.Published = markupDate(doc)
	if t := res.Metadata.Date; !t.IsZero() {
		// Trafilatura's date wins, unless it is the markup's coarser date padded with ones
		// ("2019-08" read as 2019-08-01): then the markup keeps the precision.
		d := report.FromTime(t)
		if !rep.Published.Contains(d) || !rep.Published.Start().Equal(d.Start()) {
			rep.Published = d
		}
	}
	return rep, nil
}

// markupDate is the first publication date found in doc's markup, or the zero Date.
func markupDate(doc *html.Node) report.Date {
	var found []string
	for _, n := range dom.QuerySelectorAll(doc, `meta[property="article:published_time"], meta[name="article:published_time"]`) {
		found = append(found, dom.GetAttribute(n, "content"))
	}
	for _, n := range dom.QuerySelectorAll(doc, `script[type="application/ld+json"]`) {
		var v any
		if json.Unmarshal([]byte(dom.TextContent(n)), &v) == nil {
			found = append(found, datePublished(v))
		}
	}
	for _, n := range dom.QuerySelectorAll(doc, "time[datetime]") {
		found = append(found, dom.GetAttribute(n, "datetime"))
	}
	for _, s := range found {
		if d, err := parseDate(s); err == nil {
			return d
		}
	}
	return report.Date{}
}

// datePublished finds "datePublished" in decoded JSON-LD: an object, an array, or @graph.
func datePublished(v any) string {
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v["datePublished"].(string); ok {
			return s
		}
		return datePublished(v["@graph"])
	case []any:
		for _, x := range v {
			if s := datePublished(x); s != "" {
				return s
			}
		}
	}
	return ""
}
