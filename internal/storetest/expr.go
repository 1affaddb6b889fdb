package storetest

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// Places of the reports seedWhere adds.
var (
	raqqa = report.Place{ID: 163915, Name: "Ar Raqqah", Lat: 35.95283, Lon: 39.00788, FeatureCode: "PPLA", CountryCode: "SY", Admin1: "04", Population: 177636}
	deir  = report.Place{ID: 170794, Name: "Deir ez-Zor", Lat: 35.33588, Lon: 40.14084, FeatureCode: "PPLA", CountryCode: "SY", Admin1: "05", Population: 242565}
)

// seedWhere stores the seed and two more reports: one without a source, with a country (no
// admin1), a date range, and a place corrected by hand; one without a title or a date, of places
// in Syria, one written otherwise than its name. By date then id the events are the labels of
// whereEvents.
func seedWhere(t *testing.T, s Store) []*report.Report {
	t.Helper()
	rs := seed(t, s)
	t5 := "Storms hit Georgia from 20 to 22 March. Atlanta lost power on 21 March."
	t6 := "Raqqa fell on 17 October. Fighting went on in Deir ez-Zor through November."
	more := []*report.Report{
		{Title: "Storms in Georgia", Lang: "en", Published: report.DayDate(2022, 3, 22), Text: t5,
			Mentions: []report.Mention{
				at(t5, "Georgia", 0, georgia, mustRange(t, report.DayDate(2022, 3, 20), report.DayDate(2022, 3, 22))),
				at(t5, "Atlanta", 0, atlanta, report.DayDate(2022, 3, 21)),
			}},
		{Source: "wire", Lang: "ar", Text: t6,
			Mentions: []report.Mention{
				at(t6, "Raqqa", 0, raqqa, report.DayDate(2017, 10, 17)),
				at(t6, "Deir ez-Zor", 0, deir, report.MonthDate(2017, 11)),
			}},
	}
	more[0].Mentions[0].Confidence = 0.4
	more[0].Mentions[1].Confidence, more[0].Mentions[1].Corrected = 0.95, true
	more[1].Mentions[0].Confidence = 0.9
	for _, r := range more {
		rs = append(rs, create(t, s, r, ""))
	}
	return rs
}

// The labels of the events of seedWhere.
const (
	evRaqqa   = "Ar Raqqah 2017-10-17"
	evDeir    = "Deir ez-Zor 2017-11"
	evNairobi = "Nairobi 2021"
	evLima    = "Lima 2021-02-28"
	evTokyo   = "Tokyo 2022-02-28"
	evLyon    = "Lyon 2022-03"
	evParis1  = "Paris 2022-03-01"
	evKyiv    = "Kyiv 2022-03-14"
	evParis16 = "Paris 2022-03-16"
	evGeorgia = "Georgia 2022-03-20/2022-03-22"
	evAtlanta = "Atlanta 2022-03-21"
	evUndated = "Lyon undated"
)

var whereEvents = []string{evRaqqa, evDeir, evNairobi, evLima, evTokyo, evLyon, evParis1, evKyiv, evParis16, evGeorgia, evAtlanta, evUndated}

// except is whereEvents but those named.
func except(names ...string) []string {
	return slices.DeleteFunc(slices.Clone(whereEvents), func(s string) bool { return slices.Contains(names, s) })
}

// Helpers to write expressions.
func prop(name string) report.Property               { return report.Property(name) }
func str(s string) report.StringLit                  { return report.StringLit(s) }
func num(f float64) report.NumberLit                 { return report.NumberLit(f) }
func date(y int, m time.Month, d int) report.DateLit { return report.DateLit{Day: day(y, m, d)} }

func cmpr(l report.Operand, op report.CompareOp, r report.Operand) report.Compare {
	return report.Compare{Op: op, Left: l, Right: r}
}

func interval(start, end report.Operand) report.IntervalLit {
	return report.IntervalLit{Start: start, End: end}
}

func temporal(op report.TemporalOp, l, r report.Operand) report.Temporal {
	return report.Temporal{Op: op, Left: l, Right: r}
}

