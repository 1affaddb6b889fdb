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

// explore is GET /: the map, the timeline and the list of the events the query selects. An
// invalid filter keeps the page: its fields show their messages, the events are those of the
// rest of the filter, and the status is 400.
func (s *Server) explore(c echo.Context) error {
	q, bad := s.query.ParseAll(c.QueryParams())
	q.Limit, q.Offset = 0, 0
	f := q.Filter()
	f.Limit, f.Offset = pageSize, (q.Page-1)*pageSize
	q.Theme = "" // embeds only
	l := locale(c)
	v := views.Explore{
		Head:     views.Head{Title: l.T("Explore"), OEmbed: oembedLink(c)},
		Query:    q,
		Embed:    views.Embed{Snippet: iframe(baseURL(c), "/embed", q, embedWidth, embedHeight)},
		MapImage: mapImageURL("/map.svg", q, 1200, 460),
		Tiles:    s.tiles,
	}
	status := http.StatusOK
	if len(bad) > 0 {
		status = http.StatusBadRequest
		v.Head.Title = "400 " + l.T("Bad request") + " · " + v.Head.Title
		for _, e := range bad {
			v.Problems = append(v.Problems, views.FieldProblem{Param: e.Param, Value: e.Value, Message: report.ErrorMessage(e)})
		}
	}
	if q.Map != nil {
		v.View = q.Map.String()
	}
	mq := q
	mq.Page, mq.Map = 0, nil
	v.MapQuery = mq.Encode()
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
	v.Timeline.Total = v.Results.Total // the events, not the sum of the bars
	if bound != nil {
		v.Bound = viewquery.FormatBBox(*bound)
	}
	v.Download = download(q, v.Results.Total)
	v.Dots = v.Results.Total > s.dotsOver
	return render(c, status, views.ExplorePage(v))
}

// initialBound is the map's first view: the filter's box, else the extent of every event the
// filter selects, however far apart. Nil when nothing matches.
func (s *Server) initialBound(ctx context.Context, f report.EventFilter) (*orb.Bound, error) {
	if f.BBox != nil && !report.CrossesAntimeridian(*f.BBox) { // across the antimeridian: the events' extent
		return f.BBox, nil
	}
	cs, err := s.events.Clusters(ctx, f, 0) // the coarsest grid: its cells' extents cover every event
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	b := cs[0].Bound
	for _, c := range cs[1:] {
		b = b.Union(c.Bound)
	}
	return &b, nil
}

// download is the download menu of the view q, whose list holds total events: all of them, in
// every export format.
func download(q viewquery.Query, total int) views.Download {
	return views.Download{Total: total, Exports: exports(q)}
}
