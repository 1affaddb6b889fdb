package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	msqlite "modernc.org/sqlite"
)

// The SQL functions that filters call, registered on the driver of the read connections alone.
const (
	// kindFunc(feature_code) is report.Place.Kind of a place with that feature code.
	kindFunc = "dateline_kind"
	// inShapeFunc(lon, lat, shape) is 1 when report.ShapeContains holds for the point lon, lat, in
	// event_boxes' units, and shape, a polygon or multipolygon in WKB; else 0.
	inShapeFunc = "dateline_in_shape"
)

// readDriver returns the driver of the store's read connections: SQLite with the functions of
// filters.
func readDriver() (*msqlite.Driver, error) {
	d := &msqlite.Driver{}
	shapes := &shapeCache{shapes: map[string]orb.Geometry{}}
	err := d.RegisterDeterministicScalarFunction(kindFunc, 1, func(_ *msqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		code, _ := args[0].(string)
		return string(report.Place{FeatureCode: code}.Kind()), nil
	})
	if err != nil {
		return nil, err
	}
	// The shape's blob is the same on every row: VolatileArgs spares copying it each time.
	err = d.RegisterFunction(inShapeFunc, &msqlite.FunctionImpl{NArgs: 3, Deterministic: true, VolatileArgs: true, Scalar: shapes.contains})
	return d, err
}

// connector opens the connections of a driver to one database.
type connector struct {
	driver *msqlite.Driver
	dsn    string
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.driver }

// shapeCache holds the shapes inShapeFunc was given, decoded, by their WKB: a query passes the same
// shape for each of its rows.
type shapeCache struct {
	mu     sync.RWMutex
	shapes map[string]orb.Geometry
}

// maxShapes is how many shapes shapeCache keeps; it forgets them all when it holds more.
const maxShapes = 64

func (c *shapeCache) contains(_ *msqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	lon, ok1 := args[0].(int64)
	lat, ok2 := args[1].(int64)
	blob, ok3 := args[2].([]byte)
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("%s(lon, lat, shape) takes two integers and a blob", inShapeFunc)
	}
	c.mu.RLock()
	shape, ok := c.shapes[string(blob)]
	c.mu.RUnlock()
	if !ok {
		key := string(blob) // a copy: blob is SQLite's, for this call only
		g, err := wkb.Unmarshal([]byte(key))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", inShapeFunc, err)
		}
		c.mu.Lock()
		if len(c.shapes) >= maxShapes {
			clear(c.shapes)
		}
		c.shapes[key], shape = g, g
		c.mu.Unlock()
	}
	p := orb.Point{float64(lon) / unitsPerDegree, float64(lat) / unitsPerDegree}
	if report.ShapeContains(shape, p) {
		return int64(1), nil
	}
	return int64(0), nil
}

// whereSQL is the SQL condition of an EventFilter's Where, on the aliases of eventQuery.
type whereSQL struct {
	sql             string // "" for no condition
	args            []any
	mention, report bool // it reads m, r
	// box is set when it bounds the R*Tree's columns, so that the R*Tree can lead; spatial when
	// it bounds its longitudes or latitudes.
	box, spatial bool
}

// translateWhere turns e, which passed report.CheckExpr, into SQL whose values are all bound
// arguments. The condition is in two-valued logic: each predicate is false for an event that lacks
// the value it reads, and a NOT is pushed down to the predicates (so NOT x is false, not true, when
// x reads a value the event lacks), which keeps what report.Match keeps. Before it go the bounds
// the condition implies for the R*Tree's columns (for an OR too), so that the R*Tree can narrow
// the events down.
func translateWhere(e report.Expr) (whereSQL, error) {
	if e == nil {
		return whereSQL{}, nil
	}
	if err := report.CheckExpr(e); err != nil {
		return whereSQL{}, err
	}
	t := &translator{}
	cond, err := t.cond(e, false)
	if err != nil {
		return whereSQL{}, err
	}
	condArgs := t.args
	t.args = nil
	bounds := t.boundsSQL(t.bounds(e, false))
	w := whereSQL{sql: cond, args: append(t.args, condArgs...), mention: t.mention, report: t.report, box: len(bounds) > 0}
	b := t.bounds(e, false)
	onPoints := anyBounds()
	onPoints.lon, onPoints.lat = b.lon, b.lat
	w.spatial = len((&translator{}).boundsSQL(onPoints)) > 0
	if len(bounds) > 0 {
		w.sql = strings.Join(bounds, " AND ") + " AND " + cond
	}
	return w, nil
}

type translator struct {
	args            []any
	mention, report bool
	cols            *eventCols // the columns of the event's date and point; boxCols when nil
}

