package web

import (
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// binSize chooses the histogram's bins from the length of the range: days up to three months,
// weeks up to a year and a half, months beyond.
func binSize(from, to time.Time) report.BinSize {
	switch days := to.Sub(from).Hours() / 24; {
	case days <= 92:
		return report.BinDay
	case days <= 548:
		return report.BinWeek
	}
	return report.BinMonth
}

// timeline is the histogram of the events f selects, over f's range or, when open, the events'
// own; its bars link to path.
func (s *Server) timeline(c echo.Context, path string, q viewquery.Query, f report.EventFilter) (views.Timeline, error) {
	f.Limit, f.Offset = 0, 0
	bins, err := s.events.Histogram(c.Request().Context(), f, report.BinDay)
	if err != nil {
		return views.Timeline{}, err
	}
	from, to := f.From, f.To
	if from.IsZero() {
		switch {
		case len(bins) > 0:
			from = bins[0].Start
		case !to.IsZero():
			from = to.AddDate(0, 0, -30)
		default:
			from = time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -29)
		}
	}
	if to.IsZero() {
		to = from.AddDate(0, 0, 30)
		if len(bins) > 0 {
			to = bins[len(bins)-1].Start.AddDate(0, 0, 1)
		}
	}
	if !to.After(from) {
		to = from.AddDate(0, 0, 1)
	}
	q.Page = 0
	return views.NewTimeline(path, q, from, to, binSize(from, to), bins), nil
}
