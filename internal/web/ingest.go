package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/intake"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// accepted names the content types of POST /api/reports, for error messages.
const accepted = "application/json, text/plain, text/html, application/x-ndjson (JSON Lines), application/rss+xml, application/atom+xml or multipart/form-data"

// createReports is POST /api/reports. One report (JSON, plain text with an optional `date` line,
// or an HTML article; no Content-Type: guessed from the content) is answered 201 with its id and
// GeoJSON, or 200 with the stored report when its content or its Idempotency-Key was seen before.
// A batch (JSON Lines, a feed, or files uploaded as multipart/form-data) is answered with a
// batchBody: 200 when every record was stored, 207 when some were rejected.
func (s *Server) createReports(c echo.Context) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if ct == "" {
		return s.createOne(c, "", "")
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return report.Errorf(report.Unsupported, "content type %q cannot be read: send %s", ct, accepted)
	}
	switch mt {
	case "application/json", "text/plain", "text/html", "application/xhtml+xml":
		return s.createOne(c, mt, ct)
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
		"application/rss+xml", "application/atom+xml", "application/xml", "text/xml":
		return s.createBatch(c, func(b *batch, body []byte) error {
			return ingest.Read(b.ctx(), bytes.NewReader(body), "body", ct, s.ingestOptions(), b.emit, b.bad)
		})
	case "multipart/form-data":
		if params["boundary"] == "" {
			return echo.NewHTTPError(http.StatusBadRequest, "multipart/form-data without a boundary")
		}
		return s.createBatch(c, func(b *batch, body []byte) error { return s.readParts(b, body, params["boundary"]) })
	}
	return report.Errorf(report.Unsupported, "content type %q is not accepted: send %s", mt, accepted)
}

func (s *Server) ingestOptions() ingest.Options { return ingest.Options{MaxBytes: s.maxReport} }

// createOne stores the one report of the body.
func (s *Server) createOne(c echo.Context, mediaType, contentType string) error {
	key := c.Request().Header.Get("Idempotency-Key")
	if key != "" && !isIdempotencyKey(key) {
		return echo.NewHTTPError(http.StatusBadRequest, "Idempotency-Key must be 1 to 255 printable ASCII characters")
	}
	item, err := s.readOne(c, mediaType, contentType)
	if err != nil {
		return err
	}
	out, err := s.intake.Store(c.Request().Context(), item, key)
	if err != nil {
		return err
	}
	if out.Status == intake.Rejected {
		return out.Err
	}
	status := http.StatusOK
	if out.Status == intake.Created {
		status = http.StatusCreated
		c.Response().Header().Set(echo.HeaderLocation, views.ReportPath("/api/reports/", out.Report.ID))
	}
	return writeJSON(c, status, mimeJSON, newReportBody(out.Report))
}

// readOne reads the one report of a body of the media type mediaType (contentType with its
// parameters; "" when the request had none): JSON {"text", ...} or {"url"} (the page fetched),
// plain text or HTML, within the report size limit.
func (s *Server) readOne(c echo.Context, mediaType, contentType string) (ingest.Item, error) {
	data, err := io.ReadAll(io.LimitReader(c.Request().Body, s.maxReport+1))
	if err != nil {
		return ingest.Item{}, fmt.Errorf("web: read report: %w", err)
	}
	if int64(len(data)) > s.maxReport {
		return ingest.Item{}, report.Errorf(report.TooLarge, "the report is larger than the %d-byte limit", s.maxReport)
	}
	if mediaType == "application/json" {
		var raw json.RawMessage
		var syntax *json.SyntaxError
		if err := json.Unmarshal(data, &raw); errors.As(err, &syntax) {
			return ingest.Item{}, echo.NewHTTPError(http.StatusBadRequest, fmt.Sprintf("malformed JSON at byte %d", syntax.Offset))
		}
		var byURL struct{ URL, Text string }
		if json.Unmarshal(data, &byURL) == nil && strings.TrimSpace(byURL.Text) == "" && strings.TrimSpace(byURL.URL) != "" {
			if data, err = s.fetchReport(c.Request().Context(), data, byURL.URL); err != nil {
				return ingest.Item{}, err
			}
		}
	}
	var items []ingest.Item
	emit := func(it ingest.Item) error { items = append(items, it); return nil }
	if err := ingest.Read(c.Request().Context(), bytes.NewReader(data), "body", contentType, s.ingestOptions(), emit, nil); err != nil {
		return ingest.Item{}, err
	}
	if len(items) != 1 {
		return ingest.Item{}, report.Errorf(report.Invalid, "the body holds %d reports: send several as JSON Lines (application/x-ndjson)", len(items))
	}
	return items[0], nil
}

