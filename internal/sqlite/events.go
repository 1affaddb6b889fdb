package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// The units of event_boxes, see migrations/0001_init.sql. Its points are in the units of
// report.ClusterGrid, so that they go to it as they are.
const (
	unitsPerDegree = report.ClusterUnitsPerDegree
	unitsPerDay    = 2048
	undated        = math.MaxInt32         // the date range of undated events
	maxDay         = undated / unitsPerDay // dates must lie in days -maxDay to maxDay from 1970
)

// units is a longitude or latitude in event_boxes' units, rounded as SQL round() does.
func units(deg float64) int64 { return int64(math.Round(deg * unitsPerDegree)) }

// eventQuery is the FROM and WHERE clauses selecting the events a filter keeps, with their arguments.
// Events come from the R*Tree, b; the mention, m, and its report, r, are joined only when the
// filter or the caller needs them.
type eventQuery struct {
	from, where string
	args        []any
	byBox       bool // the R*Tree leads: conditions on b's columns narrow its scan
}

func newEventQuery(f report.EventFilter) (eventQuery, error) { return planEvents(f, 0, false, nil) }

// eventQuery is newEventQuery's query with the days on which the events of its dates start read
// from event_days: the index of events by date is read on those days only.
func (s *Store) eventQuery(ctx context.Context, f report.EventFilter) (eventQuery, error) {
	return s.planEvents(ctx, f, false)
}

// pointQuery is eventQuery for a reader of the events' points (b.min_lon, b.min_lat): the R*Tree,
// which holds them, leads when it narrows the events down by dates as the index of events by
// date would, whose events' points are read from their mentions, one by one.
func (s *Store) pointQuery(ctx context.Context, f report.EventFilter) (eventQuery, error) {
	return s.planEvents(ctx, f, true)
}

func (s *Store) planEvents(ctx context.Context, f report.EventFilter, points bool) (eventQuery, error) {
	return planEvents(f, 0, points, func(d dateSelection) ([]int64, error) {
		plan, err := d.plan(ctx, s.read, -maxDay-longestDate, undated)
		days := make([]int64, len(plan))
		for i, c := range plan {
			days[i] = c.day
		}
		return days, err
	})
}

// maxDayList is the most days a query names one by one; more are read as the range they span.
const maxDayList = 1000

// mentionBoxes are the rows of event_boxes of the events whose keys, date_start and id (and
// date_end), u holds,
// as their mentions x give them (see the triggers of migrations/0001_init.sql): the shape of the
// queries the R*Tree does not lead. A query that reads only the keys does not read x (SQLite
// leaves a LEFT JOIN whose columns go unread out), and the keys come from an index.
const mentionBoxes = `SELECT u.id AS id, u.date_start AS date_start, u.date_end AS date_end,
	CAST(round(x.lon * 1e5) AS INTEGER) AS min_lon, CAST(round(x.lon * 1e5) AS INTEGER) AS max_lon,
	CAST(round(x.lat * 1e5) AS INTEGER) AS min_lat, CAST(round(x.lat * 1e5) AS INTEGER) AS max_lat
	FROM (%s) u LEFT JOIN mentions x ON x.id = u.id`

// mentionKey is the key columns of a mention m as event_boxes holds them, date_start and id, and
// its date_end, from the index of events by date as well as from the mention.
const mentionKey = `CASE WHEN coalesce(m.date_start, 2147483647) >= 2147483647 THEN 2147483647
	ELSE coalesce(m.date_start, 2147483647) * 2048 END AS date_start, m.id AS id, coalesce(m.date_end * 2048, 2147483647) AS date_end`

// maxArms is the most arms of an OR the query of a filter reads one by one (see planEvents).
const maxArms = 8

