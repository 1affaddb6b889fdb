package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/datelinehq/dateline/internal/report"
)

// placesQuery is the FROM and WHERE clauses of the mentions, m, of the events f selects: all the
// mentions that are places when f selects by nothing, else those of newEventQuery's events.
func placesQuery(f report.EventFilter) (from, where string, args []any, err error) {
	if f.SelectsAll() {
		return "mentions m", "NOT m.not_a_place", nil, nil
	}
	q, err := newEventQuery(f)
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
	var n int
	if f.SelectsAll() {
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM place_events`).Scan(&n); err != nil {
			return 0, fmt.Errorf("sqlite: count places: %w", err)
		}
		return n, nil
	}
	from, where, args, err := placesQuery(f)
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
	from, where, args, err := placesQuery(f)
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
