package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// A filter that selects events by their dates alone, From and To and a Where that reads nothing
// but the date, is decided for a whole date range at once: event_days counts the events of each
// range, and the index of events by date lists them. Such a filter is answered without the
// R*Tree, which narrows events down by date poorly, and without reading a mention: the ranges it
// keeps give its total, and the index, read over the start days of those ranges only, its keys.

// dateSelection is a filter of dates only.
type dateSelection struct {
	from, to int64 // f's range of days, [from, to), when dated
	dated    bool
	where    report.DaysTest
	hasWhere bool
}

// dateSelectionOf returns f's dateSelection; ok is false when f selects events by anything but
// their dates. f is normalized.
func dateSelectionOf(f report.EventFilter) (d dateSelection, ok bool) {
	where, from, to := f.Where, f.From, f.To
	f.From, f.To, f.Where = time.Time{}, time.Time{}, nil
	if !f.SelectsAll() {
		return dateSelection{}, false
	}
	if where != nil {
		if d.where, ok = report.DaysTestOf(where); !ok {
			return dateSelection{}, false
		}
		d.hasWhere = true
	}
	d.from, d.to, d.dated = days(report.EventFilter{From: from, To: to})
	return d, true
}

// holds reports whether d keeps the events whose date covers the days [start, end).
func (d dateSelection) holds(start, end int64) bool {
	if d.dated && (end <= d.from || start >= d.to) {
		return false
	}
	return !d.hasWhere || d.where.Holds(start, end)
}

// undated reports whether d keeps undated events.
func (d dateSelection) undated() bool { return !d.dated && (!d.hasWhere || d.where.HoldsUndated()) }

