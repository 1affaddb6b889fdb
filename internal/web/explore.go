package web

import (
	"context"
	"net/http"
	"sync"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

// explore is GET /: the map, the timeline and the list of the events the query selects.
func (s *Server) explore(c echo.Context) error {
	q, f, err := viewQuery(c)
	if err != nil {
		return err
	}
	q.Theme = "" // embeds only
	v := views.Explore{
		Head:     views.Head{Title: locale(c).T("Explore"), OEmbed: oembedLink(c)},
		Query:    q,
		Embed:    views.Embed{Snippet: iframe(baseURL(c), "/embed", q, embedWidth, embedHeight)},
		MapImage: mapImageURL("/map.svg", q, 1200, 460),
		Tiles:    s.tiles,
	}
	// The timeline, the list and the map's view are three independent reads: at once, on the
	// store's reader connections, the page takes as long as the slowest.
	var wg sync.WaitGroup
	var errs [3]error
	var bound *orb.Bound
	wg.Go(func() { v.Timeline, errs[0] = s.timeline(c, "/", q, f) })
	wg.Go(func() { v.Results, errs[1] = s.results(c, "/", q, f) })
	wg.Go(func() { bound, errs[2] = s.initialBound(c.Request().Context(), f) })
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if bound != nil {
		v.Bound = viewquery.FormatBBox(*bound)
	}
	return render(c, http.StatusOK, views.ExplorePage(v))
}

// initialBound is the map's first view: the filter's box, else the extent of the coarse grid
// cells that hold at least a tenth as many events as the fullest, so that one far-away event does
// not zoom the map out to the world. Nil when nothing matches.
func (s *Server) initialBound(ctx context.Context, f report.EventFilter) (*orb.Bound, error) {
	if f.BBox != nil {
		return f.BBox, nil
	}
	cs, err := s.events.Clusters(ctx, f, 3)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	most := 0
	for _, c := range cs {
		most = max(most, c.Count)
	}
	var b *orb.Bound
	for _, c := range cs {
		switch {
		case c.Count*10 < most:
		case b == nil:
			b = &c.Bound
		default:
			u := b.Union(c.Bound)
			b = &u
		}
	}
	return b, nil
}
