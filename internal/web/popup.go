package web

import (
	"net/http"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// popup is GET /popup?place=ID&...: the HTML a marker's popup shows, the first events the query
// selects at the place, with their sentences.
func (s *Server) popup(c echo.Context) error {
	q, f, err := s.viewQuery(c)
	if err != nil {
		return err
	}
	if f.PlaceID == 0 {
		return report.Errorf(report.Invalid, "place is required")
	}
	f.Limit, f.Offset = popupEvents, 0
	page, err := s.events.QueryEvents(c.Request().Context(), f)
	if err != nil {
		return err
	}
	if page.Total == 0 {
		return report.Errorf(report.NotFound, "no events at place %d", f.PlaceID)
	}
	p := views.Popup{PlaceID: f.PlaceID, Total: page.Total}
	p.Name, p.AltName = s.localName(page.Events[0].Place, locale(c).Lang)
	for _, e := range page.Events {
		p.Events = append(p.Events, s.viewEvent(e, locale(c).Lang))
	}
	if page.Total > len(page.Events) {
		q.Page, q.Theme = 0, ""
		p.More = q.URL("/")
	}
	return render(c, http.StatusOK, views.PopupContent(p))
}

// popupEvents is how many events a marker's popup lists.
const popupEvents = 10