// eventCols are the columns a translation reads the event's date and point from.
type eventCols struct {
	start, end     string // the date's first day, and the day after its last, in units of 1/scale day
	dated, missing string // the conditions that it is dated, undated
	scale          int64
	// The point's longitude and latitude in event_boxes' units, each as a box's two sides.
	minLon, maxLon, minLat, maxLat string
}

var (
	// boxCols are the R*Tree's, b.
	boxCols = eventCols{"b.date_start", "b.date_end", "b.date_start < " + undatedSQL, "b.date_start >= " + undatedSQL, unitsPerDay,
		"b.min_lon", "b.max_lon", "b.min_lat", "b.max_lat"}
	// mentionCols are the mention's, m, the date as the index of events by date holds it.
	mentionCols = eventCols{"coalesce(m.date_start, 2147483647)", "m.date_end",
		"coalesce(m.date_start, 2147483647) < " + undatedSQL, "coalesce(m.date_start, 2147483647) >= " + undatedSQL, 1,
		mentionLon, mentionLon, mentionLat, mentionLat}
)

// The point of a mention in event_boxes' units, as its triggers store it.
const (
	mentionLon = "CAST(round(m.lon * 1e5) AS INTEGER)"
	mentionLat = "CAST(round(m.lat * 1e5) AS INTEGER)"
)

// eventCols are the columns t reads the event's date and point from.
func (t *translator) eventCols() eventCols {
	if t.cols == nil {
		return boxCols
	}
	return *t.cols
}

// translateOn turns e, which passed report.CheckExpr, into SQL that reads the event's date and
// point from cols, as translateWhere does but for the bounds; nil is no condition ("").
func translateOn(e report.Expr, cols eventCols) (whereSQL, error) {
	if e == nil {
		return whereSQL{}, nil
	}
	t := &translator{cols: &cols}
	cond, err := t.cond(e, false)
	return whereSQL{sql: cond, args: t.args, mention: t.mention, report: t.report}, err
}

// arg binds v and returns its placeholder.
func (t *translator) arg(v any) string {
	t.args = append(t.args, v)
	return "?"
}

// column is a queryable as SQL.
type column struct {
	sql     string // its value; "" for the date properties and the geometry, read otherwise
	table   byte   // the alias it reads: 'b', 'm' or 'r'
	missing string // true when the event lacks the value; "" when it never does
}

// undatedSQL is undated, the date_start of undated events in event_boxes, as SQL writes it.
const undatedSQL = "2147483647"

func columnOf(name report.Property) (column, error) {
	switch name {
	case "name", "geonameid", "feature_code", "country_code", "text", "confidence", "corrected":
		return column{sql: "m." + string(name), table: 'm'}, nil
	case "kind":
		return column{sql: kindFunc + "(m.feature_code)", table: 'm'}, nil
	case "admin1":
		return column{sql: "m.admin1", table: 'm', missing: "m.admin1 = ''"}, nil
	case "report_id":
		return column{sql: "r.id", table: 'r'}, nil
	case "title", "source", "url", "lang":
		c := "r." + string(name)
		return column{sql: c, table: 'r', missing: c + " = ''"}, nil
	case "published":
		return column{table: 'r', missing: "r.pub_start IS NULL"}, nil
	case "date":
		return column{table: 'b', missing: "b.date_start >= " + undatedSQL}, nil
	case "geometry":
		return column{table: 'b'}, nil
	}
	return column{}, fmt.Errorf("sqlite: no column for the property %q", string(name))
}

// use notes the table c reads.
func (t *translator) use(c column) {
	switch c.table {
	case 'm':
		t.mention = true
	case 'r':
		t.report = true
	}
}

// cond returns the SQL of e, or of NOT e when neg is set.
func (t *translator) cond(e report.Expr, neg bool) (string, error) {
	if c, ok := report.DateCondOf(e); ok {
		return t.dateCond(c, neg)
	}
	switch e := e.(type) {
	case report.And:
		return t.join(e.Args, neg, " AND ", " OR ")
	case report.Or:
		return t.join(e.Args, neg, " OR ", " AND ")
	case report.Not:
		return t.cond(e.Arg, !neg)
	case report.BoolLit:
		if bool(e) != neg {
			return "true", nil
		}
		return "false", nil
	case report.IsNull:
		p, _ := e.Arg.(report.Property)
		c, err := columnOf(p)
		if err != nil {
			return "", err
		}
		t.use(c)
		if p == "date" {
			c.missing = t.eventCols().missing
		}
		switch {
		case c.missing == "":
			return t.cond(report.BoolLit(false), neg)
		case neg:
			return "NOT (" + c.missing + ")", nil
		}
		return "(" + c.missing + ")", nil
	case report.Spatial:
		in, err := t.spatial(e)
		if err != nil {
			return "", err
		}
		if neg != (e.Op == report.SDisjoint) {
			return "NOT " + in, nil
		}
		return in, nil
	case report.Compare, report.Like, report.In, report.Between:
		guards, body, err := t.scalar(e)
		if err != nil {
			return "", err
		}
		if neg {
			body = "NOT " + body
		}
		return "(" + strings.Join(append(guards, body), " AND ") + ")", nil
	}
	return "", fmt.Errorf("sqlite: cannot translate the condition %T", e)
}

