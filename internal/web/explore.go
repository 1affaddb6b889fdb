package web

import (
	"context"
	"net/http"
	"sync"
	"time"

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
	all := f.SelectsAll()
	if all {
		if b, ok := s.allBound.get(s.writes.Load()); ok {
			return b, nil
		}
	}
	gen := s.writes.Load()
	cs, err := s.events.Clusters(ctx, f, 0) // the coarsest grid: its cells' extents cover every event
	if err != nil {
		return nil, err
	}
	var b *orb.Bound
	if len(cs) > 0 {
		u := cs[0].Bound
		for _, c := range cs[1:] {
			u = u.Union(c.Bound)
		}
		b = &u
	}
	if all {
		s.allBound.set(gen, b)
	}
	return b, nil
}

// boundCacheAge is how long the first view of all events is kept: writes through this server
// renew it at once, those of other servers over the same database (and the feed follower) within it.
const boundCacheAge = 10 * time.Second

// boundCache keeps the first view of all events, which every unfiltered explore page and embed
// needs and which reads a row per place of the store, until a write or boundCacheAge.
type boundCache struct {
	mu  sync.Mutex
	gen int64 // Server.writes when it was read
	at  time.Time
	ok  bool
	b   *orb.Bound
}

// get is the kept view when it was read at the writes count gen and is recent.
func (c *boundCache) get(gen int64) (*orb.Bound, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ok || c.gen != gen || time.Since(c.at) > boundCacheAge {
		return nil, false
	}
	if c.b == nil {
		return nil, true
	}
	b := *c.b
	return &b, true
}

// set keeps b, read at the writes count gen.
func (c *boundCache) set(gen int64, b *orb.Bound) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen, c.at, c.ok, c.b = gen, time.Now(), true, b
}

// download is the download menu of the view q, whose list holds total events: all of them, in
// every export format.
func download(q viewquery.Query, total int) views.Download {
	return views.Download{Total: total, Exports: exports(q)}
}
