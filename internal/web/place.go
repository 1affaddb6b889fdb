package web

import (
	"net/http"
	"strconv"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
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
	q, f, err := s.viewQuery(c)
	if err != nil {
		return err
	}
	// The page's own links keep the place in their path; the theme is embeds'.
	q.Place, q.Theme, f.PlaceID = 0, "", id
	path := c.Request().URL.Path
	p := ps.Place
	name, alt := s.localName(p, locale(c).Lang)
	v := views.PlacePage{
		Head: views.Head{Title: name, OEmbed: oembedLink(c)},
		ID:   id, Name: name, AltName: alt, Kind: string(p.Kind()), Country: p.CountryCode,
		GeoNamesURL: geoNamesURL(id), Count: ps.Count,
		Bound: viewquery.FormatBBox(orb.Point{p.Lon, p.Lat}.Bound().Pad(1)),
		Tiles: s.tiles,
		Query: q,
	}
	if p.Kind() == report.KindPlace { // GeoNames' own figure; other kinds' are sums of their towns
		v.Population = p.Population
	}
	v.Query.Place, v.Query.Page = id, 0
	v.Embed = views.Embed{Snippet: iframe(baseURL(c), "/embed", v.Query, embedWidth, embedHeight)}
	if !ps.From.IsZero() {
		v.From, v.To = report.FromTime(ps.From), report.FromTime(ps.To.AddDate(0, 0, -1))
	}
	if v.Timeline, err = s.timeline(c, path, q, f); err != nil {
		return err
	}
	if v.Results, err = s.results(c, path, q, f); err != nil {
		return err
	}
	v.Timeline.Total = v.Results.Total // the events, not the sum of the bars
	v.Download = download(v.Query, v.Results.Total)
	return render(c, http.StatusOK, views.Place(v))
}
