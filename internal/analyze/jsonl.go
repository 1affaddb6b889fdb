package analyze

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unsafe"

	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/report"
)

// jsonlInput is one line of the geoparse contract (../shared/eval/README.md).
type jsonlInput struct {
	ID       json.RawMessage `json:"id"`
	Date     string          `json:"date"`
	Text     string          `json:"text"`
	Lang     string          `json:"lang"`
	Mentions []jsonlSpan     `json:"mentions"`
}

// jsonlSpan is a mention given in code points.
type jsonlSpan struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// MaxLineBytes bounds one JSON line.
const MaxLineBytes = 16 << 20

// JSONL reads one JSON object per line ({"id","date","text"}, optionally "mentions" of code point
// spans to resolve only those) and writes for each, in order, one line holding a GeoJSON
// FeatureCollection with the input's "id" as a top-level member.
func (a *Analyzer) JSONL(in io.Reader, out io.Writer) error {
	br := bufio.NewReaderSize(in, 64<<10) // a longer line is read in pieces (readLine)
	// an output line is a few kilobytes: a large buffer makes fewer writes
	bw := bufio.NewWriterSize(out, 64<<10)
	var row, buf, scratch []byte  // one line in, one line out, the line's strings unquoted
	var mentions geoparse.Buffers // the mentions of one line
	for line := 1; ; line++ {
		var err error
		row, err = readLine(br, row[:0])
		if err != nil && err != io.EOF {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if len(bytes.TrimSpace(row)) > 0 {
			var perr error
			if buf, perr = a.jsonlLine(buf[:0], row, &scratch, &mentions); perr != nil {
				return fmt.Errorf("line %d: %w", line, perr)
			}
			bw.Write(append(buf, '\n'))
		}
		if err == io.EOF {
			return bw.Flush()
		}
	}
}

// readLine appends the next line of br to row.
func readLine(br *bufio.Reader, row []byte) ([]byte, error) {
	for {
		chunk, err := br.ReadSlice('\n')
		row = append(row, chunk...)
		if len(row) > MaxLineBytes {
			return nil, report.Errorf(report.TooLarge, "line over %d bytes", MaxLineBytes)
		}
		if err != bufio.ErrBufferFull {
			return row, err
		}
	}
}

// jsonlLine appends to b the line out for the line in row, the strings unquoted in scratch's memory and
// the mentions in ms's.
func (a *Analyzer) jsonlLine(b, row []byte, scratch *[]byte, ms *geoparse.Buffers) ([]byte, error) {
	var rec jsonlInput
	// rec's strings share row's and scratch's memory, which the next line writes over: nothing of this
	// line is kept past its line out (the mentions in ms are, but only until the next line writes over
	// them too)
	*scratch = (*scratch)[:0]
	if !decodeLine(unsafe.String(unsafe.SliceData(row), len(row)), &rec, scratch) {
		rec = jsonlInput{}
		if err := json.Unmarshal(row, &rec); err != nil {
			return nil, report.Errorf(report.Invalid, "not a JSON object: %v", err)
		}
	}
	r := &report.Report{Text: rec.Text, Lang: rec.Lang}
	if rec.Date != "" {
		d, err := report.ParseDate(rec.Date)
		if err != nil {
			return nil, err
		}
		r.Published = d
	}
	if rec.Mentions != nil {
		cp := codePointsToBytes(rec.Text)
		spans := make([]geoparse.Span, 0, len(rec.Mentions))
		for _, m := range rec.Mentions {
			spans = append(spans, geoparse.Span{Start: cp(m.Start), End: cp(m.End)})
		}
		a.reportInto(r, spans, ms)
	} else {
		a.reportInto(r, nil, ms)
	}
	return geoparse.AppendFeatureCollection(b, r.Text, r.Mentions, rec.ID, r.Lang)
}

// codePointsToBytes returns a function from code point offsets of text to byte offsets.
func codePointsToBytes(text string) func(int) int {
	idx := make([]int, 0, len(text)+1)
	for i := range text {
		idx = append(idx, i)
	}
	idx = append(idx, len(text))
	return func(cp int) int {
		return idx[min(max(cp, 0), len(idx)-1)]
	}
}
