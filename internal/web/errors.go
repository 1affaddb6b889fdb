package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// errorBody is the JSON of an error.
type errorBody struct {
	Error     string `json:"error"`
	RequestID string `json:"request_id"`
}

// handleError is the server's only HTTPErrorHandler. It sends the status of the error's kind and its
// message for users: JSON on /api routes, an HTML page elsewhere, in the language of the
// interface. A 5xx says "internal error" and the request id; logRequests logs the real error.
// A HEAD gets the same headers, and net/http drops the body.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, msg := userError(c.Request(), err)
	id := requestIDOf(c)
	var werr error
	switch {
	case wantsJSON(c.Request().URL.Path):
		werr = writeJSON(c, status, mimeJSON, errorBody{Error: msg.String(), RequestID: id})
	default:
		werr = render(c, status, views.ErrorView(views.ErrorPage{Status: status, Message: msg.In(locale(c)), RequestID: id}))
	}
	if werr != nil {
		s.log.Error("web: write error response", "id", id, "error", werr)
	}
}

// wantsJSON reports whether the route at path answers JSON, errors included: the API, the
// GeoJSON twins of the pages, oEmbed and the health check.
func wantsJSON(path string) bool {
	return strings.HasPrefix(path+"/", "/api/") || strings.HasSuffix(path, ".geojson") || strings.HasPrefix(path, "/export/") || strings.HasPrefix(path, "/tiles/") || strings.HasPrefix(path+"/", "/ogc/") ||
		path == "/oembed" || path == "/healthz" || strings.HasPrefix(path, "/basemap/")
}

// message is a message for users: a format of the views' catalogue and its arguments. The
// messages of domain errors are "%s" and their text, which stays as it is.
type message struct {
	format string
	args   []any
}

func (m message) String() string { return fmt.Sprintf(m.format, m.args...) }

// In is the message in the locale l.
func (m message) In(l views.Locale) string { return l.Tf(m.format, m.args...) }

func text(s string) message { return message{"%s", []any{s}} }

// statusOf returns the status and the message for users of err, in English.
func statusOf(req *http.Request, err error) (int, string) {
	status, msg := userError(req, err)
	return status, msg.String()
}

// userError returns the status and the message for users of err. An invalid request body is
// 422, an invalid query or path 400.
func userError(req *http.Request, err error) (int, message) {
	var he *echo.HTTPError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		msg, _ := he.Message.(string)
		switch {
		case he.Code >= 500 && he.Code != http.StatusNotImplemented && he.Code != http.StatusServiceUnavailable: // 501 and 503 say why
			return he.Code, message{format: "internal error"}
		case he == echo.ErrNotFound:
			return he.Code, message{"nothing at %s", []any{req.URL.Path}}
		case he == echo.ErrMethodNotAllowed:
			return he.Code, message{"%s is not allowed on %s", []any{req.Method, req.URL.Path}}
		case msg == "":
			msg = http.StatusText(he.Code)
		}
		return he.Code, text(msg)
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, message{"the request body is larger than the %d-byte limit", []any{tooLarge.Limit}}
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, message{format: "the query took longer than this server allows: narrow it"}
	}
	switch report.ErrorKind(err) {
	case report.Invalid:
		if req.Method == http.MethodPost || req.Method == http.MethodPut || req.Method == http.MethodPatch {
			return http.StatusUnprocessableEntity, text(report.ErrorMessage(err))
		}
		return http.StatusBadRequest, text(report.ErrorMessage(err))
	case report.NotFound:
		return http.StatusNotFound, text(report.ErrorMessage(err))
	case report.Conflict:
		return http.StatusConflict, text(report.ErrorMessage(err))
	case report.TooLarge:
		return http.StatusRequestEntityTooLarge, text(report.ErrorMessage(err))
	case report.Unsupported:
		return http.StatusUnsupportedMediaType, text(report.ErrorMessage(err))
	}
	return http.StatusInternalServerError, message{format: "internal error"}
}