func spatial(op report.SpatialOp, l, r report.Operand) report.Spatial {
	return report.Spatial{Op: op, Left: l, Right: r}
}

func bbox(b orb.Bound) report.BBoxLit { return report.BBoxLit{Bound: b} }

func geometry(g orb.Geometry) report.GeometryLit { return report.GeometryLit{Geometry: g} }

func square(lon, lat, half float64) orb.Ring {
	return orb.Ring{{lon - half, lat - half}, {lon + half, lat - half}, {lon + half, lat + half}, {lon - half, lat + half}, {lon - half, lat - half}}
}

// testWhere: an EventFilter's Where, for each operator, keeps the events expected, those
// report.Match keeps, and those of the plain fields of EventFilter that say the same, where some
// do; every way of reading events (QueryEvents and its Total, Events, EventsAfter, EventsBefore,
// Histogram, Clusters) keeps the same.
func testWhere(t *testing.T, s Store) {
	rs := seedWhere(t, s)
	all := allOf(t, s, report.EventFilter{})
	if got := labels(all); !slices.Equal(got, whereEvents) {
		t.Fatalf("the events are %q, want %q", got, whereEvents)
	}
	tokyoPoint, limaPoint := orb.Point{tokyo.Lon, tokyo.Lat}, orb.Point{lima.Lon, lima.Lat}
	march := interval(date(2022, 3, 1), date(2022, 3, 31))
	tests := []struct {
		name  string
		where report.Expr
		plain *report.EventFilter // the same selection without Where, when there is one
		want  []string
	}{
		// Comparisons.
		{"= a country", cmpr(prop("country_code"), report.Eq, str("SY")), &report.EventFilter{Country: "SY"}, []string{evRaqqa, evDeir}},
		{"= with the value first", cmpr(str("FR"), report.Eq, prop("country_code")), &report.EventFilter{Country: "FR"},
			[]string{evLyon, evParis1, evParis16, evUndated}},
		{"<>", cmpr(prop("country_code"), report.Ne, str("FR")), nil, except(evLyon, evParis1, evParis16, evUndated)},
		{"= a source", cmpr(prop("source"), report.Eq, str("wire")), &report.EventFilter{Source: "wire"},
			[]string{evRaqqa, evDeir, evTokyo, evLyon, evParis1, evKyiv, evParis16}},
		{"= a language", cmpr(prop("lang"), report.Eq, str("fr")), &report.EventFilter{Lang: "fr"}, []string{evTokyo, evParis1}},
		{"= a place", cmpr(prop("geonameid"), report.Eq, num(float64(paris.ID))), &report.EventFilter{PlaceID: paris.ID},
			[]string{evParis1, evParis16}},
		{"= a report", cmpr(prop("report_id"), report.Eq, str(rs[1].ID)), &report.EventFilter{ReportID: rs[1].ID},
			[]string{evNairobi, evLima}},
		{"= a report, the value first", cmpr(str(rs[5].ID), report.Eq, prop("report_id")), &report.EventFilter{ReportID: rs[5].ID},
			[]string{evRaqqa, evDeir}},
		{"<> a report", cmpr(prop("report_id"), report.Ne, str(rs[0].ID)), nil, except(evLyon, evKyiv, evParis16)},
		{">= a number", cmpr(prop("confidence"), report.Ge, num(0.9)), nil, []string{evRaqqa, evAtlanta}},
		{"< a number", cmpr(prop("confidence"), report.Lt, num(0.5)), nil, []string{evGeorgia}},
		{"> a string", cmpr(prop("name"), report.Gt, str("P")), nil, []string{evTokyo, evParis1, evParis16}},
		{"<= a string", cmpr(prop("name"), report.Le, str("Deir ez-Zor")), nil, []string{evRaqqa, evDeir, evAtlanta}},
		{"= a boolean", cmpr(prop("corrected"), report.Eq, report.BoolLit(true)), nil, []string{evAtlanta}},
		{"<> a boolean", cmpr(report.BoolLit(true), report.Ne, prop("corrected")), nil, except(evAtlanta)},
		{"= a kind", cmpr(prop("kind"), report.Eq, str("country")), nil, []string{evGeorgia}},
		{"a property with another", cmpr(prop("name"), report.Ne, prop("text")), nil, []string{evRaqqa}},
		{"an admin1", cmpr(prop("admin1"), report.Eq, str("84")), nil, []string{evLyon, evUndated}},
		{"a title", cmpr(prop("title"), report.Eq, str("Notes")), nil, []string{evUndated}},
		{"a url", cmpr(prop("url"), report.Eq, str("https://example.org/1")), nil, []string{evLyon, evKyiv, evParis16}},
		{"a feature code", cmpr(prop("feature_code"), report.Eq, str("PPLA")), nil, []string{evRaqqa, evDeir, evLyon, evAtlanta, evUndated}},
		{"a name as written", cmpr(prop("text"), report.Eq, str("Raqqa")), nil, []string{evRaqqa}},
		{"two values", cmpr(num(1), report.Lt, num(2)), nil, whereEvents},
		// LIKE.
		{"LIKE %", report.Like{Arg: prop("name"), Pattern: str("L%")}, nil, []string{evLima, evLyon, evUndated}},
		{"LIKE _", report.Like{Arg: prop("name"), Pattern: str("_yon")}, nil, []string{evLyon, evUndated}},
		{"LIKE inside", report.Like{Arg: prop("title"), Pattern: str("% in %")}, nil,
			[]string{evNairobi, evLima, evLyon, evKyiv, evParis16, evGeorgia, evAtlanta}},
		{"LIKE is case-sensitive", report.Like{Arg: prop("name"), Pattern: str("l%")}, nil, []string{}},
		{"LIKE with _ for a space", report.Like{Arg: prop("name"), Pattern: str("Deir_ez%")}, nil, []string{evDeir}},
		{"LIKE with \\_ for itself", report.Like{Arg: prop("name"), Pattern: str(`Deir\_ez%`)}, nil, []string{}},
		{"LIKE with GLOB's characters", report.Like{Arg: prop("name"), Pattern: str("[L]*")}, nil, []string{}},
		{"LIKE accented", report.Like{Arg: prop("title"), Pattern: str("Séisme%")}, nil, []string{evTokyo, evParis1}},
		{"NOT LIKE", report.Not{Arg: report.Like{Arg: prop("name"), Pattern: str("L%")}}, nil, except(evLima, evLyon, evUndated)},
		// IN.
		{"IN", report.In{Arg: prop("country_code"), List: []report.Operand{str("SY"), str("JP")}}, nil, []string{evRaqqa, evDeir, evTokyo}},
		{"NOT IN", report.Not{Arg: report.In{Arg: prop("country_code"), List: []report.Operand{str("FR"), str("US"), str("SY")}}}, nil,
			[]string{evNairobi, evLima, evTokyo, evKyiv, evGeorgia}},
		{"IN numbers", report.In{Arg: prop("geonameid"), List: []report.Operand{num(float64(paris.ID)), num(float64(kyiv.ID))}}, nil,
			[]string{evParis1, evKyiv, evParis16}},
		{"IN dates", report.In{Arg: prop("date"), List: []report.Operand{date(2022, 3, 1), date(2022, 3, 14)}}, nil,
			[]string{evParis1, evKyiv}},
		// BETWEEN.
		{"BETWEEN", report.Between{Arg: prop("confidence"), Low: num(0.4), High: num(0.8)}, nil, except(evRaqqa, evAtlanta)},
		{"NOT BETWEEN", report.Not{Arg: report.Between{Arg: prop("confidence"), Low: num(0.5), High: num(0.9)}}, nil,
			[]string{evGeorgia, evAtlanta}},
		{"BETWEEN dates", report.Between{Arg: prop("date"), Low: date(2022, 3, 1), High: date(2022, 3, 16)}, nil,
			[]string{evParis1, evKyiv, evParis16}},
		// IS NULL, and three-valued logic.
		{"date IS NULL", report.IsNull{Arg: prop("date")}, nil, []string{evUndated}},
		{"date IS NOT NULL", report.Not{Arg: report.IsNull{Arg: prop("date")}}, nil, except(evUndated)},
		{"admin1 IS NULL", report.IsNull{Arg: prop("admin1")}, nil, []string{evGeorgia}},
		{"title IS NULL", report.IsNull{Arg: prop("title")}, nil, []string{evRaqqa, evDeir}},
		{"published IS NULL", report.IsNull{Arg: prop("published")}, nil, []string{evRaqqa, evDeir, evUndated}},
		{"source IS NULL", report.IsNull{Arg: prop("source")}, nil, []string{evGeorgia, evAtlanta}},
		{"IS NULL of a value never missing", report.IsNull{Arg: prop("geonameid")}, nil, []string{}},
		{"<> keeps no missing value", cmpr(prop("source"), report.Ne, str("wire")), nil, []string{evNairobi, evLima, evUndated}},
		{"NOT = keeps no missing value", report.Not{Arg: cmpr(prop("source"), report.Eq, str("wire"))}, nil,
			[]string{evNairobi, evLima, evUndated}},
		{"NOT of an unknown AND", report.Not{Arg: report.And{Args: []report.Expr{cmpr(prop("source"), report.Eq, str("wire")), cmpr(prop("lang"), report.Eq, str("en"))}}},
			nil, []string{evRaqqa, evDeir, evNairobi, evLima, evTokyo, evParis1, evUndated}},
		// Temporal operators.
		{"T_INTERSECTS an interval", temporal(report.TIntersects, prop("date"), interval(date(2022, 3, 10), date(2022, 3, 15))),
			&report.EventFilter{From: day(2022, 3, 10), To: day(2022, 3, 16)}, []string{evLyon, evKyiv}},
		{"T_INTERSECTS an interval open at its end", temporal(report.TIntersects, prop("date"), interval(date(2022, 3, 16), nil)),
			&report.EventFilter{From: day(2022, 3, 16)}, []string{evLyon, evParis16, evGeorgia, evAtlanta}},
		{"T_INTERSECTS an interval open at its start", temporal(report.TIntersects, prop("date"), interval(nil, date(2021, 2, 28))),
			&report.EventFilter{To: day(2021, 3, 1)}, []string{evRaqqa, evDeir, evNairobi, evLima}},
		{"T_INTERSECTS an interval open at both ends", temporal(report.TIntersects, prop("date"), interval(nil, nil)), nil, except(evUndated)},
		{"T_INTERSECTS a date", temporal(report.TIntersects, prop("date"), date(2022, 3, 14)),
			&report.EventFilter{From: day(2022, 3, 14), To: day(2022, 3, 15)}, []string{evLyon, evKyiv}},
		{"T_INTERSECTS a timestamp", temporal(report.TIntersects, prop("date"), report.TimestampLit{Time: day(2022, 3, 14).Add(6 * time.Hour)}),
			&report.EventFilter{From: day(2022, 3, 14).Add(6 * time.Hour), To: day(2022, 3, 14).Add(7 * time.Hour)}, []string{evLyon, evKyiv}},
		{"T_INTERSECTS an interval of timestamps", temporal(report.TIntersects, prop("date"),
			interval(report.TimestampLit{Time: day(2022, 3, 1).Add(12 * time.Hour)}, report.TimestampLit{Time: day(2022, 3, 14).Add(time.Hour)})),
			&report.EventFilter{From: day(2022, 3, 1).Add(12 * time.Hour), To: day(2022, 3, 14).Add(time.Hour)}, []string{evLyon, evParis1, evKyiv}},
		{"T_INTERSECTS, the value first", temporal(report.TIntersects, date(2022, 3, 14), prop("date")), nil, []string{evLyon, evKyiv}},
		{"T_DURING", temporal(report.TDuring, prop("date"), march), nil, []string{evLyon, evParis1, evKyiv, evParis16, evGeorgia, evAtlanta}},
		{"T_DURING a part of a month", temporal(report.TDuring, prop("date"), interval(date(2022, 3, 2), date(2022, 3, 31))), nil,
			[]string{evKyiv, evParis16, evGeorgia, evAtlanta}},
		{"T_DURING a timestamp", temporal(report.TDuring, prop("date"), report.TimestampLit{Time: day(2022, 3, 14)}), nil, []string{}},
		{"T_CONTAINS", temporal(report.TContains, prop("date"), date(2022, 3, 21)), nil, []string{evLyon, evGeorgia, evAtlanta}},
		{"T_CONTAINS, the value first, is T_DURING", temporal(report.TContains, march, prop("date")), nil,
			[]string{evLyon, evParis1, evKyiv, evParis16, evGeorgia, evAtlanta}},
		{"T_BEFORE", temporal(report.TBefore, prop("date"), date(2022, 3, 1)), nil, []string{evRaqqa, evDeir, evNairobi, evLima, evTokyo}},
		{"T_BEFORE a timestamp at midnight", temporal(report.TBefore, prop("date"), report.TimestampLit{Time: day(2022, 3, 1)}), nil,
			[]string{evRaqqa, evDeir, evNairobi, evLima, evTokyo}},
		{"T_BEFORE an interval open at its start", temporal(report.TBefore, prop("date"), interval(nil, date(2022, 1, 1))), nil, []string{}},
		{"T_AFTER", temporal(report.TAfter, prop("date"), date(2022, 3, 14)), nil, []string{evParis16, evGeorgia, evAtlanta}},
		{"T_AFTER a timestamp", temporal(report.TAfter, prop("date"), report.TimestampLit{Time: day(2022, 3, 15).Add(23 * time.Hour)}), nil,
			[]string{evParis16, evGeorgia, evAtlanta}},
		{"T_AFTER, the value first, is T_BEFORE", temporal(report.TAfter, date(2022, 3, 1), prop("date")), nil,
			[]string{evRaqqa, evDeir, evNairobi, evLima, evTokyo}},
		{"T_DISJOINT", temporal(report.TDisjoint, prop("date"), interval(date(2017, 1, 1), date(2021, 12, 31))), nil,
			[]string{evTokyo, evLyon, evParis1, evKyiv, evParis16, evGeorgia, evAtlanta}},
		{"NOT T_INTERSECTS keeps no undated event", report.Not{Arg: temporal(report.TIntersects, prop("date"), interval(date(2022, 1, 1), nil))}, nil,
			[]string{evRaqqa, evDeir, evNairobi, evLima}},
		{"date < a date", cmpr(prop("date"), report.Lt, date(2022, 3, 1)), nil, []string{evRaqqa, evDeir, evNairobi, evLima, evTokyo}},
		{"a date > date", cmpr(date(2022, 3, 1), report.Gt, prop("date")), nil, []string{evRaqqa, evDeir, evNairobi, evLima, evTokyo}},
		{"date = a date", cmpr(prop("date"), report.Eq, date(2022, 3, 16)), nil, []string{evParis16}},
		{"date <> a date", cmpr(prop("date"), report.Ne, date(2022, 3, 16)), nil, except(evParis16, evUndated)},
		{"date >= a date", cmpr(prop("date"), report.Ge, date(2022, 3, 16)), nil, []string{evParis16, evGeorgia, evAtlanta}},
		{"date <= a timestamp", cmpr(prop("date"), report.Le, report.TimestampLit{Time: day(2021, 2, 28).Add(time.Hour)}), nil,
			[]string{evRaqqa, evDeir, evLima}},
		{"published = a date", cmpr(prop("published"), report.Eq, date(2022, 3, 16)), nil, []string{evLyon, evKyiv, evParis16}},
		{"T_DURING of published", temporal(report.TDuring, prop("published"), interval(date(2021, 1, 1), date(2021, 12, 31))), nil,
			[]string{evNairobi, evLima}},
		{"NOT T_INTERSECTS of published", report.Not{Arg: temporal(report.TIntersects, prop("published"), date(2022, 3, 16))}, nil,
			[]string{evNairobi, evLima, evTokyo, evParis1, evGeorgia, evAtlanta}},
		// Spatial operators.
		{"S_INTERSECTS a bbox", spatial(report.SIntersects, prop("geometry"), bbox(*france)), &report.EventFilter{BBox: france},
			[]string{evLyon, evParis1, evParis16, evUndated}},
		{"S_INTERSECTS a bbox across the antimeridian, the value first", spatial(report.SIntersects, bbox(orb.Bound{Min: orb.Point{100, -60}, Max: orb.Point{-60, 60}}), prop("geometry")),
			&report.EventFilter{BBox: &orb.Bound{Min: orb.Point{100, -60}, Max: orb.Point{-60, 60}}}, []string{evLima, evTokyo, evAtlanta}},
		{"S_INTERSECTS the world", spatial(report.SIntersects, prop("geometry"), bbox(orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}})), nil, whereEvents},
		{"S_WITHIN a bbox", spatial(report.SWithin, prop("geometry"), bbox(*europe)), &report.EventFilter{BBox: europe},
			[]string{evRaqqa, evDeir, evLyon, evParis1, evKyiv, evParis16, evGeorgia, evUndated}},
		{"S_INTERSECTS a point", spatial(report.SIntersects, prop("geometry"), geometry(orb.Point{paris.Lon, paris.Lat})),
			&report.EventFilter{PlaceID: paris.ID}, []string{evParis1, evParis16}},
		// The triangle's box holds Paris; the triangle does not.
		{"S_INTERSECTS a polygon", spatial(report.SIntersects, prop("geometry"), geometry(orb.Polygon{{{0, 44}, {6, 44}, {3, 50}, {0, 44}}})), nil,
			[]string{evLyon, evUndated}},
		{"S_WITHIN a polygon with a hole", spatial(report.SWithin, prop("geometry"), geometry(orb.Polygon{square(2.5, 46.5, 7.5), square(2.5, 48.5, 0.5)})), nil,
			[]string{evLyon, evUndated}},
		{"S_INTERSECTS a multipolygon", spatial(report.SIntersects, prop("geometry"),
			geometry(orb.MultiPolygon{{square(tokyo.Lon, tokyo.Lat, 1)}, {square(lima.Lon, lima.Lat, 1)}})), nil, []string{evLima, evTokyo}},
		{"S_DISJOINT", spatial(report.SDisjoint, prop("geometry"), bbox(*france)), nil, except(evLyon, evParis1, evParis16, evUndated)},
		{"NOT S_INTERSECTS a polygon", report.Not{Arg: spatial(report.SIntersects, geometry(orb.Polygon{square(2.5, 46.5, 7.5)}), prop("geometry"))}, nil,
			except(evLyon, evParis1, evParis16, evUndated)},
		// AND, OR, NOT.
		{"OR", report.Or{Args: []report.Expr{cmpr(prop("country_code"), report.Eq, str("JP")), temporal(report.TIntersects, prop("date"), date(2022, 3, 14))}}, nil,
			[]string{evTokyo, evLyon, evKyiv}},
		{"OR of dates", report.Or{Args: []report.Expr{temporal(report.TIntersects, prop("date"), date(2017, 10, 17)), temporal(report.TIntersects, prop("date"), date(2022, 3, 21))}}, nil,
			[]string{evRaqqa, evLyon, evGeorgia, evAtlanta}},
		{"OR of points", report.Or{Args: []report.Expr{spatial(report.SIntersects, prop("geometry"), geometry(tokyoPoint)), spatial(report.SIntersects, prop("geometry"), geometry(limaPoint))}}, nil,
			[]string{evLima, evTokyo}},
		{"OR of a box and the undated", report.Or{Args: []report.Expr{spatial(report.SIntersects, prop("geometry"), bbox(*france)), report.IsNull{Arg: prop("date")}}}, nil,
			[]string{evLyon, evParis1, evParis16, evUndated}},
		{"AND", report.And{Args: []report.Expr{cmpr(prop("country_code"), report.Eq, str("FR")), cmpr(prop("source"), report.Eq, str("wire")), temporal(report.TIntersects, prop("date"), interval(date(2022, 3, 2), nil))}},
			&report.EventFilter{Country: "FR", Source: "wire", From: day(2022, 3, 2)}, []string{evLyon, evParis16}},
		{"NOT OR", report.Not{Arg: report.Or{Args: []report.Expr{cmpr(prop("country_code"), report.Eq, str("FR")), report.IsNull{Arg: prop("date")}}}}, nil,
			except(evLyon, evParis1, evParis16, evUndated)},
		{"NOT NOT", report.Not{Arg: report.Not{Arg: cmpr(prop("lang"), report.Eq, str("ar"))}}, nil, []string{evRaqqa, evDeir}},
		{"NOT a date AND a box", report.Not{Arg: report.And{Args: []report.Expr{temporal(report.TIntersects, prop("date"), march), spatial(report.SIntersects, prop("geometry"), bbox(*france))}}}, nil,
			[]string{evRaqqa, evDeir, evNairobi, evLima, evTokyo, evKyiv, evGeorgia, evAtlanta}},
		{"an empty date AND", report.And{Args: []report.Expr{report.IsNull{Arg: prop("date")}, temporal(report.TIntersects, prop("date"), march)}}, nil, []string{}},
		{"TRUE", report.BoolLit(true), nil, whereEvents},
		{"FALSE", report.BoolLit(false), nil, []string{}},
		{"NOT FALSE", report.Not{Arg: report.BoolLit(false)}, nil, whereEvents},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkWhere(t, s, report.EventFilter{Where: tt.where}, tt.want)
			if tt.plain != nil {
				got, want := allOf(t, s, report.EventFilter{Where: tt.where}), allOf(t, s, *tt.plain)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Where %s keeps %q; the plain filter %q", tt.where, labels(got), labels(want))
				}
			}
		})
	}
	t.Run("random combinations", func(t *testing.T) {
		// AND, OR and NOT of the cases above, in three-valued logic: the store keeps what Match keeps.
		rng := rand.New(rand.NewPCG(1, 2))
		var random func(depth int) report.Expr
		random = func(depth int) report.Expr {
			switch n := rng.IntN(4); {
			case depth == 0 || n == 0:
				return tests[rng.IntN(len(tests))].where
			case n == 1:
				return report.Not{Arg: random(depth - 1)}
			case n == 2:
				return report.And{Args: []report.Expr{random(depth - 1), random(depth - 1)}}
			}
			return report.Or{Args: []report.Expr{random(depth - 1), random(depth - 1), random(depth - 1)}}
		}
		for range 300 {
			e := random(3)
			got := allOf(t, s, report.EventFilter{Where: e})
			var want []report.Event
			for _, ev := range all {
				if report.Match(e, &ev) {
					want = append(want, ev)
				}
			}
			if !reflect.DeepEqual(got, nonNil(want)) {
				t.Fatalf("%s: the store keeps %q, report.Match %q", e, labels(got), labels(want))
			}
		}
	})
	t.Run("with the plain fields", func(t *testing.T) {
		f := report.EventFilter{BBox: europe, From: day(2022, 3, 2), Source: "wire",
			Where: report.Or{Args: []report.Expr{cmpr(prop("country_code"), report.Eq, str("UA")), cmpr(prop("name"), report.Eq, str("Lyon"))}}}
		checkWhere(t, s, f, []string{evLyon, evKyiv})
	})
	t.Run("invalid", func(t *testing.T) {
		for _, e := range []report.Expr{
			cmpr(prop("nme"), report.Eq, str("Paris")),
			cmpr(prop("name"), report.Eq, num(3)),
			cmpr(prop("date"), report.Eq, str("2022-03-01")),
			report.Like{Arg: prop("confidence"), Pattern: str("1%")},
			temporal(report.TIntersects, prop("name"), date(2022, 3, 1)),
			spatial(report.SIntersects, prop("geometry"), bbox(orb.Bound{Min: orb.Point{0, 10}, Max: orb.Point{10, 0}})),
			spatial(report.SIntersects, prop("geometry"), geometry(orb.Polygon{{{0, 0}, {1, 0}, {1, 1}}})),
			temporal(report.TIntersects, prop("date"), interval(date(2022, 3, 2), date(2022, 3, 1))),
			report.And{},
			report.Not{},
			cmpr(prop("confidence"), report.Gt, num(math.NaN())),
		} {
			f := report.EventFilter{Where: e}
			_, err := s.QueryEvents(t.Context(), f)
			wantKind(t, "QueryEvents", err, report.Invalid)
			_, err = s.Histogram(t.Context(), f, report.BinDay)
			wantKind(t, "Histogram", err, report.Invalid)
			_, err = s.Clusters(t.Context(), f, 3)
			wantKind(t, "Clusters", err, report.Invalid)
			_, err = collect(t, s.Events(t.Context(), f, report.EventKey{}))
			wantKind(t, "Events", err, report.Invalid)
			_, err = s.EventsAfter(t.Context(), f, report.EventKey{}, 2)
			wantKind(t, "EventsAfter", err, report.Invalid)
			_, err = s.EventsBefore(t.Context(), f, report.EventKey{Undated: true, MentionID: math.MaxInt64}, 2)
			wantKind(t, "EventsBefore", err, report.Invalid)
		}
	})
}