// join returns the SQL of es joined by op, or, when neg is set, of their negations joined by
// negOp (De Morgan).
func (t *translator) join(es []report.Expr, neg bool, op, negOp string) (string, error) {
	if neg {
		op = negOp
	}
	parts := make([]string, len(es))
	for i, e := range es {
		var err error
		if parts[i], err = t.cond(e, neg); err != nil {
			return "", err
		}
	}
	return "(" + strings.Join(parts, op) + ")", nil
}

// dateCond returns the SQL of c, or of its negation when neg is set: either is false for an
// undated value.
func (t *translator) dateCond(c report.DateCond, neg bool) (string, error) {
	col, err := columnOf(c.Property)
	if err != nil {
		return "", err
	}
	t.use(col)
	start, end, dated, scale := "r.pub_start", "r.pub_end", "r.pub_start IS NOT NULL", int64(1)
	if c.Property == "date" {
		d := t.eventCols()
		start, end, dated, scale = d.start, d.end, d.dated, d.scale
	}
	ors := make([]string, len(c.Spans))
	for i, s := range c.Spans {
		var ands []string
		bound := func(col, op string, day int64) {
			ands = append(ands, col+" "+op+" "+t.arg(clampDay(day)*scale))
		}
		if s.StartMin != math.MinInt64 {
			bound(start, ">=", s.StartMin)
		}
		if s.StartMax != math.MaxInt64 {
			bound(start, "<=", s.StartMax)
		}
		if s.EndMin != math.MinInt64 {
			bound(end, ">=", s.EndMin)
		}
		if s.EndMax != math.MaxInt64 {
			bound(end, "<=", s.EndMax)
		}
		if len(ands) == 0 {
			ands = []string{"true"}
		}
		ors[i] = "(" + strings.Join(ands, " AND ") + ")"
	}
	body := "(" + strings.Join(ors, " OR ") + ")"
	if c.Negated != neg {
		body = "NOT " + body
	}
	return "(" + dated + " AND " + body + ")", nil
}

// clampDay brings a day into the days just around those a date may cover, where it compares with
// them as it would unbounded, and its R*Tree units fit a float64 exactly.
func clampDay(day int64) int64 { return min(max(day, -maxDay-2), maxDay+2) }

// spatial returns the SQL of "the event's point intersects e's literal".
func (t *translator) spatial(e report.Spatial) (string, error) {
	switch s := e.Shape().(type) {
	case report.BBoxLit:
		boxes, err := s.Boxes()
		if err != nil {
			return "", err
		}
		if len(boxes) == 0 {
			return "true", nil
		}
		ors := make([]string, len(boxes))
		for i, b := range boxes {
			ors[i] = t.box(units(b.Min.Lon()), units(b.Max.Lon()), units(b.Min.Lat()), units(b.Max.Lat()))
		}
		return "(" + strings.Join(ors, " OR ") + ")", nil
	case report.GeometryLit:
		if p, ok := s.Geometry.(orb.Point); ok {
			return t.box(units(p.Lon()), units(p.Lon()), units(p.Lat()), units(p.Lat())), nil
		}
		blob, err := wkb.Marshal(s.Geometry)
		if err != nil {
			return "", fmt.Errorf("sqlite: filter geometry: %w", err)
		}
		w, e, so, n := shapeBox(s.Geometry)
		c := t.eventCols()
		return "(" + t.box(w, e, so, n) + " AND " + inShapeFunc + "(" + c.minLon + ", " + c.minLat + ", " + t.arg(blob) + "))", nil
	}
	return "", fmt.Errorf("sqlite: cannot translate the geometry %T", e.Shape())
}

// shapeBox is a box, in event_boxes' units, around every point whose units ShapeContains may hold
// for with g.
func shapeBox(g orb.Geometry) (west, east, south, north int64) {
	b := g.Bound()
	floor := func(deg float64) int64 { return int64(math.Floor(deg*unitsPerDegree)) - 1 }
	ceil := func(deg float64) int64 { return int64(math.Ceil(deg*unitsPerDegree)) + 1 }
	return floor(b.Min.Lon()), ceil(b.Max.Lon()), floor(b.Min.Lat()), ceil(b.Max.Lat())
}