// planEvents is newEventQuery's query, which it chooses by what narrows the events down best,
// without statistics (an R*Tree has none): first a box, by the R*Tree; else a place, country,
// report or words, by their index on mentions; else dates, by the index of events by date (on
// the days on which startDays, when not nil, says events of those dates start); else an OR of
// conditions each of which narrows the events so, by the union of its arms (depth counts the
// ORs split so far); else by whatever the filter reads.
func planEvents(f report.EventFilter, depth int, points bool, startDays func(dateSelection) ([]int64, error)) (eventQuery, error) {
	w, err := translateWhere(f.Where)
	if err != nil {
		return eventQuery{}, err
	}
	_, _, dated := days(f)
	indexed := byIndex(f)
	if f.BBox != nil || w.spatial || points && !indexed && (dated || dateConjuncts(f) != nil) {
		return rtreeQuery(f, w)
	}
	keys, args, err := mentionKeys(f, depth, startDays)
	if err != nil {
		return eventQuery{}, err
	}
	return eventQuery{from: "(" + fmt.Sprintf(mentionBoxes, keys) + ") b", where: "true", args: args}, nil
}

// rtreeQuery is the query of the events of f read from the R*Tree b, which leads; w is f's Where.
func rtreeQuery(f report.EventFilter, w whereSQL) (eventQuery, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if boxes := f.Boxes(); len(boxes) > 0 { // two across the antimeridian
		var ors []string
		var orArgs []any
		for _, b := range boxes {
			ors = append(ors, "b.max_lon >= ? AND b.min_lon <= ? AND b.max_lat >= ? AND b.min_lat <= ?")
			orArgs = append(orArgs, units(b.Min.Lon()), units(b.Max.Lon()), units(b.Min.Lat()), units(b.Max.Lat()))
		}
		add("("+strings.Join(ors, " OR ")+")", orArgs...)
	}
	if from, to, dated := days(f); dated {
		add("b.date_end > ? AND b.date_start < ?", from*unitsPerDay, to*unitsPerDay)
	}
	byMention, byReport, err := addMentionConds(f, add)
	if err != nil {
		return eventQuery{}, err
	}
	if w.sql != "" {
		add(w.sql, w.args...)
	}
	tables := "event_boxes b"
	if byMention || byReport || w.mention || w.report {
		tables += " JOIN mentions m ON m.id = b.id"
	}
	if byReport || w.report {
		tables += " JOIN reports r ON r.rid = m.rid"
	}
	if len(where) == 0 {
		where = []string{"true"}
	}
	return eventQuery{from: tables, where: strings.Join(where, " AND "), args: args, byBox: true}, nil
}

// addMentionConds adds f's conditions on its mentions m (words, place, country, report) and
// reports r (source, language), and says which of them it reads.
func addMentionConds(f report.EventFilter, add func(string, ...any)) (byMention, byReport bool, err error) {
	if f.Q != "" {
		q, err := ftsQuery(f.Q)
		if err != nil {
			return false, false, err
		}
		add("m.rid IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?)", q)
	}
	if f.PlaceID != 0 {
		add("m.geonameid = ?", f.PlaceID)
	}
	if f.Country != "" {
		add("m.country_code = ?", strings.ToUpper(f.Country))
	}
	if f.ReportID != "" {
		add("m.rid = (SELECT rid FROM reports WHERE id = ?)", f.ReportID)
	}
	if f.Source != "" {
		add("r.source = ?", f.Source)
	}
	if f.Lang != "" {
		add("r.lang = ?", f.Lang)
	}
	return f.Q != "" || f.PlaceID != 0 || f.Country != "" || f.ReportID != "", f.Source != "" || f.Lang != "", nil
}

