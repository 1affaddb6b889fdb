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
	var p report.Place // zero for not a place
	if place != nil {
		if place.ID <= 0 || place.Lat < -90 || place.Lat > 90 || place.Lon < -180 || place.Lon > 180 {
			return report.Errorf(report.Invalid, "place %q needs a GeoNames id and a point inside -180..180, -90..90", place.Name)
		}
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

// applyCorrections applies the report's stored corrections to its mentions at the same spans.
// A place chosen by hand has confidence 1; a mention marked not a place keeps the machine's place.
func applyCorrections(ctx context.Context, tx *sql.Tx, rid int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE mentions AS m SET corrected = 1, confidence = 1, not_a_place = c.not_a_place,
			geonameid = iif(c.not_a_place, m.geonameid, c.geonameid),
			name = iif(c.not_a_place, m.name, c.name),
			lat = iif(c.not_a_place, m.lat, c.lat),
			lon = iif(c.not_a_place, m.lon, c.lon),
			feature_code = iif(c.not_a_place, m.feature_code, c.feature_code),
			country_code = iif(c.not_a_place, m.country_code, c.country_code),
			admin1 = iif(c.not_a_place, m.admin1, c.admin1),
			population = iif(c.not_a_place, m.population, c.population)
		FROM corrections c
		WHERE m.rid = ? AND c.rid = m.rid AND c.span_start = m.span_start AND c.span_end = m.span_end`, rid)
	return err
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
		ms, err := prepareMentions(text, ms)
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
