package web

import (
	"net/http"
	"strconv"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

// placePage is GET /places/:id: what was reported at the place over time, with its own timeline
// and list; the other filters of the query string apply too.
func (s *Server) placePage(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return report.Errorf(report.NotFound, "%q is not a GeoNames id", c.Param("id"))
	}
	ps, err := s.events.GetPlace(c.Request().Context(), id)
	if err != nil {
		return err
	}
	q, f, err := viewQuery(c)
	if err != nil {
		return err
	}
	q.Place, f.PlaceID = "", id // the page's own links keep the place in their path
	path := c.Request().URL.Path
	p := ps.Place
	v := views.PlacePage{
		Head: views.Head{Title: p.Name, OEmbed: oembedLink(c)},
		ID:   id, Name: p.Name, Kind: string(p.Kind()), Country: p.CountryCode,
		Population: p.Population, Count: ps.Count,
		Bound: boundString(orb.Point{p.Lon, p.Lat}.Bound().Pad(1)),
		Tiles: s.tiles,
		Query: placeQuery(q, id),
	}
	v.Query.Page = 0
	v.Embed = views.Embed{Snippet: iframe(baseURL(c), "/embed", v.Query, embedWidth, embedHeight)}
	if !ps.From.IsZero() {
		v.From, v.To = ps.From.Format("2006-01-02"), ps.To.AddDate(0, 0, -1).Format("2006-01-02")
	}
	if v.Timeline, err = s.timeline(c, path, q, f); err != nil {
		return err
	}
	if v.Results, err = s.results(c, path, q, f); err != nil {
		return err
	}
	return render(c, http.StatusOK, views.Place(v))
}
