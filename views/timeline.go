package views

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
)

// Timeline is the histogram of events over a date range, laid out for an SVG of Width x Height,
// drawn at any width (the SVG stretches); its tick labels are HTML text beside it, so that they
// keep their size on a phone. Bars and ticks are in SVG units; X0..X1 spans From..To.
type Timeline struct {
	From, To time.Time // the domain: the first day and the day after the last
	Size     report.BinSize
	// Total is the number of events the filter selects, the list's total, which the page sets: an
	// event dated "October 2017" counts in each bar it meets, so the bars do not add up to it.
	Total         int
	Max           int
	Bars          []Bar
	Ticks         []Tick
	Width, Height float64
	PlotHeight    float64
	X0, X1        float64
	// OffAxis are the dates of events the axis leaves out, far from the rest (an open range only).
	OffAxis []OffAxis
}

// OffAxis is a stretch of dates, away from the rest, whose events the axis does not show; Href
// filters the page to them.
type OffAxis struct {
	From, Last time.Time
	Href       string
}

// Bar is one bin. Href filters the page to it.
type Bar struct {
	X, Y, W, H float64
	Start      time.Time // its first day
	Last       time.Time // its last day
	Count      int
	Href       string
}

// Tick is a line of the time axis and its label: a month (with its year when WithYear), or a
// year when Year, or the day of Date. Level says where the label shows: LabelAlways, LabelWide
// (on wide screens only), or LabelNone, chosen so that labels never overlap nor pass the edge.
type Tick struct {
	X         float64
	Date      time.Time
	Year, Day bool
	WithYear  bool
	Level     int
}

// The levels of tick labels.
const (
	LabelAlways = iota // fits at 340 px
	LabelWide          // fits at 860 px; hidden below 900 px
	LabelNone
)

// Pct is the tick's place, in percent of the timeline's width.
func (t Timeline) Pct(tk Tick) string {
	return strconv.FormatFloat(tk.X/t.Width*100, 'f', 2, 64)
}

// NewTimeline lays out bins of size over [from, to): every bin of the range has a bar, empty ones
// a thin one, so that the axis is linear. Bins outside the range are left out. Each bar links to
// path with q's filters and the bar's dates.
func NewTimeline(path string, q viewquery.Query, from, to time.Time, size report.BinSize, bins []report.Bin) Timeline {
	t := Timeline{Size: size, Width: 1000, Height: 130, PlotHeight: 100, X0: 4, X1: 996}
	start := size.Floor(from)
	end := size.Floor(to.Add(-time.Nanosecond))
	end = size.Next(end)
	t.From, t.To = start, end
	counts := map[time.Time]int{}
	for _, b := range bins { // bins of size, each event counted in every bin it meets
		counts[size.Floor(b.Start)] += b.Count
	}
	var starts []time.Time
	for d := start; d.Before(end) && len(starts) < 2000; d = size.Next(d) {
		starts = append(starts, d)
		t.Max = max(t.Max, counts[d])
	}
	span := end.Sub(start).Seconds()
	x := func(d time.Time) float64 { return t.X0 + d.Sub(start).Seconds()/span*(t.X1-t.X0) }
	for _, d := range starts {
		n, last := counts[d], size.Next(d).AddDate(0, 0, -1)
		b := Bar{
			X: x(d) + 0.5, W: max(x(size.Next(d))-x(d)-1, 0.5),
			Start: d, Last: last, Count: n,
		}
		b.H = 1
		if t.Max > 0 && n > 0 {
			b.H = max(2, float64(n)/float64(t.Max)*(t.PlotHeight-4))
		}
		b.Y = t.PlotHeight - b.H
		bq := q
		bq.From, bq.To, bq.Page = report.FromTime(d), report.FromTime(last), 0
		b.Href = bq.URL(path)
		t.Bars = append(t.Bars, b)
	}
	first := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	months := (end.Year()-first.Year())*12 + int(end.Month()) - int(first.Month()) // month starts before end
	if end.After(time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, time.UTC)) {
		months++
	}
	for d := first; d.Before(end); d = d.AddDate(0, 1, 0) {
		td := d
		if td.Before(start) {
			td = start // the first tick is the range's start, not the start of its month
		}
		switch {
		case months <= 24:
			t.Ticks = append(t.Ticks, Tick{X: x(td), Date: td, WithYear: td.Equal(start) || td.Month() == time.January})
		case td.Month() == time.January || td.Equal(start):
			t.Ticks = append(t.Ticks, Tick{X: x(td), Date: td, Year: true})
		}
	}
	if size == report.BinDay && len(starts) <= 62 {
		for _, d := range starts {
			if wd := d.Weekday(); wd == time.Monday && d.Day() > 3 { // not on the month's label
				t.Ticks = append(t.Ticks, Tick{X: x(d), Date: d, Day: true})
			}
		}
	}
	t.levels()
	return t
}

