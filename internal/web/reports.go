package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// ReportStore stores reports; CreateReport never stores the same content, or the same non-empty
// idempotency key, twice: it returns the stored report and false instead. CorrectMention stores a
// user's choice of place for a mention (nil: not a place).
type ReportStore interface {
	CorrectMention(ctx context.Context, reportID string, mentionID int64, place *report.Place) error
	CreateReport(ctx context.Context, r *report.Report, idempotencyKey string) (*report.Report, bool, error)
	GetReport(ctx context.Context, id string) (*report.Report, error)
	ListReports(ctx context.Context, f report.ReportFilter) (report.ReportList, error)
	DeleteReport(ctx context.Context, id string) error
	AddMention(ctx context.Context, reportID string, start, end int, place report.Place) (report.Mention, error)
}

// reportBody is the JSON of one report: its fields, and its mentions as a GeoJSON FeatureCollection.
type reportBody struct {
	ID      string                                                 `json:"id"`
	Report  report.Report                                          `json:"report"`
	GeoJSON *geojson.FeatureCollectionOf[report.FeatureProperties] `json:"geojson"`
}

func newReportBody(r *report.Report) reportBody {
	places := make([]report.Mention, 0, len(r.Mentions))
	for _, m := range r.Mentions {
		if !m.NotAPlace {
			places = append(places, m)
		}
	}
	body := reportBody{ID: r.ID, Report: *r, GeoJSON: geoparse.FeatureCollection(r.Text, places)}
	body.Report.Mentions = nil // they are the features
	return body
}

// getReport is GET /api/reports/:id: the report and its places; with f=geojson, the FeatureCollection
// of its places alone, as a GeoJSON file (the report page's download).
func (s *Server) getReport(c echo.Context) error {
	f := c.QueryParam("f")
	if f != "" && f != "json" && f != "geojson" {
		return echo.NewHTTPError(http.StatusBadRequest, fmt.Sprintf("f=%q: give json or geojson", f))
	}
	r, err := s.reports.GetReport(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	body := newReportBody(r)
	if f == "geojson" {
		return writeJSON(c, http.StatusOK, mimeGeoJSON, body.GeoJSON)
	}
	return writeJSON(c, http.StatusOK, mimeJSON, body)
}

// deleteReport is DELETE /api/reports/:id.
func (s *Server) deleteReport(c echo.Context) error {
	if err := s.reports.DeleteReport(c.Request().Context(), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// listReports is GET /api/reports?from=&to=&limit=&cursor=: a page of reports, newest first,
// without their mentions; next is the cursor of the following page.
func (s *Server) listReports(c echo.Context) error {
	f, err := viewquery.ReportFilter(c.QueryParams())
	if err != nil {
		return err
	}
	page, err := s.reports.ListReports(c.Request().Context(), f)
	if err != nil {
		return err
	}
	if page.Reports == nil {
		page.Reports = []report.Report{}
	}
	return writeJSON(c, http.StatusOK, mimeJSON, page)
}
