package web

import (
	"mime"
	"net/http"
	"time"

	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/labstack/echo/v4"
)

// geoparseText is POST /api/geoparse: the report of the body (JSON {"text", "date", "lang", ...} or
// {"url"}, plain text or an HTML article, as POST /api/reports reads one) geoparsed and dated, and
// answered as the FeatureCollection `dateline geoparse` writes; nothing is stored. The limits and
// errors are ingest's.
func (s *Server) geoparseText(c echo.Context) error {
	mt, ct := "", c.Request().Header.Get(echo.HeaderContentType)
	if ct != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			return report.Errorf(report.Unsupported, "content type %q cannot be read: send application/json, text/plain or text/html", ct)
		}
		switch mt {
		case "application/json", "text/plain", "text/html", "application/xhtml+xml":
		default:
			return report.Errorf(report.Unsupported, "content type %q is not accepted: send application/json, text/plain or text/html", mt)
		}
	}
	item, err := s.readOne(c, mt, ct)
	if err != nil {
		return err
	}
	r := s.intake.Analyse(item)
	if _, err := report.Prepare(&r, time.Now()); err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, mimeGeoJSON, geoparse.FeatureCollection(r.Text, r.Mentions))
}
