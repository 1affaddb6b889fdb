package sqlite

import (
	"math/rand/v2"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// BenchmarkQueryEventsWhere asks for a page of 1,000 events selected by a CQL2 filter: an OR of two
// T_INTERSECTS of a month each (about 16,000 events); a triangle of 22 by 22 degrees over a year
// (about 500); names by prefix over a month (about 1,400); two countries or a source over a
// year (about 10,000).
func BenchmarkQueryEventsWhere(b *testing.B) {
	s := benchStore(b)
	month := func(rng *rand.Rand) report.Expr {
		from := benchFirstDay.AddDate(0, 0, rng.IntN(benchDays-30))
		return report.Temporal{Op: report.TIntersects, Left: report.Property("date"),
			Right: report.IntervalLit{Start: report.DateLit{Day: from}, End: report.DateLit{Day: from.AddDate(0, 0, 29)}}}
	}
	year := func(rng *rand.Rand) report.Expr {
		f := randomBox(rng, 0, 0, 365)
		return report.Temporal{Op: report.TIntersects, Left: report.Property("date"),
			Right: report.IntervalLit{Start: report.DateLit{Day: f.From}, End: report.DateLit{Day: f.To.AddDate(0, 0, -1)}}}
	}
	for _, bb := range []struct {
		name  string
		where func(*rand.Rand) report.Expr
	}{
		{"or-t-intersects", func(rng *rand.Rand) report.Expr { return report.Or{Args: []report.Expr{month(rng), month(rng)}} }},
		{"polygon-year", func(rng *rand.Rand) report.Expr {
			box := *randomBox(rng, 22, 22, 1).BBox
			triangle := orb.Polygon{{box.Min, {box.Max.Lon(), box.Min.Lat()}, {box.Min.Lon(), box.Max.Lat()}, box.Min}}
			return report.And{Args: []report.Expr{
				report.Spatial{Op: report.SIntersects, Left: report.Property("geometry"), Right: report.GeometryLit{Geometry: triangle}},
				year(rng)}}
		}},
		{"like-month", func(rng *rand.Rand) report.Expr {
			return report.And{Args: []report.Expr{report.Like{Arg: report.Property("name"), Pattern: report.StringLit("Place1%")}, month(rng)}}
		}},
		{"countries-or-source-year", func(rng *rand.Rand) report.Expr {
			return report.And{Args: []report.Expr{
				report.Or{Args: []report.Expr{
					report.In{Arg: report.Property("country_code"), List: []report.Operand{report.StringLit("AA"), report.StringLit("BB")}},
					report.Compare{Op: report.Eq, Left: report.Property("source"), Right: report.StringLit("source3")}}},
				year(rng)}}
		}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			measure(b, func(rng *rand.Rand) int {
				page, err := s.QueryEvents(b.Context(), report.EventFilter{Where: bb.where(rng), Limit: 1000})
				if err != nil {
					b.Fatal(err)
				}
				return page.Total
			})
		})
	}
}
