package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// The units of event_boxes, see migrations/0001_init.sql.
const (
	unitsPerDegree = 100_000
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
}

func newEventQuery(f report.EventFilter) (eventQuery, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }

	if b := f.BBox; b != nil {
		add("b.max_lon >= ? AND b.min_lon <= ? AND b.max_lat >= ? AND b.min_lat <= ?",
			units(b.Min.Lon()), units(b.Max.Lon()), units(b.Min.Lat()), units(b.Max.Lat()))
	}
	from, to, dated := days(f)
	if dated {
		add("b.date_end > ? AND b.date_start < ?", from*unitsPerDay, to*unitsPerDay)
	}
	if f.Q != "" {
		q, err := ftsQuery(f.Q)
		if err != nil {
			return eventQuery{}, err
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
	// The join order is set here rather than left to SQLite: an R*Tree that finds no statistics
	// for itself, while other tables have some, claims to hold 100 rows, and is scanned whole.
	byMention, byReport := f.Q != "" || f.PlaceID != 0 || f.Country != "" || f.ReportID != "", f.Source != "" || f.Lang != ""
	var tables string
	switch {
	case f.BBox != nil || dated: // the R*Tree narrows the events down
		tables = "event_boxes b"
		if byMention || byReport {
			tables += " JOIN mentions m ON m.id = b.id"
		}
		if byReport {
			tables += " JOIN reports r ON r.rid = m.rid"
		}
	case byMention: // an index on mentions does
		tables = "mentions m CROSS JOIN event_boxes b ON b.id = m.id"
		if byReport {
			tables += " JOIN reports r ON r.rid = m.rid"
		}
	case byReport:
		tables = "reports r CROSS JOIN mentions m ON m.rid = r.rid CROSS JOIN event_boxes b ON b.id = m.id"
	default:
		tables = "event_boxes b"
	}
	if len(where) == 0 {
		where = []string{"true"}
	}
	return eventQuery{from: tables, where: strings.Join(where, " AND "), args: args}, nil
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

const eventColumns = `m.id, r.id, r.title, r.source, r.url, r.lang, r.pub_start, r.pub_precision,
	m.text, m.geonameid, m.name, m.lat, m.lon, m.feature_code, m.country_code, m.admin1, m.population,
	m.date_start, m.date_precision, m.confidence, m.corrected, m.span_start - m.sentence_start, m.span_end - m.sentence_start,
	CAST(substr(CAST(r.text AS BLOB), m.sentence_start + 1, m.sentence_end - m.sentence_start) AS TEXT)`

// scanEvents reads up to n rows of eventColumns.
func scanEvents(rows *sql.Rows, n int) ([]report.Event, error) {
	defer rows.Close()
	es := make([]report.Event, 0, n)
	for rows.Next() {
		var e report.Event
		p := &e.Place
		var pub, date int64
		var pubPrecision, precision report.Precision
		err := rows.Scan(num(&e.MentionID), &e.ReportID, &e.Title, &e.Source, &e.URL, &e.Lang, num(&pub), num(&pubPrecision),
			&e.Text, num(&p.ID), &p.Name, num(&p.Lat), num(&p.Lon), &p.FeatureCode, &p.CountryCode, &p.Admin1, num(&p.Population),
			num(&date), num(&precision), num(&e.Confidence), &e.Corrected, num(&e.Start), num(&e.End), &e.Sentence)
		if err != nil {
			return nil, err
		}
		e.Published, e.Date = dateOf(pub, pubPrecision), dateOf(date, precision)
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
	q, err := newEventQuery(f)
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

// eventsByID returns the events with the given mention ids, in that order, leaving out those
// deleted meanwhile. A long list is read in two halves at once, on two reader connections: each
// event is two B-tree seeks, and the machine has the cores for it.
func (s *Store) eventsByID(ctx context.Context, ids []int64) ([]report.Event, error) {
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

// Histogram counts the events f selects per bin of their start date; empty bins are left out.
// Without filters other than dates, it reads the running counts in event_days; otherwise it counts
// the events here, rather than with GROUP BY, which sorts them all and takes longer.
func (s *Store) Histogram(ctx context.Context, f report.EventFilter, size report.BinSize) ([]report.Bin, error) {
	if err := size.Validate(); err != nil {
		return nil, err
	}
	if err := f.Normalize(); err != nil {
		return nil, err
	}
	query := `SELECT date_start, count FROM event_days WHERE date_end > ? AND date_start < ?`
	from, to, _ := days(f)
	args := []any{from, to}
	if f.BBox != nil || f.Q != "" || f.PlaceID != 0 || f.Country != "" || f.Source != "" || f.Lang != "" || f.ReportID != "" {
		q, err := newEventQuery(f)
		if err != nil {
			return nil, err
		}
		query = `SELECT b.date_start / ` + strconv.Itoa(unitsPerDay) + `, 1 FROM ` + q.from + ` WHERE ` + q.where + `
			AND b.date_start < ?`
		args = append(q.args, undated)
	}
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: histogram: %w", ftsError(err))
	}
	defer rows.Close()
	perDay := map[int64]int64{}
	for rows.Next() {
		var day, n int64
		if err := rows.Scan(num(&day), num(&n)); err != nil {
			return nil, fmt.Errorf("sqlite: histogram: %w", err)
		}
		perDay[day] += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: histogram: %w", ftsError(err))
	}
	var bins []report.Bin
	for _, day := range slices.Sorted(maps.Keys(perDay)) {
		n := int(perDay[day])
		if n == 0 { // a date range whose events were all deleted
			continue
		}
		bin := size.Floor(dayTime(day))
		if len(bins) > 0 && bins[len(bins)-1].Start.Equal(bin) {
			bins[len(bins)-1].Count += n
		} else {
			bins = append(bins, report.Bin{Start: bin, Count: n})
		}
	}
	return bins, nil
}

// Clusters groups the events f selects by the web map tile they lie in at zoom+2: cells about
// 64 pixels wide on a map at zoom. Cells are counted here rather than with GROUP BY, which sorts
// all the events and takes twice as long.
func (s *Store) Clusters(ctx context.Context, f report.EventFilter, zoom int) ([]report.Cluster, error) {
	if zoom < 0 || zoom > 22 {
		return nil, report.Errorf(report.Invalid, "zoom %d is outside 0..22", zoom)
	}
	if err := f.Normalize(); err != nil {
		return nil, err
	}
	q, err := newEventQuery(f)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT b.id, b.min_lon, b.min_lat FROM `+q.from+` WHERE `+q.where, q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: clusters: %w", ftsError(err))
	}
	defer rows.Close()
	type cell struct {
		count, id, sumLon, sumLat      int64 // id: the first member's
		minLon, minLat, maxLon, maxLat int64
	}
	cells := map[maptile.Tile]*cell{}
	for rows.Next() {
		var id, lon, lat int64
		if err := rows.Scan(num(&id), num(&lon), num(&lat)); err != nil {
			return nil, fmt.Errorf("sqlite: clusters: %w", err)
		}
		t := maptile.At(orb.Point{float64(lon) / unitsPerDegree, float64(lat) / unitsPerDegree}, maptile.Zoom(zoom+2))
		c := cells[t]
		if c == nil {
			c = &cell{id: id, minLon: lon, minLat: lat, maxLon: lon, maxLat: lat}
			cells[t] = c
		}
		c.count++
		c.sumLon, c.sumLat = c.sumLon+lon, c.sumLat+lat
		c.minLon, c.minLat, c.maxLon, c.maxLat = min(c.minLon, lon), min(c.minLat, lat), max(c.maxLon, lon), max(c.maxLat, lat)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: clusters: %w", ftsError(err))
	}
	tiles := slices.SortedFunc(maps.Keys(cells), func(a, b maptile.Tile) int { return cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.X, b.X)) })
	cs := make([]report.Cluster, len(tiles))
	var ids []int64 // a member of each cluster whose members are all at one point
	for i, t := range tiles {
		c := cells[t]
		deg := func(u int64) float64 { return float64(u) / unitsPerDegree }
		cs[i] = report.Cluster{
			Point: orb.Point{deg(c.sumLon) / float64(c.count), deg(c.sumLat) / float64(c.count)},
			Bound: orb.Bound{Min: orb.Point{deg(c.minLon), deg(c.minLat)}, Max: orb.Point{deg(c.maxLon), deg(c.maxLat)}},
			Count: int(c.count),
		}
		if c.minLon == c.maxLon && c.minLat == c.maxLat {
			ids = append(ids, c.id)
		}
	}
	return cs, s.describeClusters(ctx, cs, ids)
}

// describeClusters sets the place of the clusters in cs whose members are at one point, given
// a member of each in ids, in order, and the event of those with one member.
func (s *Store) describeClusters(ctx context.Context, cs []report.Cluster, ids []int64) error {
	es, err := s.eventsByID(ctx, ids)
	if err != nil {
		return err
	}
	for i := range cs {
		c := &cs[i]
		if c.Bound.Min != c.Bound.Max {
			continue
		}
		if len(es) == 0 || es[0].MentionID != ids[0] { // deleted since the clusters were counted
			ids = ids[1:]
			continue
		}
		e := &es[0]
		es, ids = es[1:], ids[1:]
		p := orb.Point{e.Place.Lon, e.Place.Lat}
		c.PlaceID, c.Name, c.Point, c.Bound = e.Place.ID, e.Place.Name, p, p.Bound()
		if c.Count == 1 {
			c.Event = e
		}
	}
	return nil
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