// mentionKeys returns the SELECT of the keys (mentionKey) of the events of f, which no box
// narrows, read from the mentions, and its arguments: by an index on mentions, by dates, by the
// union of the arms of an OR, or by whatever f reads (see planEvents).
func mentionKeys(f report.EventFilter, depth int, startDays func(dateSelection) ([]int64, error)) (string, []any, error) {
	indexed := byIndex(f)
	var where []string
	var args []any
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	add("NOT m.not_a_place")
	rest := f.Where // what remains to test of f's Where
	byDate := false
	if !indexed {
		dw, dargs, ok, err := byDays(f, startDays)
		if err != nil {
			return "", nil, err
		}
		if ok {
			add(dw, dargs...)
			byDate, rest = true, nonDateConjuncts(f)
		} else if arms, ok := narrowArms(f, depth); ok {
			parts := make([]string, len(arms))
			var args []any
			for i, a := range arms {
				q, err := armKeys(a, depth+1, startDays)
				if err != nil {
					return "", nil, err
				}
				parts[i], args = q.sql, append(args, q.args...)
			}
			return strings.Join(parts, " UNION "), args, nil
		}
	}
	if from, to, dated := days(f); dated && !byDate {
		add("m.date_end > ? AND coalesce(m.date_start, 2147483647) < ?", from, to)
	}
	_, byReport, err := addMentionConds(f, add)
	if err != nil {
		return "", nil, err
	}
	w, err := translateOn(rest, mentionCols)
	if err != nil {
		return "", nil, err
	}
	if w.sql != "" {
		add(w.sql, w.args...)
	}
	byReport = byReport || w.report
	tables := "mentions m"
	switch {
	case byDate:
		tables = "mentions m INDEXED BY mentions_events_by_date"
	case !indexed && !w.mention && byReport: // the reports narrow the mentions down
		tables = "reports r CROSS JOIN mentions m ON m.rid = r.rid"
		byReport = false
	}
	if byReport {
		tables += " JOIN reports r ON r.rid = m.rid"
	}
	return "SELECT " + mentionKey + " FROM " + tables + " WHERE " + strings.Join(where, " AND "), args, nil
}

// armQuery is the SELECT of the keys, date_start and id, and date_end of the events of an arm of an OR.
type armQuery struct {
	sql  string
	args []any
}

// armKeys is the SELECT of the keys of the events of f, an arm of an OR: from the R*Tree when a
// box narrows them, else from the mentions.
func armKeys(f report.EventFilter, depth int, startDays func(dateSelection) ([]int64, error)) (armQuery, error) {
	w, err := translateWhere(f.Where)
	if err != nil {
		return armQuery{}, err
	}
	if f.BBox != nil || w.spatial {
		q, err := rtreeQuery(f, w)
		return armQuery{"SELECT b.date_start AS date_start, b.id AS id, b.date_end AS date_end FROM " + q.from + " WHERE " + q.where, q.args}, err
	}
	keys, args, err := mentionKeys(f, depth, startDays)
	return armQuery{keys, args}, err
}

// conjuncts are the expressions e is the AND of: e itself when it is no AND, none when nil.
func conjuncts(e report.Expr) []report.Expr {
	switch e := e.(type) {
	case nil:
		return nil
	case report.And:
		var es []report.Expr
		for _, a := range e.Args {
			es = append(es, conjuncts(a)...)
		}
		return es
	}
	return []report.Expr{e}
}

// andOf is the AND of es: nil for none, the one for one.
func andOf(es []report.Expr) report.Expr {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	return report.And{Args: es}
}

// indexedConjunct reports whether e selects the events of given places, countries or a report,
// as an index on mentions finds them: country_code or geonameid = or IN literals, report_id =.
func indexedConjunct(e report.Expr) bool {
	indexedBy := func(o report.Operand, props ...report.Property) bool {
		p, ok := o.(report.Property)
		return ok && slices.Contains(props, p)
	}
	literal := func(o report.Operand) bool {
		switch o.(type) {
		case report.StringLit, report.NumberLit:
			return true
		}
		return false
	}
	switch e := e.(type) {
	case report.Compare:
		if _, ok := reportIDIs(e); ok {
			return true
		}
		return e.Op == report.Eq && (indexedBy(e.Left, "country_code", "geonameid") && literal(e.Right) ||
			indexedBy(e.Right, "country_code", "geonameid") && literal(e.Left))
	case report.In:
		return indexedBy(e.Arg, "country_code", "geonameid") && !slices.ContainsFunc(e.List, func(o report.Operand) bool { return !literal(o) })
	}
	return false
}

// dateConjuncts is the AND of the conjuncts of f's Where that read the date alone (nil for none);
// nonDateConjuncts the AND of the others.
func dateConjuncts(f report.EventFilter) report.Expr {
	return andOf(slices.DeleteFunc(conjuncts(f.Where), func(c report.Expr) bool { return !readsDateAlone(c) }))
}

