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
// own without the stretches far from the rest (said in the caption); its bars link to path. Its
// Total is the caller's to set: the list's total for the same filter.
func (s *Server) timeline(c echo.Context, path string, q viewquery.Query, f report.EventFilter) (views.Timeline, error) {
	f.Limit, f.Offset = 0, 0
	from, to := f.From, f.To
	var bins []report.Bin
	var off []views.OffAxis
	coarse := false // bins are months, the size drawn
	if from.IsZero() || to.IsZero() {
		// An open range is the events' own: their bins give it, then the size of its bins. Months
		// first: over a long range they are the bins drawn, and one read of the store is enough.
		var err error
		if bins, err = s.events.Histogram(c.Request().Context(), f, report.BinMonth); err != nil {
			return views.Timeline{}, err
		}
		kept, drop := axisBins(bins, report.BinMonth, from.IsZero(), to.IsZero())
		if len(kept) > 0 && kept[len(kept)-1].Start.Sub(kept[0].Start) > 610*24*time.Hour { // months, whatever the days
			coarse = true
		} else if bins, err = s.events.Histogram(c.Request().Context(), f, report.BinDay); err != nil {
			return views.Timeline{}, err
		} else {
			kept, drop = axisBins(bins, report.BinDay, from.IsZero(), to.IsZero())
		}
		if coarse && from.IsZero() {
			from = kept[0].Start
		}
		if coarse && to.IsZero() {
			to = report.BinMonth.Next(kept[len(kept)-1].Start)
		}
		bins = kept
		for _, d := range drop {
			if d[0].IsZero() {
				continue
			}
			oq := q
			oq.From, oq.To, oq.Page = report.FromTime(d[0]), report.FromTime(d[1].AddDate(0, 0, -1)), 0
			off = append(off, views.OffAxis{From: d[0], Last: d[1].AddDate(0, 0, -1), Href: oq.URL(path)})
		}
	}
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
	// Bins of the size drawn, counted by the store: an event counts once in each bin its date
	// meets, so summing day bins into weeks would count a month-dated event in each of its days.
	size := binSize(from, to)
	switch {
	case coarse && size == report.BinMonth:
		// The months read: an event off the axis counts in no bar of it (NewTimeline leaves its bins out).
	case bins == nil || size != report.BinDay || len(off) > 0 || coarse:
		hf := f
		if len(off) > 0 { // only the axis: an event off it and on it counts in the bars it meets
			hf.From, hf.To = from, to
		}
		var err error
		if bins, err = s.events.Histogram(c.Request().Context(), hf, size); err != nil {
			return views.Timeline{}, err
		}
	}
	q.Page = 0
	t := views.NewTimeline(path, q, from, to, size, bins)
	t.OffAxis = off
	return t, nil
}

// axisBins leaves out of bins of size (days or months), on the sides open (before, after), the
// stretches of bins far from the rest: a stretch whose gap to the rest is longer than the rest and whose peak is a
// quarter of the rest's at most, or its events a tenth. One sentence dated "2014" among events of
// 2017 would otherwise leave them two bars at the edge. It returns the bins kept and the
// stretches left out, [first day, day after), zero when none.
func axisBins(bins []report.Bin, size report.BinSize, before, after bool) ([]report.Bin, [2][2]time.Time) {
	apart := 7 * 24 * time.Hour // bins further apart start another stretch
	if size == report.BinMonth {
		apart = 62 * 24 * time.Hour
	}
	var drop [2][2]time.Time
	type stretch struct{ i, j, peak, sum int } // bins[i:j]
	var ss []stretch
	for k, b := range bins {
		if len(ss) == 0 || b.Start.Sub(bins[k-1].Start) > apart {
			ss = append(ss, stretch{i: k})
		}
		st := &ss[len(ss)-1]
		st.j, st.peak, st.sum = k+1, max(st.peak, b.Count), st.sum+b.Count
	}
	far := func(out stretch, rest []stretch, gap time.Duration) bool {
		span := size.Next(bins[rest[len(rest)-1].j-1].Start).Sub(bins[rest[0].i].Start)
		peak, sum := 0, 0
		for _, r := range rest {
			peak, sum = max(peak, r.peak), sum+r.sum
		}
		return gap > span && (out.peak*4 <= peak || out.sum*10 <= sum)
	}
	lo, hi := 0, len(ss) // the stretches kept: ss[lo:hi]
	for before && hi-lo > 1 && far(ss[lo], ss[lo+1:hi], bins[ss[lo+1].i].Start.Sub(bins[ss[lo].j-1].Start)) {
		lo++
	}
	for after && hi-lo > 1 && far(ss[hi-1], ss[lo:hi-1], bins[ss[hi-1].i].Start.Sub(bins[ss[hi-2].j-1].Start)) {
		hi--
	}
	if lo > 0 {
		drop[0] = [2]time.Time{bins[0].Start, size.Next(bins[ss[lo-1].j-1].Start)}
	}
	if hi < len(ss) {
		drop[1] = [2]time.Time{bins[ss[hi].i].Start, size.Next(bins[len(bins)-1].Start)}
	}
	if len(ss) == 0 {
		return bins, drop
	}
	return bins[ss[lo].i:ss[hi-1].j], drop
}
