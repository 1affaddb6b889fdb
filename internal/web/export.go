package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/datelinehq/dateline/internal/export"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// exportEvents is GET /export/events.{geojson,geojsonl,csv,kml}?<the view's query>: every event of
// the view, streamed as a file (see internal/export) in the order of the list; limit, when given,
// keeps the first events. Bad parameters are a 400 before anything is written; a failure afterwards
// cuts the file short, and is logged.
func (s *Server) exportEvents(c echo.Context) error {
	format, err := export.ParseFormat(c.Param("format"))
	if err != nil {
		return err
	}
	q, err := s.query.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	f := q.Filter()
	limit := f.Limit
	f.Limit, f.Offset = 0, 0
	if err := f.Normalize(); err != nil {
		return err
	}
	select {
	case s.exports <- struct{}{}:
		defer func() { <-s.exports }()
	default:
		c.Response().Header().Set("Retry-After", "5")
		return echo.NewHTTPError(http.StatusServiceUnavailable, fmt.Sprintf("%d exports are being streamed: try again in a few seconds", cap(s.exports)))
	}
	// Not the GETs' deadline (--read-deadline, 20 s): an export of a million events takes about as
	// long. It ends when the client stops reading (a write fails) or at the server's WriteTimeout.
	ctx, cancel := context.WithCancel(context.WithoutCancel(c.Request().Context()))
	defer cancel()
	stream := s.events.Events(ctx, f, report.EventKey{})
	if limit > 0 {
		all := stream
		stream = func(yield func(report.Event, error) bool) {
			n := 0
			for e, err := range all {
				if !yield(e, err) || err != nil {
					return
				}
				if n++; n == limit {
					return
				}
			}
		}
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, format.ContentType())
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="dateline-events.%s"`, format))
	h.Set("Access-Control-Allow-Origin", "*")
	c.Response().WriteHeader(http.StatusOK)
	n, err := export.Write(c.Response(), format, stream)
	if err != nil {
		return fmt.Errorf("web: export %s cut short after %d events: %w", format, n, err)
	}
	return nil
}

// exports are the export links of the view q, in every format.
func exports(q viewquery.Query) []views.Export {
	q.Page, q.Theme, q.UI, q.Map, q.Offset, q.Limit = 0, "", "", nil, 0, 0
	var es []views.Export
	for _, f := range export.Formats {
		es = append(es, views.Export{Label: f.Label(), URL: q.URL("/export/events." + string(f)), File: "dateline-events." + string(f), Type: f.ContentType()})
	}
	return es
}
