package web

import (
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// pageSize is how many events a page of the list shows.
const pageSize = 50

// viewQuery reads the query string of a page or an embed, and the filter of its page of the list.
// Its links page by page: the API's limit and offset are dropped.
func (s *Server) viewQuery(c echo.Context) (viewquery.Query, report.EventFilter, error) {
	q, err := s.query.Parse(c.QueryParams())
	if err != nil {
		return q, report.EventFilter{}, err
	}
	q.Limit, q.Offset = 0, 0
	f := q.Filter()
	f.Limit, f.Offset = pageSize, (q.Page-1)*pageSize
	return q, f, nil
}

// results is the page of the event list that f selects; its links go to path.
func (s *Server) results(c echo.Context, path string, q viewquery.Query, f report.EventFilter) (views.Results, error) {
	page, err := s.events.QueryEvents(c.Request().Context(), f)
	if err != nil {
		return views.Results{}, err
	}
	r := views.Results{
		Total: page.Total, Page: q.Page, Pages: (page.Total + pageSize - 1) / pageSize,
		From: q.From, To: q.To,
		Filtered: !q.From.IsZero() || !q.To.IsZero() || q.Q != "" || q.Place != 0 || q.Country != "" ||
			q.Source != "" || q.Lang != "" || q.BBox != nil || f.PlaceID != 0,
	}
	for _, e := range page.Events {
		r.Events = append(r.Events, s.viewEvent(e, locale(c).Lang))
	}
	if q.Page > 1 {
		prev := q
		prev.Page--
		r.Prev = prev.URL(path)
	}
	if q.Page < r.Pages {
		next := q
		next.Page++
		r.Next = next.URL(path)
	}
	return r, nil
}

// viewEvent is an event as lists and popups show it, its sentence split around the name, its
// place named in the interface's language lang where that is known (countries).
func (s *Server) viewEvent(e report.Event, lang string) views.EventItem {
	name, _ := s.localName(e.Place, lang)
	v := views.EventItem{
		ReportID: e.ReportID, Title: e.Title, Source: e.Source, URL: e.URL,
		Date: e.Date, Name: name, Kind: string(e.Place.Kind()), PlaceID: e.Place.ID,
		Before: e.Sentence,
	}
	if 0 <= e.Start && e.Start < e.End && e.End <= len(e.Sentence) && utf8.ValidString(e.Sentence) {
		v.Before, v.Mark, v.After = e.Sentence[:e.Start], e.Sentence[e.Start:e.End], e.Sentence[e.End:]
	}
	return v
}
