package sqlite

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// whereCases are filters of every kind, with values that no SQL text holds otherwise.
var whereCases = []report.Expr{
	report.Compare{Op: report.Eq, Left: report.Property("title"), Right: report.StringLit("x'); DROP TABLE reports; --")},
	report.Compare{Op: report.Lt, Left: report.NumberLit(12345.678), Right: report.Property("confidence")},
	report.Compare{Op: report.Eq, Left: report.Property("report_id"), Right: report.StringLit("qwertyuiop")},
	report.Compare{Op: report.Ne, Left: report.Property("corrected"), Right: report.BoolLit(true)},
	report.Like{Arg: report.Property("name"), Pattern: report.StringLit("Zz%_[*]")},
	report.In{Arg: report.Property("kind"), List: []report.Operand{report.StringLit("country"), report.StringLit("admin")}},
	report.Between{Arg: report.Property("geonameid"), Low: report.NumberLit(987654), High: report.NumberLit(987655)},
	report.Not{Arg: report.IsNull{Arg: report.Property("admin1")}},
	report.Temporal{Op: report.TIntersects, Left: report.Property("date"), Right: report.IntervalLit{Start: report.DateLit{Day: time.Date(1987, 6, 5, 0, 0, 0, 0, time.UTC)}}},
	report.Temporal{Op: report.TDuring, Left: report.Property("published"), Right: report.IntervalLit{End: report.TimestampLit{Time: time.Date(1987, 6, 5, 4, 3, 2, 0, time.UTC)}}},
	report.Compare{Op: report.Le, Left: report.Property("date"), Right: report.DateLit{Day: time.Date(1987, 6, 5, 0, 0, 0, 0, time.UTC)}},
	report.Spatial{Op: report.SIntersects, Left: report.Property("geometry"), Right: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{12.3456, -65.4321}, Max: orb.Point{-98.7654, 43.21}}}},
	report.Spatial{Op: report.SWithin, Left: report.Property("geometry"), Right: report.GeometryLit{Geometry: orb.Polygon{{{12.3456, 43.21}, {13.3456, 43.21}, {13.3456, 44.21}, {12.3456, 43.21}}}}},
	report.Spatial{Op: report.SDisjoint, Left: report.GeometryLit{Geometry: orb.Point{12.3456, 43.21}}, Right: report.Property("geometry")},
}

func TestUndatedSQL(t *testing.T) {
	if undatedSQL != strconv.Itoa(undated) {
		t.Errorf("undatedSQL is %s, undated %d", undatedSQL, undated)
	}
}

// TestWhereBindsEveryValue: the SQL of a filter holds none of its values, only placeholders, one
// for each argument.
func TestWhereBindsEveryValue(t *testing.T) {
	for _, e := range whereCases {
		w, err := translateWhere(e)
		if err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		for _, v := range []string{"DROP", "12345", "qwerty", "Zz", "country", "987654", "1987", "12.34", "1234", "4321", "9876"} {
			if strings.Contains(w.sql, v) {
				t.Errorf("%s: the SQL holds %q: %s", e, v, w.sql)
			}
		}
		if n := strings.Count(w.sql, "?"); n != len(w.args) {
			t.Errorf("%s: %d placeholders for %d arguments: %s", e, n, len(w.args), w.sql)
		}
	}
}