func nonDateConjuncts(f report.EventFilter) report.Expr {
	return andOf(slices.DeleteFunc(conjuncts(f.Where), readsDateAlone))
}

func readsDateAlone(e report.Expr) bool {
	_, ok := report.DaysTestOf(e)
	return ok
}

// byDays returns the condition on the mentions m, read by the index of events by date, that
// keeps those whose dates f's dates keep (From, To and the conjuncts of its Where that read the
// date alone), read from the index alone: on the days startDays gives, or, when it is nil, on
// those From and To bound. ok is false when f has no such dates.
func byDays(f report.EventFilter, startDays func(dateSelection) ([]int64, error)) (cond string, args []any, ok bool, err error) {
	from, to, dated := days(f)
	dates := dateConjuncts(f)
	if !dated && dates == nil {
		return "", nil, false, nil
	}
	cd := mentionCols.start
	var conds []string
	sel := dateSelection{from: from, to: to, dated: dated}
	if dates != nil {
		sel.where, sel.hasWhere = report.DaysTestOf(dates)
	}
	switch {
	case startDays != nil:
		ds, err := startDays(sel)
		if err != nil {
			return "", nil, false, err
		}
		switch {
		case len(ds) == 0:
			conds = append(conds, "false")
		case len(ds) <= maxDayList: // each day by the index
			conds = append(conds, cd+" IN (?"+strings.Repeat(", ?", len(ds)-1)+")")
			for _, d := range ds {
				args = append(args, d)
			}
		default:
			conds, args = append(conds, cd+" BETWEEN ? AND ?"), append(args, ds[0], ds[len(ds)-1])
		}
	case dated: // no event that starts longestDate days before from lasts until it
		conds, args = append(conds, cd+" >= ? AND "+cd+" < ?"), append(args, from-longestDate, to)
	}
	if dated {
		conds, args = append(conds, cd+" < ? AND m.date_end > ?"), append(args, to, from)
	}
	if dates != nil {
		w, err := translateOn(dates, mentionCols)
		if err != nil {
			return "", nil, false, err
		}
		conds, args = append(conds, w.sql), append(args, w.args...)
	}
	if len(conds) == 0 {
		return "true", nil, true, nil
	}
	return strings.Join(conds, " AND "), args, true, nil
}

// narrowArms returns f as the filters of the arms of the first OR among the conjuncts of its
// Where that reads more than the date, each with the other conditions of f, when each arm
// narrows the events down by a box, an index on mentions or dates.
func narrowArms(f report.EventFilter, depth int) ([]report.EventFilter, bool) {
	if depth >= 2 {
		return nil, false
	}
	cs := conjuncts(f.Where)
	for i, c := range cs {
		or, ok := c.(report.Or)
		if !ok || readsDateAlone(c) || len(or.Args) > maxArms {
			continue
		}
		others := slices.Delete(slices.Clone(cs), i, i+1)
		arms := make([]report.EventFilter, len(or.Args))
		for j, a := range or.Args {
			arms[j] = f
			arms[j].Where = andOf(append(slices.Clone(others), conjuncts(a)...))
			if !narrows(arms[j]) {
				return nil, false
			}
		}
		return arms, true
	}
	return nil, false
}

// byIndex reports whether an index on mentions narrows the events of f down: words, a place, a
// country or a report, as parameters or as conjuncts of its Where (indexedConjunct).
func byIndex(f report.EventFilter) bool {
	return f.Q != "" || f.PlaceID != 0 || f.Country != "" || f.ReportID != "" || slices.ContainsFunc(conjuncts(f.Where), indexedConjunct)
}

// narrows reports whether a box, an index on mentions or dates narrow the events of f down.
func narrows(f report.EventFilter) bool {
	if f.BBox != nil || byIndex(f) || !f.From.IsZero() || !f.To.IsZero() || dateConjuncts(f) != nil {
		return true
	}
	w, err := translateWhere(f.Where)
	return err == nil && w.spatial
}

