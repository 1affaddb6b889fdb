package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/labstack/echo/v4"
)

// errorBody is the JSON of an error.
type errorBody struct {
	Error     string `json:"error"`
	RequestID string `json:"request_id"`
}

// handleError is the server's only HTTPErrorHandler. It sends the status of the error's kind and its
// message for users: JSON on /api routes, a small HTML page elsewhere. A 5xx says "internal error"
// and the request id; logRequests logs the real error.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, msg := statusOf(c.Request(), err)
	body := errorBody{Error: msg, RequestID: requestIDOf(c)}
	var werr error
	switch {
	case c.Request().Method == http.MethodHead:
		werr = c.NoContent(status)
	case wantsJSON(c.Request().URL.Path):
		werr = writeJSON(c, status, mimeJSON, body)
	default:
		var buf bytes.Buffer
		if werr = s.errorPage.Execute(&buf, struct {
			Status int
			Title  string
			errorBody
		}{status, http.StatusText(status), body}); werr == nil {
			werr = c.HTMLBlob(status, buf.Bytes())
		}
	}
	if werr != nil {
		s.log.Error("web: write error response", "id", body.RequestID, "error", werr)
	}
}

// wantsJSON reports whether the route at path answers JSON, errors included: the API, the
// GeoJSON twins of the pages, oEmbed and the health check.
func wantsJSON(path string) bool {
	return strings.HasPrefix(path+"/", "/api/") || strings.HasSuffix(path, ".geojson") ||
		path == "/oembed" || path == "/healthz" || strings.HasPrefix(path, "/basemap/")
}

// statusOf returns the status and the message for users of err. An invalid request body is 422,
// an invalid query or path 400.
func statusOf(req *http.Request, err error) (int, string) {
	var he *echo.HTTPError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		msg, _ := he.Message.(string)
		switch {
		case he.Code >= 500 && he.Code != http.StatusNotImplemented: // 501 says what is not implemented
			msg = "internal error"
		case he == echo.ErrNotFound:
			msg = "nothing at " + req.URL.Path
		case he == echo.ErrMethodNotAllowed:
			msg = req.Method + " is not allowed on " + req.URL.Path
		case msg == "":
			msg = http.StatusText(he.Code)
		}
		return he.Code, msg
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("the request body is larger than the %d-byte limit", tooLarge.Limit)
	}
	switch report.ErrorKind(err) {
	case report.Invalid:
		if req.Method == http.MethodPost || req.Method == http.MethodPut || req.Method == http.MethodPatch {
			return http.StatusUnprocessableEntity, report.ErrorMessage(err)
		}
		return http.StatusBadRequest, report.ErrorMessage(err)
	case report.NotFound:
		return http.StatusNotFound, report.ErrorMessage(err)
	case report.Conflict:
		return http.StatusConflict, report.ErrorMessage(err)
	case report.TooLarge:
		return http.StatusRequestEntityTooLarge, report.ErrorMessage(err)
	case report.Unsupport:
		return http.StatusUnsupportedMediaType, report.ErrorMessage(err)
	}
	return http.StatusInternalServerError, "internal error"
}

const errorPageHTML = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>{{.Status}} {{.Title}} · Dateline</title>
<h1>{{.Title}}</h1>
<p>{{.Error}}</p>
{{if .RequestID}}<p><small>Request id: <code>{{.RequestID}}</code></small></p>{{end}}
<p><a href="/">Dateline</a></p>
`