// box is the condition that the event's point lies in a box of event_boxes' units, as
// newEventQuery writes it for a bbox.
func (t *translator) box(west, east, south, north int64) string {
	c := t.eventCols()
	return "(" + c.maxLon + " >= " + t.arg(west) + " AND " + c.minLon + " <= " + t.arg(east) +
		" AND " + c.maxLat + " >= " + t.arg(south) + " AND " + c.minLat + " <= " + t.arg(north) + ")"
}

// compareSQL are the comparison operators, as SQL writes them.
func compareSQL(op report.CompareOp) (string, error) {
	switch op {
	case report.Eq, report.Ne, report.Lt, report.Le, report.Gt, report.Ge:
		return string(op), nil
	}
	return "", fmt.Errorf("sqlite: unknown comparison %q", string(op))
}

// scalar returns the SQL of a Compare, Like, In or Between of scalar values, and the guards that
// its properties are present.
func (t *translator) scalar(e report.Expr) (guards []string, body string, err error) {
	value := func(o report.Operand) string {
		switch o := o.(type) {
		case report.Property:
			c, cerr := columnOf(o)
			if cerr != nil {
				err = cerr
				return "NULL"
			}
			t.use(c)
			if c.missing != "" {
				guards = append(guards, "NOT ("+c.missing+")")
			}
			return c.sql
		case report.StringLit:
			return t.arg(string(o))
		case report.NumberLit:
			if f := float64(o); f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				return t.arg(int64(f))
			}
			return t.arg(float64(o))
		case report.BoolLit:
			if o {
				return t.arg(int64(1))
			}
			return t.arg(int64(0))
		}
		err = fmt.Errorf("sqlite: cannot translate the value %T", o)
		return "NULL"
	}
	switch e := e.(type) {
	case report.Compare:
		if id, ok := reportIDIs(e); ok { // by the index of mentions by report, as EventFilter.ReportID
			t.mention = true
			return nil, "(m.rid = (SELECT rid FROM reports WHERE id = " + t.arg(id) + "))", nil
		}
		op, oerr := compareSQL(e.Op)
		if oerr != nil {
			return nil, "", oerr
		}
		body = "(" + value(e.Left) + " " + op + " " + value(e.Right) + ")"
	case report.Like:
		pattern, _ := e.Pattern.(report.StringLit)
		body = "(" + value(e.Arg) + " GLOB " + t.arg(globPattern(string(pattern))) + ")"
	case report.In:
		body = "(" + value(e.Arg) + " IN ("
		for i, o := range e.List {
			if i > 0 {
				body += ", "
			}
			body += value(o)
		}
		body += "))"
	case report.Between:
		body = "(" + value(e.Arg) + " BETWEEN " + value(e.Low) + " AND " + value(e.High) + ")"
	}
	return guards, body, err
}

// reportIDIs returns the id of a comparison report_id = 'id'.
func reportIDIs(e report.Compare) (string, bool) {
	if e.Op != report.Eq {
		return "", false
	}
	for _, sides := range [][2]report.Operand{{e.Left, e.Right}, {e.Right, e.Left}} {
		if p, ok := sides[0].(report.Property); ok && p == "report_id" {
			if s, ok := sides[1].(report.StringLit); ok {
				return string(s), true
			}
		}
	}
	return "", false
}

// globPattern turns a pattern of CQL2's LIKE (% any run of characters, _ one, \ escaping the
// character after it) into one of SQLite's GLOB, which is case-sensitive as LIKE is in CQL2.
func globPattern(like string) string {
	var b strings.Builder
	escaped := false
	for _, r := range like {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
			continue
		case r == '%':
			b.WriteByte('*')
			continue
		case r == '_':
			b.WriteByte('?')
			continue
		}
		switch r {
		case '*', '?', '[':
			b.WriteString("[" + string(r) + "]")
		default:
			b.WriteRune(r)
		}
	}
	if escaped { // a \ at the end stands for itself
		b.WriteByte('\\')
	}
	return b.String()
}

// bounds are what a condition implies of the R*Tree's columns of the events it keeps: inclusive
// ranges, in its units, of the point's longitude and latitude and of date_start and date_end.
type bounds struct{ lon, lat, start, end [2]int64 }

var unbounded = [2]int64{math.MinInt64, math.MaxInt64}

func anyBounds() bounds { return bounds{unbounded, unbounded, unbounded, unbounded} }

