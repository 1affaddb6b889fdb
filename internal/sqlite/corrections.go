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
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO corrections
			(rid, span_start, span_end, not_a_place, geonameid, name, lat, lon, feature_code, country_code, admin1, population)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
		return applyCorrections(ctx, tx, rid)
	})
	if err != nil {
		return fmt.Errorf("sqlite: replace mentions of report %q: %w", reportID, err)
	}
	return nil
}
