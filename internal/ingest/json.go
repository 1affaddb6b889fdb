package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/datelinehq/dateline/internal/report"
)

// jsonRecord is one report as JSON. It also reads the evaluation format {"id","date","text"};
// other members are ignored.
type jsonRecord struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	Date   string `json:"date"` // ISO 8601 at any precision
	Source string `json:"source"`
	URL    string `json:"url"`
	Lang   string `json:"lang"`
}

// parseJSON reads one JSON object.
func parseJSON(data []byte) (report.Report, error) {
	if err := checkText(data); err != nil {
		return report.Report{}, err
	}
	data = bytes.TrimSpace(trimBOM(data))
	if len(data) == 0 || data[0] != '{' {
		return report.Report{}, report.Errorf(report.Invalid, "not a JSON object")
	}
	var rec jsonRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return report.Report{}, report.Errorf(report.Invalid, "%q must be a %s, not a %s", te.Field, te.Type, te.Value)
		}
		return report.Report{}, report.Errorf(report.Invalid, "invalid JSON: %v", err)
	}
	rep := report.Report{ID: rec.ID, Title: rec.Title, Text: rec.Text, Source: rec.Source, URL: rec.URL}
	if rec.Date != "" {
		d, err := parseDate(rec.Date)
		if err != nil {
			return report.Report{}, err
		}
		rep.Published = d
	}
	if rec.Lang != "" {
		if rep.Lang = langCode(rec.Lang); rep.Lang == "" {
			return report.Report{}, report.Errorf(report.Invalid, "lang %q is not a language code like \"fr\"", rec.Lang)
		}
	}
	return rep, nil
}

// jsonLines reads one JSON object a line; blank lines are skipped, bad lines reported.
func (b *batch) jsonLines(br *bufio.Reader) error {
	limit := b.opts.maxBytes()
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, limit)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("ingest: read %s: %w", b.name, err)
		}
		// A blank line costs no more than reading it: 30 MB of them are a fraction of a CPU-second.
		switch {
		case tooLong:
			err = b.problem(b.name+":"+strconv.Itoa(n), report.Errorf(report.TooLarge, "line longer than the %d-byte limit", limit))
		case len(bytes.TrimSpace(line)) > 0:
			rep, perr := parseJSON(line)
			err = b.send(b.name+":"+strconv.Itoa(n), rep, perr)
		}
		if err != nil {
			return err
		}
	}
}

// readLine reads a line and returns it without its line end; a line that fits br's buffer is
// returned in it, valid until the next read. A line longer than limit is read to its end but
// not kept: readLine reports it as tooLong. At the end of br it returns io.EOF.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	chunk, err := br.ReadSlice('\n')
	if err == nil { // the whole line is in br's buffer, the usual case: no copy
		if line = trimEOL(chunk); int64(len(line)) > limit {
			return nil, true, nil
		}
		return line, false, nil
	}
	var size int64
	for {
		size += int64(len(chunk))
		if size <= limit+2 { // room for "\r\n"
			line = append(line, chunk...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			chunk, err = br.ReadSlice('\n')
			continue
		case err == io.EOF && size > 0:
		case err != nil:
			return nil, false, err
		}
		line = trimEOL(line)
		if size > limit+2 || int64(len(line)) > limit {
			return nil, true, nil
		}
		return line, false, nil
	}
}

// trimEOL drops a line's "\n" or "\r\n".
func trimEOL(line []byte) []byte {
	return bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
}