func isIdempotencyKey(k string) bool {
	if len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// batchItem is one record of a batch: where it was read ("body:3" is line 3), and its report's id
// or why it was rejected.
type batchItem struct {
	Origin string `json:"origin"`
	Line   int    `json:"line,omitempty"`
	ID     string `json:"id,omitempty"`
	Error  string `json:"error,omitempty"`
}

// batchBody is the answer to a batch. Error and RequestID are set when no record was stored.
type batchBody struct {
	Error      string      `json:"error,omitempty"`
	RequestID  string      `json:"request_id,omitempty"`
	Created    []batchItem `json:"created"`
	Duplicates []batchItem `json:"duplicates"`
	Rejected   []batchItem `json:"rejected"`
}

// batch stores the records of one request, each in its own transaction, and tells what became
// of each.
type batch struct {
	s         *Server
	c         echo.Context
	body      batchBody
	firstFail error
}

func (s *Server) newBatch(c echo.Context) *batch {
	return &batch{s: s, c: c, body: batchBody{Created: []batchItem{}, Duplicates: []batchItem{}, Rejected: []batchItem{}}}
}

func (b *batch) ctx() context.Context { return b.c.Request().Context() }

// emit analyses and stores a report. A report the store refuses is rejected; any other
// failure of the store stops the batch.
func (b *batch) emit(it ingest.Item) error {
	out, err := b.s.intake.Store(b.ctx(), it, "")
	if err != nil {
		return err
	}
	item := batchItem{Origin: out.Origin, Line: lineOf(out.Origin)}
	switch out.Status {
	case intake.Rejected:
		b.bad(ingest.Problem{Origin: out.Origin, Err: out.Err})
	case intake.Created:
		item.ID = out.Report.ID
		b.body.Created = append(b.body.Created, item)
	case intake.Duplicate:
		item.ID = out.Report.ID
		b.body.Duplicates = append(b.body.Duplicates, item)
	}
	return nil
}

// bad records a rejected record.
func (b *batch) bad(p ingest.Problem) {
	if b.firstFail == nil {
		b.firstFail = p.Err
	}
	msg := strings.TrimPrefix(report.ErrorMessage(p.Err), p.Origin+": ")
	b.body.Rejected = append(b.body.Rejected, batchItem{Origin: p.Origin, Line: lineOf(p.Origin), Error: msg})
}

// lineOf is the line number at the end of an origin, "body:3", or 0.
func lineOf(origin string) int {
	if i := strings.LastIndexByte(origin, ':'); i >= 0 {
		if n, err := strconv.Atoi(origin[i+1:]); err == nil {
			return n
		}
	}
	return 0
}

// createBatch reads the whole body first, so that a body over the limit stores nothing, then
// stores its records with read.
func (s *Server) createBatch(c echo.Context, read func(b *batch, body []byte) error) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return fmt.Errorf("web: read batch: %w", err)
	}
	b := s.newBatch(c)
	if err := read(b, body); err != nil {
		return err
	}
	stored := len(b.body.Created) + len(b.body.Duplicates)
	switch {
	case stored == 0 && b.firstFail == nil:
		return report.Errorf(report.Invalid, "the body holds no reports")
	case stored == 0:
		status, msg := statusOf(c.Request(), b.firstFail)
		b.body.Error, b.body.RequestID = msg, requestIDOf(c)
		if n := len(b.body.Rejected); n > 1 {
			b.body.Error += fmt.Sprintf(" (and %d more rejected)", n-1)
		}
		return writeJSON(c, status, mimeJSON, b.body)
	case len(b.body.Rejected) > 0:
		return writeJSON(c, http.StatusMultiStatus, mimeJSON, b.body)
	}
	return writeJSON(c, http.StatusOK, mimeJSON, b.body)
}

// readParts stores the reports of the files of a multipart/form-data body; other fields are
// ignored. The whole body is parsed before anything is stored.
func (s *Server) readParts(b *batch, body []byte, boundary string) error {
	_, files, err := readMultipart(body, boundary)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := ingest.Read(b.ctx(), bytes.NewReader(f.data), f.name, f.contentType, s.ingestOptions(), b.emit, b.bad); err != nil {
			return err
		}
	}
	return nil
}

// upload is a file of a multipart/form-data body.
type upload struct {
	name, contentType string
	data              []byte
}

// readMultipart reads a whole multipart/form-data body: its fields, and its files in order.
// A file part without a file name (an empty file input) is neither.
func readMultipart(body []byte, boundary string) (url.Values, []upload, error) {
	fields := url.Values{}
	var files []upload
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if err == io.EOF && bytes.Contains(body, []byte("--"+boundary+"--")) {
			return fields, files, nil
		}
		if err != nil { // io.EOF before the closing boundary too: a body cut short in a part's header
			return nil, nil, echo.NewHTTPError(http.StatusBadRequest, "malformed multipart/form-data body")
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, nil, echo.NewHTTPError(http.StatusBadRequest, "malformed multipart/form-data body")
		}
		switch _, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition")); {
		case part.FileName() != "":
			files = append(files, upload{part.FileName(), part.Header.Get(echo.HeaderContentType), data})
		case !hasKey(params, "filename"):
			fields.Add(part.FormName(), string(data))
		}
	}
}

func hasKey(m map[string]string, k string) bool { _, ok := m[k]; return ok }