// and is what holds when both a and o do; or when either does.
func (a bounds) and(o bounds) bounds {
	r := func(x, y [2]int64) [2]int64 { return [2]int64{max(x[0], y[0]), min(x[1], y[1])} }
	return bounds{r(a.lon, o.lon), r(a.lat, o.lat), r(a.start, o.start), r(a.end, o.end)}
}

func (a bounds) or(o bounds) bounds {
	r := func(x, y [2]int64) [2]int64 { return [2]int64{min(x[0], y[0]), max(x[1], y[1])} }
	return bounds{r(a.lon, o.lon), r(a.lat, o.lat), r(a.start, o.start), r(a.end, o.end)}
}

// bounds returns the bounds implied by e, or by NOT e when neg is set; e passed t.cond.
func (t *translator) bounds(e report.Expr, neg bool) bounds {
	all := anyBounds()
	if c, ok := report.DateCondOf(e); ok {
		if c.Property != "date" {
			return all
		}
		all.start[1] = undated - 1 // dated
		if c.Negated != neg {
			return all
		}
		var b bounds
		for i, s := range c.Spans {
			sb := all
			dayUnits := func(day int64) int64 {
				if day == math.MinInt64 || day == math.MaxInt64 {
					return day
				}
				return clampDay(day) * unitsPerDay
			}
			sb.start = [2]int64{dayUnits(s.StartMin), min(dayUnits(s.StartMax), undated-1)}
			sb.end = [2]int64{dayUnits(s.EndMin), dayUnits(s.EndMax)}
			if i == 0 {
				b = sb
			} else {
				b = b.or(sb)
			}
		}
		return b
	}
	switch e := e.(type) {
	case report.And: // NOT (a AND b) is NOT a OR NOT b
		return t.boundsOf(e.Args, neg, !neg)
	case report.Or:
		return t.boundsOf(e.Args, neg, neg)
	case report.Not:
		return t.bounds(e.Arg, !neg)
	case report.IsNull:
		if e.Arg != report.Property("date") {
			return all
		}
		if neg {
			all.start[1] = undated - 1
		} else {
			all.start = [2]int64{undated, undated}
		}
		return all
	case report.Spatial:
		if neg != (e.Op == report.SDisjoint) {
			return all
		}
		switch s := e.Shape().(type) {
		case report.BBoxLit:
			boxes, err := s.Boxes()
			if err != nil || len(boxes) == 0 {
				return all
			}
			var b bounds
			for i, box := range boxes {
				bb := all
				bb.lon = [2]int64{units(box.Min.Lon()), units(box.Max.Lon())}
				bb.lat = [2]int64{units(box.Min.Lat()), units(box.Max.Lat())}
				if i == 0 {
					b = bb
				} else {
					b = b.or(bb)
				}
			}
			return b
		case report.GeometryLit:
			if p, ok := s.Geometry.(orb.Point); ok {
				all.lon = [2]int64{units(p.Lon()), units(p.Lon())}
				all.lat = [2]int64{units(p.Lat()), units(p.Lat())}
				return all
			}
			w, e, so, n := shapeBox(s.Geometry)
			all.lon, all.lat = [2]int64{w, e}, [2]int64{so, n}
			return all
		}
	}
	return all
}

// boundsOf returns the bounds implied by es, or by their negations when neg is set: when all of
// them hold if all is set, else when one does.
func (t *translator) boundsOf(es []report.Expr, neg, all bool) bounds {
	b := anyBounds()
	for i, e := range es {
		switch eb := t.bounds(e, neg); {
		case all:
			b = b.and(eb)
		case i == 0:
			b = eb
		default:
			b = b.or(eb)
		}
	}
	return b
}

// boundsSQL returns the conditions on the R*Tree's columns of those of b that narrow the events
// down: none for a bound every point, or every dated event, lies within.
func (t *translator) boundsSQL(b bounds) []string {
	var conds []string
	add := func(r [2]int64, minCol, maxCol string, lo, hi int64) {
		if r[0] > lo {
			conds = append(conds, maxCol+" >= "+t.arg(r[0]))
		}
		if r[1] < hi {
			conds = append(conds, minCol+" <= "+t.arg(r[1]))
		}
	}
	add(b.lon, "b.min_lon", "b.max_lon", units(-180), units(180))
	add(b.lat, "b.min_lat", "b.max_lat", units(-90), units(90))
	add(b.start, "b.date_start", "b.date_start", -maxDay*unitsPerDay, maxDay*unitsPerDay)
	add(b.end, "b.date_end", "b.date_end", -maxDay*unitsPerDay, maxDay*unitsPerDay)
	return conds
}