// TestWhereJoins: a filter joins the tables it reads, and is read by what narrows it down (see
// planEvents): a box by the R*Tree; a country, a place or a report by the index on mentions;
// dates by the index of events by date; an OR of arms that each narrow by the union of the arms.
func TestWhereJoins(t *testing.T) {
	date := func(y int, m time.Month, d int) report.DateLit {
		return report.DateLit{Day: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	}
	intersects := func(d report.DateLit) report.Expr {
		return report.Temporal{Op: report.TIntersects, Left: report.Property("date"), Right: d}
	}
	and := func(es ...report.Expr) report.Expr { return report.And{Args: es} }
	or := func(es ...report.Expr) report.Expr { return report.Or{Args: es} }
	country := report.Compare{Op: report.Eq, Left: report.Property("country_code"), Right: report.StringLit("SY")}
	source := report.Compare{Op: report.Eq, Left: report.Property("source"), Right: report.StringLit("wire")}
	title := report.Like{Arg: report.Property("title"), Pattern: report.StringLit("%flood%")}
	box := report.Spatial{Op: report.SIntersects, Left: report.Property("geometry"), Right: report.BBoxLit{Bound: orb.Bound{Min: orb.Point{30, 30}, Max: orb.Point{40, 40}}}}
	const (
		rtree    = "event_boxes b"
		mentions = " FROM mentions m WHERE "
		reports  = " FROM reports r CROSS JOIN mentions m ON m.rid = r.rid"
		byDate   = " FROM mentions m INDEXED BY mentions_events_by_date"
		union    = " UNION "
	)
	tests := []struct {
		e          report.Expr
		from, join string // what the FROM holds
	}{
		{country, mentions, ""},
		{source, reports, ""},
		{and(country, source), "FROM mentions m JOIN reports r ON r.rid = m.rid", ""},
		{intersects(date(2017, 10, 17)), byDate, ""},
		{and(source, intersects(date(2017, 10, 17))), byDate, "JOIN reports r ON r.rid = m.rid"},
		{and(country, intersects(date(2017, 10, 17))), mentions, ""},
		{and(box, country), rtree, "JOIN mentions m ON m.id = b.id"},
		{or(intersects(date(2017, 10, 17)), intersects(date(2018, 1, 1))), byDate, ""},
		{or(intersects(date(2017, 10, 17)), and(source, intersects(date(2018, 1, 1)))), union, byDate},
		{or(country, intersects(date(2017, 10, 17))), union, mentions},
		{or(country, title), "FROM mentions m JOIN reports r ON r.rid = m.rid", ""}, // an arm that narrows nothing: read whole
		{report.Not{Arg: intersects(date(2017, 10, 17))}, byDate, ""},
		{report.Not{Arg: box}, "FROM mentions m WHERE", ""},
	}
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tt := range tests {
		q, err := newEventQuery(report.EventFilter{Where: tt.e})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(q.from, tt.from) || !strings.Contains(q.from, tt.join) || q.byBox != (tt.from == rtree) {
			t.Errorf("%s: FROM %s (R*Tree leads: %v), want it to hold %q and %q", tt.e, q.from, q.byBox, tt.from, tt.join)
		}
		// SQLite's plan reads no table whole (the R*Tree by id is idxNum 1, by its columns 2; u is
		// the keys read), but the mentions when an arm of an OR narrows nothing or for NOT a box.
		plan := queryPlan(t, s, `SELECT b.id FROM `+q.from+` WHERE `+q.where, q.args...)
		for _, step := range plan {
			rtree := strings.HasPrefix(step, "SCAN b VIRTUAL TABLE INDEX ")
			whole := strings.HasPrefix(step, "SCAN ") && !rtree && step != "SCAN u" || rtree && strings.HasPrefix(step, "SCAN b VIRTUAL TABLE INDEX 2:") && strings.HasSuffix(step, ":")
			if whole && !strings.Contains(tt.e.String(), "title") && tt.e.String() != "NOT "+box.String() {
				t.Errorf("%s: plan %q reads a table whole", tt.e, plan)
			}
		}
	}
}

// queryPlan is SQLite's plan of query, a step a line.
func queryPlan(t *testing.T, s *Store, query string, args ...any) []string {
	t.Helper()
	rows, err := s.read.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return plan
}

func TestGlobPattern(t *testing.T) {
	for like, glob := range map[string]string{
		"Par%":       "Par*",
		"_yon":       "?yon",
		`100\%`:      "100%",
		`a\_b\\c\`:   `a_b\c\`,
		"[*?]":       "[[][*][?]]",
		"%Ḥalab_%":   "*Ḥalab?*",
		"":           "",
		`\a\[`:       "a[[]",
		"plain text": "plain text",
	} {
		if got := globPattern(like); got != glob {
			t.Errorf("globPattern(%q) = %q, want %q", like, got, glob)
		}
	}
}
