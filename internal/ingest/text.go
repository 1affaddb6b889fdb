package ingest

import (
	"net/url"
	"strings"
	"unicode"

	"github.com/datelinehq/dateline/internal/report"
)

// parseText reads plain text with optional header lines on top:
//
//	date 2017-11
//	title Raqqa: the coalition was not for the deal
//	source Example Wire
//	url https://example.org/raqqa
//	lang fr
//
//	La coalition internationale...
//
// A key is lowercase, or in any case when it ends with a colon ("Title: ..."). The date is
// YYYY, YYYY-MM or YYYY-MM-DD (its precision is kept) or an ISO date-time, and the text may
// start on the date line after it: "date 2017-11 La coalition...". The header ends at the first
// line that is not a header line; the rest, trimmed, is the text.
func parseText(data []byte) (report.Report, error) {
	if err := checkText(data); err != nil {
		return report.Report{}, err
	}
	var rep report.Report
	rest := string(trimBOM(data))
header:
	for n := 1; rest != ""; n++ {
		line, next, _ := strings.Cut(rest, "\n")
		key, val, ok := headerLine(line)
		if !ok {
			break
		}
		rest = next
		switch key {
		case "date":
			d, text := cutSpace(val)
			date, err := parseDate(d)
			if err != nil {
				return report.Report{}, report.Errorf(report.Invalid, "line %d: %s", n, report.ErrorMessage(err))
			}
			rep.Published = date
			if text != "" { // the text begins on the date line
				rest = text + "\n" + next
				break header
			}
		case "title":
			rep.Title = val
		case "source":
			rep.Source = val
		case "url":
			rep.URL = val
		case "lang":
			rep.Lang = langCode(val)
		}
	}
	rep.Text = rest
	return rep, nil
}

// headerLine splits a header line into its lowercase key and its value. It reports false for
// a line that is text: an unknown key, or a date, url or lang value of the wrong shape.
func headerLine(line string) (key, val string, ok bool) {
	key, val = cutSpace(strings.TrimSpace(line))
	if k, colon := strings.CutSuffix(key, ":"); colon {
		key = strings.ToLower(k)
	} else if key != strings.ToLower(key) {
		return "", "", false
	}
	switch key {
	case "date":
		ok = len(val) >= 4 && strings.Trim(val[:4], "0123456789") == ""
	case "title", "source":
		ok = val != ""
	case "url":
		u, err := url.Parse(val)
		ok = err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
	case "lang":
		ok = langCode(val) != ""
	}
	return key, val, ok
}

// cutSpace cuts s around its first run of white space.
func cutSpace(s string) (before, after string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
