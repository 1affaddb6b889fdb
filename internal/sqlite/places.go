package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/datelinehq/dateline/internal/report"
)

// placesQuery is the FROM and WHERE clauses of the mentions, m, of the events f selects: all the
// mentions that are places when f selects by nothing, else those of newEventQuery's events.
func (s *Store) placesQuery(ctx context.Context, f report.EventFilter) (from, where string, args []any, err error) {
	if f.SelectsAll() {
		return "mentions m", "NOT m.not_a_place", nil, nil
	}
	q, err := s.eventQuery(ctx, f)
	if err != nil {
		return "", "", nil, err
	}
	// From the events to their mentions, not the other way: SQLite would otherwise walk the mentions
	// by place and test each against the events.
	return "(SELECT b.id AS id FROM " + q.from + " WHERE " + q.where + ") e CROSS JOIN mentions m ON m.id = e.id", "true", q.args, nil
}

// PlacesAfter returns the places of the events f selects whose ids come after after, by id, at
// most n, each with how many of those events it has and the span of their dates.
func (s *Store) PlacesAfter(ctx context.Context, f report.EventFilter, after int64, n int) ([]report.PlaceSummary, error) {
	return s.places(ctx, f, ">", after, n)
}

// PlacesBefore returns the n places of the events f selects whose ids come just before before,
// by id, as PlacesAfter does.
func (s *Store) PlacesBefore(ctx context.Context, f report.EventFilter, before int64, n int) ([]report.PlaceSummary, error) {
	ps, err := s.places(ctx, f, "<", before, n)
	slices.Reverse(ps)
	return ps, err
}

// CountPlaces is how many places the events f selects lie at.
func (s *Store) CountPlaces(ctx context.Context, f report.EventFilter) (int, error) {
	if err := f.Normalize(); err != nil {
		return 0, err
	}
	if d, ok := dateSelectionOf(f); ok && !f.SelectsAll() {
		spans, err := s.placesByDays(ctx, d)
		if err != nil {
			return 0, fmt.Errorf("sqlite: count places: %w", err)
		}
		return len(spans), nil
	}
	var n int
	if f.SelectsAll() {
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM place_events`).Scan(&n); err != nil {
			return 0, fmt.Errorf("sqlite: count places: %w", err)
		}
		return n, nil
	}
	from, where, args, err := s.placesQuery(ctx, f)
	if err != nil {
		return 0, err
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(DISTINCT m.geonameid) FROM `+from+` WHERE `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count places: %w", ftsError(err))
	}
	return n, nil
}

// places reads the places of f's events whose ids compare to key as op says ("<" is read from
// the highest down), at most n.
func (s *Store) places(ctx context.Context, f report.EventFilter, op string, key int64, n int) ([]report.PlaceSummary, error) {
	if err := f.Normalize(); err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, report.Errorf(report.Invalid, "a page of %d places", n)
	}
	if d, ok := dateSelectionOf(f); ok && !f.SelectsAll() {
		return s.placesPageByDays(ctx, d, op, key, n)
	}
	from, where, args, err := s.placesQuery(ctx, f)
	if err != nil {
		return nil, err
	}
	order := "ASC"
	if op == "<" {
		order = "DESC"
	}
	rows, err := s.read.QueryContext(ctx, `SELECT m.geonameid, count(*), min(m.date_start), max(m.date_end),
			m.name, m.lat, m.lon, m.feature_code, m.country_code, m.admin1, m.population
		FROM `+from+` WHERE `+where+` AND m.geonameid `+op+` ?
		GROUP BY m.geonameid ORDER BY m.geonameid `+order+` LIMIT ?`, append(slices.Clip(args), key, n)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", ftsError(err))
	}
	defer rows.Close()
	ps := make([]report.PlaceSummary, 0, n)
	for rows.Next() {
		var ps1 report.PlaceSummary
		p := &ps1.Place
		var first, last sql.NullInt64
		if err := rows.Scan(&p.ID, &ps1.Count, &first, &last, &p.Name, &p.Lat, &p.Lon, &p.FeatureCode, &p.CountryCode, &p.Admin1, &p.Population); err != nil {
			return nil, fmt.Errorf("sqlite: places: %w", err)
		}
		if first.Valid {
			ps1.From, ps1.To = dayTime(first.Int64), dayTime(last.Int64)
		}
		ps = append(ps, ps1)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", ftsError(err))
	}
	return ps, nil
}

// placeSpan is what the events a filter selects at a place come to: how many, the span of their
// dates (first and last, the day after the last date ends, when dated), and one of them.
type placeSpan struct {
	count       int
	first, last int64
	dated       bool
	event       int64
}

// placesByDays returns the places of the events d selects, by GeoNames id, read from the plan of
// d and the index of events by date alone.
func (s *Store) placesByDays(ctx context.Context, d dateSelection) (map[int64]*placeSpan, error) {
	spans := map[int64]*placeSpan{}
	err := readTx(ctx, s.read, func(tx *sql.Tx) error {
		plan, err := d.plan(ctx, tx, -maxDay-longestDate, undated)
		if err != nil {
			return err
		}
		return d.each(ctx, tx, plan, eventKey{day: -maxDay - longestDate - 1}, false, func(k eventKey, end, place int64) bool {
			sp := spans[place]
			if sp == nil {
				sp = &placeSpan{event: k.id}
				spans[place] = sp
			}
			sp.count++
			if k.day != undated {
				if !sp.dated || k.day < sp.first {
					sp.first = k.day
				}
				if !sp.dated || end > sp.last {
					sp.last = end
				}
				sp.dated = true
			}
			return true
		})
	})
	return spans, err
}

// placesPageByDays is places for a filter of dates only: the places of its events whose ids
// compare to key as op says, at most n, from placesByDays, with their details from one mention
// of each.
func (s *Store) placesPageByDays(ctx context.Context, d dateSelection, op string, key int64, n int) ([]report.PlaceSummary, error) {
	spans, err := s.placesByDays(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	ids := make([]int64, 0, len(spans))
	for id := range spans {
		if op == ">" && id > key || op == "<" && id < key {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	if op == "<" {
		slices.Reverse(ids)
	}
	ids = ids[:min(n, len(ids))]
	events := make([]int64, len(ids))
	for i, id := range ids {
		events[i] = spans[id].event
	}
	list, err := json.Marshal(events)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT geonameid, name, lat, lon, feature_code, country_code, admin1, population
		FROM mentions WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	defer rows.Close()
	byID := make(map[int64]report.Place, len(ids))
	for rows.Next() {
		var p report.Place
		if err := rows.Scan(&p.ID, &p.Name, &p.Lat, &p.Lon, &p.FeatureCode, &p.CountryCode, &p.Admin1, &p.Population); err != nil {
			return nil, fmt.Errorf("sqlite: places: %w", err)
		}
		byID[p.ID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	ps := make([]report.PlaceSummary, 0, len(ids))
	for _, id := range ids {
		p, ok := byID[id]
		if !ok { // its event deleted since: the place is left out, as if read a moment later
			continue
		}
		sp := spans[id]
		summary := report.PlaceSummary{Place: p, Count: sp.count}
		if sp.dated {
			summary.From, summary.To = dayTime(sp.first), dayTime(sp.last)
		}
		ps = append(ps, summary)
	}
	return ps, nil
}