// days returns the filter's date range in days, [from, to), open ends bounded by the dates the
// store can hold; ok is false when the filter has no date range.
func days(f report.EventFilter) (from, to int64, ok bool) {
	from, to = -maxDay, maxDay
	if !f.From.IsZero() {
		from = max(dayOf(f.From), -maxDay)
	}
	if !f.To.IsZero() {
		to = min(dayAfter(f.To), maxDay)
	}
	return from, to, !f.From.IsZero() || !f.To.IsZero()
}

// ftsQuery turns a user's search into an FTS5 query in which every word, "quoted phrase" or prefix*
// must occur. Each term reaches FTS5 as a string, so nothing the user types is read as FTS5 syntax.
func ftsQuery(q string) (string, error) {
	if strings.Count(q, `"`)%2 != 0 {
		return "", report.Errorf(report.Invalid, "search %q has an unclosed quote", q)
	}
	hasWord := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
	}
	quote := func(s string) string { return `"` + s + `"` }
	var terms []string
	for i, part := range strings.Split(q, `"`) {
		if i%2 == 1 { // between quotes
			if hasWord(part) {
				terms = append(terms, quote(part))
			}
			continue
		}
		for _, w := range strings.Fields(part) {
			prefix := strings.HasSuffix(w, "*")
			w = strings.TrimRight(w, "*")
			if !hasWord(w) {
				continue
			}
			t := quote(w)
			if prefix {
				t += "*"
			}
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return "", report.Errorf(report.Invalid, "search %q has no words", q)
	}
	return strings.Join(terms, " "), nil
}

const eventColumns = `m.id, r.id, r.title, r.source, r.url, r.lang, r.pub_start, r.pub_end, r.pub_precision,
	m.text, m.geonameid, m.name, m.lat, m.lon, m.feature_code, m.country_code, m.admin1, m.population,
	m.date_start, m.date_end, m.date_precision, m.confidence, m.corrected, m.span_start - m.sentence_start, m.span_end - m.sentence_start,
	CAST(substr(CAST(r.text AS BLOB), m.sentence_start + 1, m.sentence_end - m.sentence_start) AS TEXT)`

// scanEvents reads up to n rows of eventColumns.
func scanEvents(rows *sql.Rows, n int) ([]report.Event, error) {
	defer rows.Close()
	es := make([]report.Event, 0, n)
	for rows.Next() {
		var e report.Event
		p := &e.Place
		var pub, pubEnd, date, dateEnd int64
		var pubPrecision, precision report.Precision
		err := rows.Scan(num(&e.MentionID), &e.ReportID, &e.Title, &e.Source, &e.URL, &e.Lang, num(&pub), num(&pubEnd), num(&pubPrecision),
			&e.Text, num(&p.ID), &p.Name, num(&p.Lat), num(&p.Lon), &p.FeatureCode, &p.CountryCode, &p.Admin1, num(&p.Population),
			num(&date), num(&dateEnd), num(&precision), num(&e.Confidence), &e.Corrected, num(&e.Start), num(&e.End), &e.Sentence)
		if err != nil {
			return nil, err
		}
		e.Published, e.Date = dateOf(pub, pubEnd, pubPrecision), dateOf(date, dateEnd, precision)
		es = append(es, e)
	}
	return es, rows.Err()
}

// number scans an INTEGER or REAL column, NULL as 0, straight into a Go number: database/sql
// would use reflection, or format and parse a string for integer types other than int64.
type number[T ~int | ~int64 | ~uint8 | ~float64] struct{ p *T }

func num[T ~int | ~int64 | ~uint8 | ~float64](p *T) number[T] { return number[T]{p} }

func (n number[T]) Scan(v any) error {
	switch v := v.(type) {
	case int64:
		*n.p = T(v)
	case float64:
		*n.p = T(v)
	case nil:
		*n.p = 0
	default:
		return fmt.Errorf("cannot scan %T into a number", v)
	}
	return nil
}