// LabelChars is the width of the tick's label in characters, as levels estimates it at 12 px.
func (tk Tick) LabelChars() float64 {
	switch {
	case tk.Day:
		return 2
	case tk.Year:
		return 4
	case tk.WithYear:
		return 9
	}
	return 5
}

// levels chooses which tick labels show at which width: the first tick's, then years and months
// with their year, then months, then days, each only where it overlaps no label already kept and
// ends before the right edge. A label's width is estimated from its characters at 12 px.
func (t *Timeline) levels() {
	rank := func(i int) int {
		tk := t.Ticks[i]
		switch {
		case i == 0:
			return 0
		case tk.Year || tk.WithYear:
			return 1
		case tk.Day:
			return 3
		}
		return 2
	}
	order := make([]int, len(t.Ticks))
	for i := range order {
		order[i] = i
		t.Ticks[i].Level = LabelNone
	}
	slices.SortStableFunc(order, func(a, b int) int { return rank(a) - rank(b) })
	for level, px := range []float64{340, 860} {
		span := func(tk Tick) [2]float64 {
			a := tk.X / t.Width * px
			return [2]float64{a, a + 3 + tk.LabelChars()*7.5 + 6} // the padding, the text, a gap
		}
		var kept [][2]float64
		for _, tk := range t.Ticks { // those of narrower screens show here too
			if tk.Level < level {
				kept = append(kept, span(tk))
			}
		}
	next:
		for _, i := range order {
			tk := &t.Ticks[i]
			if tk.Level <= level {
				continue
			}
			s := span(*tk)
			if s[1] > px {
				continue
			}
			for _, k := range kept {
				if s[0] < k[1] && k[0] < s[1] {
					continue next
				}
			}
			kept = append(kept, s)
			tk.Level = level
		}
	}
}

// barLabel is a bar's dates and count: "Mon 16 Oct 2017: 5 events", in the locale of ctx.
func barLabel(ctx context.Context, size report.BinSize, b Bar) string {
	l := LocaleOf(ctx)
	var when string
	switch size {
	case report.BinWeek:
		when = l.Tf("week of %s", l.shortDate(b.Start))
	case report.BinMonth:
		when = l.month(b.Start)
	default:
		when = l.shortDay(b.Start)
	}
	return l.Tf("%s: %s", when, l.Events(b.Count))
}

// tickLabel is the text of a tick of the time axis.
func tickLabel(ctx context.Context, tk Tick) string {
	switch {
	case tk.Day:
		return strconv.Itoa(tk.Date.Day())
	case tk.Year:
		return strconv.Itoa(tk.Date.Year())
	case tk.WithYear:
		return LocaleOf(ctx).shortMonth(tk.Date)
	}
	return LocaleOf(ctx).monthOnly(tk.Date)
}

// timelineLabel names the histogram for assistive technologies.
func timelineLabel(ctx context.Context, t Timeline) string {
	l := LocaleOf(ctx)
	return l.Tf("Events per %s from %s to the day before %s", l.T(string(t.Size)), l.day(t.From), l.day(t.To))
}

// timelineCaption says what the histogram counts.
func timelineCaption(ctx context.Context, t Timeline) string {
	l := LocaleOf(ctx)
	return l.Tf("%s; bars per %s, %s to %s (excluded).", l.Events(t.Total), l.T(string(t.Size)), l.day(t.From), l.day(t.To))
}

// offAxisLabel says which dates the axis leaves out: "Off the axis: events of 1 January 2014 to
// 31 December 2014,".
func offAxisLabel(ctx context.Context, o OffAxis) string {
	l := LocaleOf(ctx)
	return l.Tf("Off the axis: events of %s to %s,", l.day(o.From), l.day(o.Last))
}

// isoDay writes the day of t as an ISO date, for data attributes.
func isoDay(t time.Time) string { return t.Format(time.DateOnly) }

// num formats an SVG coordinate.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