// dayCount is a day on which selected events start (undated for undated events), how many do,
// and whether a day on which events start, none selected, lies between it and the day before it
// in the list: whether it begins a run of days that the index is read over in one range.
type dayCount struct {
	day      int64
	n        int
	newRange bool
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// plan returns the days on which the events d selects start, in order, with how many do, from
// the counts in event_days and event_undated; only days in [lo, hi] are read.
func (d dateSelection) plan(ctx context.Context, q querier, lo, hi int64) ([]dayCount, error) {
	if d.dated { // no event that starts longestDate days before from lasts until it
		lo, hi = max(lo, d.from-longestDate), min(hi, d.to-1)
	}
	// Every range of those days is read, kept or not, so that the days between kept ones show.
	query, args := `SELECT date_start, date_end, count FROM event_days WHERE count > 0 AND date_start >= ? AND date_start <= ?`, []any{lo, hi}
	rows, err := q.QueryContext(ctx, query+" ORDER BY date_start, date_end", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var plan []dayCount
	gap := false // events start, none selected, after the last day of plan
	for rows.Next() {
		var start, end, n int64
		if err := rows.Scan(num(&start), num(&end), num(&n)); err != nil {
			return nil, err
		}
		if !d.holds(start, end) {
			if len(plan) == 0 || plan[len(plan)-1].day != start {
				gap = true
			}
			continue
		}
		if len(plan) > 0 && plan[len(plan)-1].day == start {
			plan[len(plan)-1].n += int(n)
			continue
		}
		plan = append(plan, dayCount{day: start, n: int(n), newRange: gap || len(plan) == 0})
		gap = false
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if d.undated() && hi >= undated {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count FROM event_undated`).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			plan = append(plan, dayCount{day: undated, n: n, newRange: true})
		}
	}
	return plan, nil
}

// scan returns up to n keys of the events d selects that start on the days of plan, in the order
// of Events after the key from (backwards, before it, when backward is set), leaving out the
// first skip of them.
func (d dateSelection) scan(ctx context.Context, q querier, plan []dayCount, from eventKey, skip, n int, backward bool) ([]eventKey, error) {
	keys := make([]eventKey, 0, min(n, streamKeys))
	if n <= 0 {
		return keys, nil
	}
	err := d.each(ctx, q, plan, from, backward, func(k eventKey, _, _ int64) bool {
		if skip > 0 {
			skip--
			return true
		}
		keys = append(keys, k)
		return len(keys) < n
	})
	return keys, err
}

// each passes the events d selects that start on the days of plan to yield, with the last day
// of their date and their place, in the order of Events after the key from (backwards, before
// it, when backward is set), until yield returns false. It reads the index of events by date over
// each range of plan's days.
func (d dateSelection) each(ctx context.Context, q querier, plan []dayCount, from eventKey, backward bool, yield func(k eventKey, end, place int64) bool) error {
	// The ranges of days, in plan's order: [first, last] each.
	var ranges [][2]int64
	for _, c := range plan {
		if c.newRange || len(ranges) == 0 {
			ranges = append(ranges, [2]int64{c.day, c.day})
		} else {
			ranges[len(ranges)-1][1] = c.day
		}
	}
	const cd = "coalesce(date_start, 2147483647)"
	query := `SELECT ` + cd + `, id, coalesce(date_end, 0), geonameid FROM mentions INDEXED BY mentions_events_by_date
		WHERE NOT not_a_place AND ` + cd + ` >= ? AND ` + cd + ` <= ? AND (` + cd + ` > ? OR id > ?) ORDER BY ` + cd + `, id`
	if backward {
		query = `SELECT ` + cd + `, id, coalesce(date_end, 0), geonameid FROM mentions INDEXED BY mentions_events_by_date
		WHERE NOT not_a_place AND ` + cd + ` >= ? AND ` + cd + ` <= ? AND (` + cd + ` < ? OR id < ?) ORDER BY ` + cd + ` DESC, id DESC`
	}
	for i := range ranges {
		r := ranges[i]
		if backward {
			r = ranges[len(ranges)-1-i]
			if r[0] > from.day {
				continue
			}
			r[1] = min(r[1], from.day)
		} else {
			if r[1] < from.day {
				continue
			}
			r[0] = max(r[0], from.day)
		}
		more, err := d.eachOf(ctx, q, query, r, from, yield)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// eachOf is each over one range of days; more is false when yield returned false.
func (d dateSelection) eachOf(ctx context.Context, q querier, query string, r [2]int64, from eventKey, yield func(k eventKey, end, place int64) bool) (more bool, err error) {
	rows, err := q.QueryContext(ctx, query, r[0], r[1], from.day, from.id)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var k eventKey
		var end, place int64
		if err := rows.Scan(num(&k.day), num(&k.id), num(&end), num(&place)); err != nil {
			return false, err
		}
		if k.day != undated && !d.holds(k.day, end) {
			continue
		}
		if !yield(k, end, place) {
			return false, nil
		}
	}
	return true, rows.Err()
}

// keysByDays reads the keys of the events d selects, after a key: in a read transaction, the
// days those after it start on, then the index over them.
func (s *Store) keysByDays(d dateSelection) keyReader {
	return func(ctx context.Context, after eventKey, n int) ([]eventKey, error) {
		var keys []eventKey
		err := readTx(ctx, s.read, func(tx *sql.Tx) error {
			plan, err := d.plan(ctx, tx, after.day, undated)
			if err != nil {
				return err
			}
			keys, err = d.scan(ctx, tx, plan, after, 0, n, false)
			return err
		})
		return keys, err
	}
}

// keysBeforeByDays returns the keys of the last n events d selects before the key before, in order.
func (s *Store) keysBeforeByDays(ctx context.Context, d dateSelection, before eventKey, n int) ([]eventKey, error) {
	var keys []eventKey
	err := readTx(ctx, s.read, func(tx *sql.Tx) error {
		plan, err := d.plan(ctx, tx, -maxDay-longestDate, before.day)
		if err != nil {
			return err
		}
		keys, err = d.scan(ctx, tx, plan, before, 0, n, true)
		return err
	})
	slices.Reverse(keys)
	return keys, err
}

// queryEventsByDays is QueryEvents for a filter of dates only: the total from the plan, and the
// page from the day its first event starts on.
func (s *Store) queryEventsByDays(ctx context.Context, f report.EventFilter, d dateSelection) (report.EventPage, error) {
	var keys []eventKey
	total := 0
	err := readTx(ctx, s.read, func(tx *sql.Tx) error {
		plan, err := d.plan(ctx, tx, -maxDay-longestDate, undated)
		if err != nil {
			return err
		}
		start, skip := -1, 0 // the page starts on plan[start], after skip of its events
		for i, c := range plan {
			if start < 0 && total+c.n > f.Offset {
				start, skip = i, f.Offset-total
			}
			total += c.n
		}
		if start < 0 {
			return nil
		}
		plan[start].newRange = true
		keys, err = d.scan(ctx, tx, plan[start:], eventKey{day: plan[start].day}, skip, f.Limit, false)
		return err
	})
	if err != nil {
		return report.EventPage{}, fmt.Errorf("sqlite: query events: %w", err)
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.id
	}
	events, err := s.eventsByID(ctx, ids)
	if err != nil {
		return report.EventPage{}, err
	}
	return report.EventPage{Events: events, Total: total}, nil
}