// QueryEvents returns a page of the events f selects, by date then id, and how many it selects in all.
// Undated events come last. It sorts the selected events' ids here, which is several times faster
// than SQLite's sorter, then reads the page's mentions and reports.
func (s *Store) QueryEvents(ctx context.Context, f report.EventFilter) (report.EventPage, error) {
	if err := f.Normalize(); err != nil {
		return report.EventPage{}, err
	}
	if d, ok := dateSelectionOf(f); ok {
		return s.queryEventsByDays(ctx, f, d)
	}
	q, err := s.eventQuery(ctx, f)
	if err != nil {
		return report.EventPage{}, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT b.date_start, b.id FROM `+q.from+` WHERE `+q.where, q.args...)
	if err != nil {
		return report.EventPage{}, fmt.Errorf("sqlite: query events: %w", ftsError(err))
	}
	defer rows.Close()
	var keys [][2]int64
	for rows.Next() {
		var k [2]int64
		if err := rows.Scan(num(&k[0]), num(&k[1])); err != nil {
			return report.EventPage{}, fmt.Errorf("sqlite: query events: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return report.EventPage{}, fmt.Errorf("sqlite: query events: %w", ftsError(err))
	}
	slices.SortFunc(keys, func(a, b [2]int64) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	ids := make([]int64, 0, f.Limit)
	for _, k := range keys[min(f.Offset, len(keys)):min(f.Offset+f.Limit, len(keys))] {
		ids = append(ids, k[1])
	}
	events, err := s.eventsByID(ctx, ids)
	if err != nil {
		return report.EventPage{}, err
	}
	return report.EventPage{Events: events, Total: len(keys)}, nil
}

// onlyDates reports whether f selects events by nothing but their dates, if that.
func onlyDates(f report.EventFilter) bool {
	f.From, f.To = time.Time{}, time.Time{}
	return f.SelectsAll()
}

// readTx runs fn in a read-only transaction on db: its queries see one snapshot.
func readTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// eventsByID returns the events with the given mention ids, in that order, leaving out those
// deleted meanwhile. A long list is read in two halves at once, on two reader connections: each
// event is two B-tree seeks, and the machine has the cores for it.
func (s *Store) eventsByID(ctx context.Context, ids []int64) ([]report.Event, error) {
	if len(ids) == 0 {
		return []report.Event{}, nil // no query: a page past the end, a map without one-place cells
	}
	const split = 256
	var found []report.Event
	if len(ids) < split {
		var err error
		if found, err = s.readEvents(ctx, ids); err != nil {
			return nil, err
		}
	} else {
		half := len(ids) / 2
		var other []report.Event
		var otherErr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			other, otherErr = s.readEvents(ctx, ids[half:])
		}()
		first, err := s.readEvents(ctx, ids[:half])
		<-done
		if err = cmp.Or(err, otherErr); err != nil {
			return nil, err
		}
		found = append(first, other...)
	}
	byID := make(map[int64]*report.Event, len(found))
	for i := range found {
		byID[found[i].MentionID] = &found[i]
	}
	es := make([]report.Event, 0, len(ids))
	for _, id := range ids {
		if e := byID[id]; e != nil {
			es = append(es, *e)
		}
	}
	return es, nil
}

// readEvents reads the events with the given mention ids, in no particular order.
func (s *Store) readEvents(ctx context.Context, ids []int64) ([]report.Event, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+eventColumns+` FROM mentions m JOIN reports r ON r.rid = m.rid
		WHERE m.id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("sqlite: read events: %w", err)
	}
	found, err := scanEvents(rows, len(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: read events: %w", err)
	}
	return found, nil
}

// ftsError turns FTS5's complaints about a query into Invalid errors; ftsQuery should leave none.
func ftsError(err error) error {
	if err != nil && strings.Contains(err.Error(), "fts5:") {
		return &report.Error{Kind: report.Invalid, Message: "the search cannot be read", Err: err}
	}
	return err
}

// Histogram counts the events f selects in every bin their date intersects (report.BinCounts);
// empty bins are left out.
// Without filters other than dates (see dateSelection), it reads the running counts in event_days; otherwise it counts
// the events here, rather than with GROUP BY, which sorts them all and takes longer.
func (s *Store) Histogram(ctx context.Context, f report.EventFilter, size report.BinSize) ([]report.Bin, error) {
	if err := size.Validate(); err != nil {
		return nil, err
	}
	if err := f.Normalize(); err != nil {
		return nil, err
	}
	query := `SELECT date_start, date_end, count FROM event_days WHERE date_end > ? AND date_start < ?`
	from, to, _ := days(f)
	args := []any{from, to}
	d, byDays := dateSelectionOf(f)
	if !byDays {
		q, err := s.eventQuery(ctx, f)
		if err != nil {
			return nil, err
		}
		query = `SELECT b.date_start / ` + strconv.Itoa(unitsPerDay) + `, b.date_end / ` + strconv.Itoa(unitsPerDay) + `, 1
			FROM ` + q.from + ` WHERE ` + q.where + ` AND b.date_start < ?`
		args = append(q.args, undated)
	}
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: histogram: %w", ftsError(err))
	}
	defer rows.Close()
	perRange := map[[2]int64]int{} // [start, end) in days -> events; few ranges, many events
	for rows.Next() {
		var start, end, n int64
		if err := rows.Scan(num(&start), num(&end), num(&n)); err != nil {
			return nil, fmt.Errorf("sqlite: histogram: %w", err)
		}
		if byDays && !d.holds(start, end) {
			continue
		}
		perRange[[2]int64{start, end}] += int(n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: histogram: %w", ftsError(err))
	}
	c := report.BinCounts{Size: size, From: f.From, To: f.To}
	for r, n := range perRange {
		c.Add(dayTime(r[0]), dayTime(r[1]), n) // n is 0 for a date range whose events were all deleted
	}
	return c.Bins(), nil
}

// Clusters groups the events f selects by the web map tile they lie in at zoom+2: cells about
// 64 pixels wide on a map at zoom. Cells are counted by a report.ClusterGrid rather than with
// GROUP BY, which sorts all the events and takes twice as long. When f selects events by their
// point alone, it counts the points in event_points instead, a row per place rather than per event.
func (s *Store) Clusters(ctx context.Context, f report.EventFilter, zoom int) ([]report.Cluster, error) {
	g, err := report.NewClusterGrid(zoom)
	if err != nil {
		return nil, err
	}
	if err := f.Normalize(); err != nil {
		return nil, err
	}
	byPoint, err := s.byPointOnly(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("sqlite: clusters: %w", err)
	}
	if byPoint {
		err = s.addPoints(ctx, g, f.BBox)
	} else {
		err = s.addEvents(ctx, g, f)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: clusters: %w", ftsError(err))
	}
	cs, one := g.Clusters()
	if byPoint {
		if err := s.findMembers(ctx, one); err != nil {
			return nil, fmt.Errorf("sqlite: clusters: %w", err)
		}
	}
	ids := make([]int64, len(one))
	for i, o := range one {
		ids[i] = o.Member
	}
	es, err := s.eventsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	report.DescribeClusters(cs, one, es)
	return cs, nil
}

// byPointOnly reports whether f selects events by their point alone, if at all: it filters by
// nothing but a box and dates, and every event's date overlaps them.
func (s *Store) byPointOnly(ctx context.Context, f report.EventFilter) (bool, error) {
	f.BBox = nil
	from, to, dated := days(f)
	if !onlyDates(f) || !dated {
		return onlyDates(f), nil
	}
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM event_days
			WHERE count > 0 AND NOT (date_end > ? AND date_start < ?)) + (SELECT count FROM event_undated)`,
		from, to).Scan(&n)
	return n == 0, err
}

// addEvents adds the events f selects to g, read from the R*Tree.
func (s *Store) addEvents(ctx context.Context, g *report.ClusterGrid, f report.EventFilter) error {
	q, err := s.pointQuery(ctx, f)
	if err != nil {
		return err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT b.id, b.min_lon, b.min_lat FROM `+q.from+` WHERE `+q.where, q.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, lon, lat int64
		if err := rows.Scan(num(&id), num(&lon), num(&lat)); err != nil {
			return err
		}
		g.Add(id, lon, lat, 1)
	}
	return rows.Err()
}

