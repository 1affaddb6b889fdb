package views_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestNewTimeline(t *testing.T) {
	bins := []report.Bin{{Start: day("2017-09-30"), Count: 2}, {Start: day("2017-10-02"), Count: 3}, {Start: day("2017-10-03"), Count: 1}, {Start: day("2017-10-31"), Count: 4}}
	for _, tt := range []struct {
		name     string
		from, to string
		size     report.BinSize
		bars     int
		first    int // events in the first bar
		top      int
		domain   [2]string
	}{
		// The store counts an event in each bin it meets, clipped to the range: a bin outside is no bar.
		{"days of October: a bin before the range is none of its bars", "2017-10-01", "2017-11-01", report.BinDay, 31, 0, 4, [2]string{"2017-10-01", "2017-11-01"}},
		{"weeks from Monday", "2017-10-01", "2017-11-01", report.BinWeek, 6, 2, 4, [2]string{"2017-09-25", "2017-11-06"}},
		{"one month", "2017-10-01", "2017-11-01", report.BinMonth, 1, 8, 8, [2]string{"2017-10-01", "2017-11-01"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tl := views.NewTimeline("/", viewquery.Query{Q: "Raqqa"}, day(tt.from), day(tt.to), tt.size, bins)
			if len(tl.Bars) != tt.bars || tl.Bars[0].Count != tt.first || tl.Total != 0 || tl.Max != tt.top {
				t.Errorf("%d bars, first %d, total %d (the page's to set), max %d", len(tl.Bars), tl.Bars[0].Count, tl.Total, tl.Max)
			}
			if !tl.From.Equal(day(tt.domain[0])) || !tl.To.Equal(day(tt.domain[1])) {
				t.Errorf("domain %s..%s, want %v", tl.From, tl.To, tt.domain)
			}
			for i, b := range tl.Bars {
				if b.X < tl.X0 || b.X+b.W > tl.X1 || b.Y+b.H != tl.PlotHeight || (i > 0 && b.X <= tl.Bars[i-1].X) {
					t.Errorf("bar %d (%s) at x %.1f w %.1f y %.1f h %.1f", i, b.Start, b.X, b.W, b.Y, b.H)
				}
				if want := "/?from=" + b.Start.Format(time.DateOnly) + "&q=Raqqa&to=" + b.Last.Format(time.DateOnly); b.Href != want {
					t.Errorf("bar %d links to %q, want %q", i, b.Href, want)
				}
			}
		})
	}
}

func TestTimelineSVG(t *testing.T) {
	tl := views.NewTimeline("/", viewquery.Query{}, day("2017-10-01"), day("2017-11-01"), report.BinDay,
		[]report.Bin{{Start: day("2017-10-16"), Count: 5}})
	var buf bytes.Buffer
	if err := views.TimelineSVG(tl).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, want := range []string{
		`data-from="2017-10-01"`, `data-to="2017-11-01"`, `data-start="2017-10-16" data-count="5"`,
		`<title>Mon 16 Oct 2017: 5 events</title>`, `href="/?from=2017-10-16&amp;to=2017-10-16"`, ">Oct 2017</text>", ">16</text>", `preserveAspectRatio="none"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the SVG has no %s", want)
		}
	}
	if n := strings.Count(html, `class="bar"`); n != 1 {
		t.Errorf("%d bars with events, want 1", n)
	}
}

// TestTimelineLabels lays out the axis of ranges from a week to ten years: at 340 px the labels
// kept there, and at 860 px those and the wide ones, never overlap nor pass the right edge, and
// the first tick is always labelled.
func TestTimelineLabels(t *testing.T) {
	for _, r := range [][2]string{{"2017-10-01", "2017-10-08"}, {"2017-10-01", "2017-11-17"}, {"2017-10-10", "2017-12-31"},
		{"2017-01-01", "2018-06-01"}, {"2015-11-20", "2017-12-01"}, {"2014-01-01", "2017-12-01"}, {"2008-03-01", "2018-01-01"}} {
		from, to := day(r[0]), day(r[1])
		size := report.BinDay
		switch days := to.Sub(from).Hours() / 24; {
		case days > 548:
			size = report.BinMonth
		case days > 92:
			size = report.BinWeek
		}
		tl := views.NewTimeline("/", viewquery.Query{}, from, to, size, nil)
		if len(tl.Ticks) == 0 || tl.Ticks[0].Level != views.LabelAlways {
			t.Errorf("%v: the first tick is not labelled: %v", r, tl.Ticks)
		}
		for level, px := range []float64{340, 860} {
			var spans [][2]float64
			for _, tk := range tl.Ticks {
				if tk.Level > level {
					continue
				}
				a := tk.X / tl.Width * px
				b := a + 3 + tk.LabelChars()*7.5
				if b > px {
					t.Errorf("%v at %.0f px: the label of %s ends at %.0f", r, px, tk.Date.Format(time.DateOnly), b)
				}
				for _, s := range spans {
					if a < s[1] && s[0] < b {
						t.Errorf("%v at %.0f px: the label of %s overlaps another", r, px, tk.Date.Format(time.DateOnly))
					}
				}
				spans = append(spans, [2]float64{a, b})
			}
			if len(spans) < 2 && len(tl.Ticks) > 1 {
				t.Errorf("%v at %.0f px: %d labels", r, px, len(spans))
			}
		}
	}
}