// checkWhere checks that every way of reading events keeps want for f, and that report.Match keeps
// it of the events the plain fields of f select.
func checkWhere(t *testing.T, s Store, f report.EventFilter, want []string) {
	t.Helper()
	got := allOf(t, s, f)
	if !slices.Equal(labels(got), want) {
		t.Errorf("QueryEvents = %q, want %q", labels(got), want)
	}
	plain := f
	plain.Where = nil
	var matched []report.Event
	for _, e := range allOf(t, s, plain) {
		if report.Match(f.Where, &e) {
			matched = append(matched, e)
		}
	}
	if !reflect.DeepEqual(nonNil(matched), got) {
		t.Errorf("report.Match keeps %q, the store %q", labels(matched), labels(got))
	}
	paged := f
	paged.Limit, paged.Offset = 2, 1
	page, err := s.QueryEvents(t.Context(), paged)
	if err != nil || page.Total != len(got) || !reflect.DeepEqual(page.Events, got[min(1, len(got)):min(3, len(got))]) {
		t.Errorf("QueryEvents of 2 from 1 = %q total %d, %v; want %q total %d", labels(page.Events), page.Total, err,
			labels(got[min(1, len(got)):min(3, len(got))]), len(got))
	}
	streamed, err := collect(t, s.Events(t.Context(), f, report.EventKey{}))
	if err != nil || !reflect.DeepEqual(streamed, got) {
		t.Errorf("Events = %q, %v", labels(streamed), err)
	}
	var after []report.Event
	var key report.EventKey
	for range len(got) + 1 {
		page, err := s.EventsAfter(t.Context(), f, key, 2)
		if err != nil {
			t.Fatalf("EventsAfter: %v", err)
		}
		if len(page) == 0 {
			break
		}
		after = append(after, page...)
		key = page[len(page)-1].Key()
	}
	if !reflect.DeepEqual(nonNil(after), got) {
		t.Errorf("EventsAfter, by 2 = %q", labels(after))
	}
	before, err := s.EventsBefore(t.Context(), f, report.EventKey{Undated: true, MentionID: math.MaxInt64}, len(got)+1)
	if err != nil || !reflect.DeepEqual(nonNil(before), got) {
		t.Errorf("EventsBefore = %q, %v", labels(before), err)
	}
	bins, err := s.Histogram(t.Context(), f, report.BinDay)
	c := report.BinCounts{Size: report.BinDay, From: f.From, To: f.To}
	for _, e := range got {
		if !e.Date.IsZero() {
			c.Add(e.Date.Start(), e.Date.End(), 1)
		}
	}
	if err != nil || !reflect.DeepEqual(bins, c.Bins()) {
		t.Errorf("Histogram = %v, %v; want %v", bins, err, c.Bins())
	}
	clusters, err := s.Clusters(t.Context(), f, 8)
	n := 0
	for _, c := range clusters {
		n += c.Count
	}
	if err != nil || n != len(got) {
		t.Errorf("Clusters count %d events, %v; want %d", n, err, len(got))
	}
}