// addPoints adds the events inside box, every event when it is nil, to g, read from event_points.
func (s *Store) addPoints(ctx context.Context, g *report.ClusterGrid, box *orb.Bound) error {
	query, args := `SELECT lon, lat, count FROM event_points`, []any(nil)
	var ors []string
	for _, b := range (report.EventFilter{BBox: box}).Boxes() { // as newEventQuery selects them from the R*Tree
		ors = append(ors, `lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?`)
		args = append(args, units(b.Min.Lon()), units(b.Max.Lon()), units(b.Min.Lat()), units(b.Max.Lat()))
	}
	if len(ors) > 0 {
		query += ` WHERE ` + strings.Join(ors, " OR ")
	}
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var lon, lat, n int64
		if err := rows.Scan(num(&lon), num(&lat), num(&n)); err != nil {
			return err
		}
		g.Add(0, lon, lat, n)
	}
	return rows.Err()
}

// findMembers sets the Member of each cluster in one to an event at its point, found in the
// R*Tree; 0 when there is none any more.
func (s *Store) findMembers(ctx context.Context, one []report.OnePoint) error {
	if len(one) == 0 {
		return nil
	}
	points := make([][2]int64, len(one))
	for i, o := range one {
		points[i] = [2]int64{o.Lon, o.Lat}
	}
	list, err := json.Marshal(points)
	if err != nil {
		return err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT p.key, (SELECT b.id FROM event_boxes b
			WHERE b.min_lon = p.value ->> 0 AND b.max_lon = p.value ->> 0 AND b.min_lat = p.value ->> 1 AND b.max_lat = p.value ->> 1
			LIMIT 1)
		FROM json_each(?) p`, string(list))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var i, id int64
		if err := rows.Scan(num(&i), num(&id)); err != nil {
			return err
		}
		one[i].Member = id
	}
	return rows.Err()
}

// GetPlace summarises the events at the place with GeoNames id geonameid.
func (s *Store) GetPlace(ctx context.Context, geonameid int64) (report.PlaceSummary, error) {
	var ps report.PlaceSummary
	p := &ps.Place
	var from, to sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT count(*), min(date_start), max(date_end),
			name, lat, lon, feature_code, country_code, admin1, population
		FROM mentions WHERE geonameid = ? AND NOT not_a_place HAVING count(*) > 0`, geonameid,
	).Scan(&ps.Count, &from, &to, &p.Name, &p.Lat, &p.Lon, &p.FeatureCode, &p.CountryCode, &p.Admin1, &p.Population)
	if errors.Is(err, sql.ErrNoRows) {
		return report.PlaceSummary{}, report.Errorf(report.NotFound, "no events at place %d", geonameid)
	}
	if err != nil {
		return report.PlaceSummary{}, fmt.Errorf("sqlite: get place %d: %w", geonameid, err)
	}
	p.ID = geonameid
	if from.Valid {
		ps.From, ps.To = dayTime(from.Int64), dayTime(to.Int64)
	}
	return ps, nil
}

// PlaceSpellings are the spellings of places in the reports of the languages langs (all when
// langs is empty), by language, place, then most used first.
func (s *Store) PlaceSpellings(ctx context.Context, langs ...string) ([]report.Spelling, error) {
	q := `SELECT geonameid, lang, text, count FROM place_spellings WHERE count > 0`
	args := make([]any, 0, len(langs))
	if len(langs) > 0 {
		q += ` AND lang IN (?` + strings.Repeat(", ?", len(langs)-1) + `)`
		for _, l := range langs {
			args = append(args, l)
		}
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY lang, geonameid, count DESC, text`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: place spellings: %w", err)
	}
	defer rows.Close()
	var out []report.Spelling
	for rows.Next() {
		var sp report.Spelling
		if err := rows.Scan(&sp.PlaceID, &sp.Lang, &sp.Text, &sp.Count); err != nil {
			return nil, fmt.Errorf("sqlite: place spellings: %w", err)
		}
		out = append(out, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: place spellings: %w", err)
	}
	return out, nil
}
