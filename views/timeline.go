package views

import (
	"context"
	"strconv"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
)

// Timeline is the histogram of events over a date range, laid out for an SVG of Width x Height.
// Bars and ticks are in SVG units; X0..X1 spans From..To.
type Timeline struct {
	From, To      time.Time // the domain: the first day and the day after the last
	Size          report.BinSize
	Total, Max    int
	Bars          []Bar
	Ticks         []Tick
	Width, Height float64
	PlotHeight    float64
	X0, X1        float64
}

// Bar is one bin. Href filters the page to it.
type Bar struct {
	X, Y, W, H float64
	Start      time.Time // its first day
	Last       time.Time // its last day
	Count      int
	Href       string
}

// Tick is a label of the time axis: a month, or a year when Year, or the day of Date.
type Tick struct {
	X         float64
	Date      time.Time
	Year, Day bool
}

// NewTimeline lays out bins of size over [from, to): every bin of the range has a bar, empty ones
// a thin one, so that the axis is linear. Bins outside the range are left out. Each bar links to
// path with q's filters and the bar's dates.
func NewTimeline(path string, q viewquery.Query, from, to time.Time, size report.BinSize, bins []report.Bin) Timeline {
	t := Timeline{Size: size, Width: 1000, Height: 130, PlotHeight: 100, X0: 4, X1: 996}
	start := size.Floor(from)
	end := size.Floor(to.Add(-time.Nanosecond))
	end = next(size, end)
	t.From, t.To = start, end
	counts := map[time.Time]int{}
	for _, b := range bins { // events that began before the range overlap it: they count in its first bin
		k := size.Floor(b.Start)
		if k.Before(start) {
			k = start
		}
		counts[k] += b.Count
	}
	var starts []time.Time
	for d := start; d.Before(end) && len(starts) < 2000; d = next(size, d) {
		starts = append(starts, d)
		n := counts[d]
		t.Total += n
		t.Max = max(t.Max, n)
	}
	span := end.Sub(start).Seconds()
	x := func(d time.Time) float64 { return t.X0 + d.Sub(start).Seconds()/span*(t.X1-t.X0) }
	for _, d := range starts {
		n, last := counts[d], next(size, d).AddDate(0, 0, -1)
		b := Bar{
			X: x(d) + 0.5, W: max(x(next(size, d))-x(d)-1, 0.5),
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
			t.Ticks = append(t.Ticks, Tick{X: x(td), Date: td})
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
	return t
}

func next(size report.BinSize, d time.Time) time.Time {
	switch size {
	case report.BinWeek:
		return d.AddDate(0, 0, 7)
	case report.BinMonth:
		return d.AddDate(0, 1, 0)
	}
	return d.AddDate(0, 0, 1)
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
	}
	return LocaleOf(ctx).shortMonth(tk.Date)
}

// timelineLabel names the histogram for assistive technologies.
func timelineLabel(ctx context.Context, t Timeline) string {
	l := LocaleOf(ctx)
	return l.Tf("Events per %s from %s to the day before %s", l.T(string(t.Size)), l.day(t.From), l.day(t.To))
}

// timelineCaption says what the histogram counts.
func timelineCaption(ctx context.Context, t Timeline) string {
	l := LocaleOf(ctx)
	return l.Tf("%s per %s, %s to %s (excluded).", l.Events(t.Total), l.T(string(t.Size)), l.day(t.From), l.day(t.To))
}

// isoDay writes the day of t as an ISO date, for data attributes.
func isoDay(t time.Time) string { return t.Format(time.DateOnly) }

// num formats an SVG coordinate.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
