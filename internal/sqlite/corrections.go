package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/datelinehq/dateline/internal/report"
)

// CorrectMention records the user's choice for a mention of a report, place or, when place is nil,
// not a place, and applies it to the mention. The choice is kept for the mention's span of text,
// so ReplaceMentions applies it again to the mention found there.
func (s *Store) CorrectMention(ctx context.Context, reportID string, mentionID int64, place *report.Place) error {
	if err := (report.Correction{Place: place}).Check(); err != nil {
		return err
	}
	var p report.Place // zero for not a place
	if place != nil {
		p = *place
	}
	err := inTx(ctx, s.write, func(tx *sql.Tx) error {
		var rid, start, end int64
		err := tx.QueryRowContext(ctx, `SELECT m.rid, m.span_start, m.span_end FROM mentions m JOIN reports r ON r.rid = m.rid
			WHERE r.id = ? AND m.id = ?`, reportID, mentionID).Scan(&rid, &start, &end)
		if errors.Is(err, sql.ErrNoRows) {
			return report.Errorf(report.NotFound, "report %q has no mention %d", reportID, mentionID)
		}
		if err != nil {
			return err
		}
		// A mention the reader added stays added, so that marking it not a place removes it for good.
		_, err = tx.ExecContext(ctx, `INSERT INTO corrections
			(rid, span_start, span_end, not_a_place, geonameid, name, lat, lon, feature_code, country_code, admin1, population)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO UPDATE SET not_a_place = excluded.not_a_place, geonameid = excluded.geonameid,
				name = excluded.name, lat = excluded.lat, lon = excluded.lon, feature_code = excluded.feature_code,
				country_code = excluded.country_code, admin1 = excluded.admin1, population = excluded.population`,
			rid, start, end, place == nil, p.ID, p.Name, p.Lat, p.Lon, p.FeatureCode, p.CountryCode, p.Admin1, p.Population)
		if err != nil {
			return err
		}
		return applyCorrections(ctx, tx, rid)
	})
	if err != nil {
		return fmt.Errorf("sqlite: correct mention %d of report %q: %w", mentionID, reportID, err)
	}
	return nil
}

// applyCorrections applies the report's stored corrections to its mentions at the same spans,
// as report.Correction.Apply says.
func applyCorrections(ctx context.Context, tx *sql.Tx, rid int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, c.not_a_place,
			c.geonameid, c.name, c.lat, c.lon, c.feature_code, c.country_code, c.admin1, c.population
		FROM mentions m JOIN corrections c ON c.rid = m.rid AND c.span_start = m.span_start AND c.span_end = m.span_end
		WHERE m.rid = ?`, rid)
	if err != nil {
		return err
	}
	type corrected struct {
		id int64
		m  report.Mention
	}
	var ms []corrected
	for rows.Next() {
		var c corrected
		var notAPlace bool
		var p report.Place
		if err := rows.Scan(num(&c.id), &notAPlace,
			num(&p.ID), &p.Name, num(&p.Lat), num(&p.Lon), &p.FeatureCode, &p.CountryCode, &p.Admin1, num(&p.Population)); err != nil {
			rows.Close()
			return err
		}
		corr := report.Correction{Place: &p}
		if notAPlace {
			corr.Place = nil
		}
		corr.Apply(&c.m)
		ms = append(ms, c)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, c := range ms {
		// A mention not a place keeps the machine's place: its columns are left as they are.
		set, args := `corrected = ?, confidence = ?, not_a_place = ?`, []any{c.m.Corrected, c.m.Confidence, c.m.NotAPlace}
		if !c.m.NotAPlace {
			p := c.m.Place
			set += `, geonameid = ?, name = ?, lat = ?, lon = ?, feature_code = ?, country_code = ?, admin1 = ?, population = ?`
			args = append(args, p.ID, p.Name, p.Lat, p.Lon, p.FeatureCode, p.CountryCode, p.Admin1, p.Population)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mentions SET `+set+` WHERE id = ?`, append(args, c.id)...); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceMentions replaces the report's mentions with ms, as a reindex finds them, in one transaction,
