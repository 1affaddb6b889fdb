package ingest

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
	"golang.org/x/text/unicode/norm"
)

// finish checks and completes a report every parser made: text as NFC UTF-8 with \n line ends
// and no surrounding space, not empty; the default date and source; the content hash.
func (o Options) finish(rep report.Report) (report.Report, error) {
	clean := func(s string) string { return norm.NFC.String(strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))) }
	rep.Title, rep.Source, rep.URL = clean(rep.Title), clean(rep.Source), clean(rep.URL)
	rep.Text = clean(strings.ReplaceAll(rep.Text, "\r\n", "\n"))
	if rep.Text == "" {
		return report.Report{}, report.Errorf(report.Invalid, "text is empty")
	}
	if i := strings.IndexByte(rep.Text, 0); i >= 0 {
		return report.Report{}, report.Errorf(report.Invalid, "text has a NUL character at byte %d", i)
	}
	if rep.Published.IsZero() {
		rep.Published = o.DefaultDate
	}
	if rep.Source == "" {
		rep.Source = o.Source
	}
	rep.Hash = report.ContentHash(rep.Text)
	return rep, nil
}

// checkText rejects data that is not text: a NUL byte, or more than 1% of bytes that are not
// UTF-8. A smaller share of bad bytes is left for finish to replace with U+FFFD.
func checkText(data []byte) error {
	if err := checkNUL(data); err != nil {
		return err
	}
	bad := 0
	for rest := data; len(rest) > 0; {
		r, size := utf8.DecodeRune(rest)
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		rest = rest[size:]
	}
	if bad*100 > len(data) {
		return report.Errorf(report.Invalid, "not UTF-8 text: %d of %d bytes are invalid", bad, len(data))
	}
	return nil
}

func checkNUL(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return report.Errorf(report.Invalid, "binary data, not text: NUL byte at offset %d", i)
	}
	return nil
}

// parseDate reads what report.ParseDate reads, and ISO date-times without a zone or with a
// space ("2017-11-16T10:00", "2017-11-16 10:00:00+0100") as their day as written.
func parseDate(s string) (report.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	return report.ParseDate(s)
}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\uFEFF")) }

// langCode returns the lowercase primary subtag of a language tag ("pt-BR" -> "pt"), or ""
// when s does not start with one.
func langCode(s string) string {
	primary, _, _ := strings.Cut(strings.TrimSpace(s), "-")
	if len(primary) < 2 || len(primary) > 3 || strings.Trim(strings.ToLower(primary), "abcdefghijklmnopqrstuvwxyz") != "" {
		return ""
	}
	return strings.ToLower(primary)
}