// and applies the report's corrections to the new mentions at corrected spans.
func (s *Store) ReplaceMentions(ctx context.Context, reportID string, ms []report.Mention) error {
	err := inTx(ctx, s.write, func(tx *sql.Tx) error {
		var rid int64
		var text string
		err := tx.QueryRowContext(ctx, `SELECT rid, text FROM reports WHERE id = ?`, reportID).Scan(&rid, &text)
		if errors.Is(err, sql.ErrNoRows) {
			return report.Errorf(report.NotFound, "no report %q", reportID)
		}
		if err != nil {
			return err
		}
		ms, err := report.PrepareMentions(text, ms)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mentions WHERE rid = ?`, rid); err != nil {
			return err
		}
		if err := s.insertMentions(ctx, tx, rid, reportID, ms); err != nil {
			return err
		}
		if err := applyCorrections(ctx, tx, rid); err != nil {
			return err
		}
		return s.restoreAdded(ctx, tx, rid, reportID)
	})
	if err != nil {
		return fmt.Errorf("sqlite: replace mentions of report %q: %w", reportID, err)
	}
	return nil
}

// AddMention adds the mention a reader marked where the parsers found none, as
// report.AddedMention makes it, and keeps it as a correction so that a reindex puts it back.
func (s *Store) AddMention(ctx context.Context, reportID string, start, end int, place report.Place) (report.Mention, error) {
	var m report.Mention
	err := inTx(ctx, s.write, func(tx *sql.Tx) error {
		var rid int64
		err := tx.QueryRowContext(ctx, `SELECT rid FROM reports WHERE id = ?`, reportID).Scan(&rid)
		if errors.Is(err, sql.ErrNoRows) {
			return report.Errorf(report.NotFound, "no report %q", reportID)
		}
		if err != nil {
			return err
		}
		r, err := getReport(ctx, tx, reportID)
		if err != nil {
			return err
		}
		if m, err = report.AddedMention(r, start, end, place); err != nil {
			return err
		}
		return s.insertAdded(ctx, tx, rid, reportID, &m)
	})
	if err != nil {
		return report.Mention{}, fmt.Errorf("sqlite: add a mention to report %q: %w", reportID, err)
	}
	return m, nil
}

// insertAdded stores an added mention and its correction.
func (s *Store) insertAdded(ctx context.Context, tx *sql.Tx, rid int64, reportID string, m *report.Mention) error {
	p := m.Place
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO corrections
		(rid, span_start, span_end, not_a_place, geonameid, name, lat, lon, feature_code, country_code, admin1, population, added)
		VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		rid, m.Start, m.End, p.ID, p.Name, p.Lat, p.Lon, p.FeatureCode, p.CountryCode, p.Admin1, p.Population)
	if err != nil {
		return err
	}
	ms := []report.Mention{*m}
	if err := s.insertMentions(ctx, tx, rid, reportID, ms); err != nil {
		return err
	}
	*m = ms[0]
	return nil
}

// restoreAdded puts back the mentions readers added that the parsers still miss. One that a
// mention found now overlaps gives way to it; one marked not a place since stays out.
func (s *Store) restoreAdded(ctx context.Context, tx *sql.Tx, rid int64, reportID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT c.span_start, c.span_end,
			c.geonameid, c.name, c.lat, c.lon, c.feature_code, c.country_code, c.admin1, c.population
		FROM corrections c WHERE c.rid = ? AND c.added AND NOT c.not_a_place
			AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.rid = c.rid AND m.span_start = c.span_start AND m.span_end = c.span_end)`, rid)
	if err != nil {
		return err
	}
	type added struct {
		start, end int
		place      report.Place
	}
	var as []added
	for rows.Next() {
		var a added
		p := &a.place
		if err := rows.Scan(num(&a.start), num(&a.end), num(&p.ID), &p.Name, num(&p.Lat), num(&p.Lon), &p.FeatureCode, &p.CountryCode, &p.Admin1, num(&p.Population)); err != nil {
			rows.Close()
			return err
		}
		as = append(as, a)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil || len(as) == 0 {
		return err
	}
	r, err := getReport(ctx, tx, reportID)
	if err != nil {
		return err
	}
	for _, a := range as {
		m, err := report.AddedMention(r, a.start, a.end, a.place)
		if report.ErrorKind(err) == report.Invalid {
			continue // a mention found now overlaps it
		}
		if err != nil {
			return err
		}
		if err := s.insertAdded(ctx, tx, rid, reportID, &m); err != nil {
			return err
		}
		r.Mentions = append(r.Mentions, m)
	}
	return nil
}
