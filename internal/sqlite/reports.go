package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// CreateReport stores r and its mentions in one transaction. It fills r.ID (from the content hash),
// r.Hash and r.Created when they are empty. When a report with the same hash, or the same non-empty
// idempotency key, is already stored, it returns that report and created is false.
func (s *Store) CreateReport(ctx context.Context, r *report.Report, idempotencyKey string) (stored *report.Report, created bool, err error) {
	nr, err := report.Prepare(r, time.Now())
	if err != nil {
		return nil, false, err
	}
	err = inTx(ctx, s.write, func(tx *sql.Tx) error {
		var existing, hash string
		var keyed bool
		// The report of this key first: the same key with another text is the client's mistake.
		err := tx.QueryRowContext(ctx, `SELECT id, hash, idempotency_key IS ? FROM reports WHERE hash = ? OR idempotency_key = ?
			ORDER BY idempotency_key IS ? DESC LIMIT 1`, idempotencyKey, nr.Hash, idempotencyKey, idempotencyKey).Scan(&existing, &hash, &keyed)
		if err == nil && idempotencyKey != "" && keyed && hash != nr.Hash {
			return report.Errorf(report.Invalid, "Idempotency-Key %q was sent before with another report", idempotencyKey)
		}
		if err == nil {
			stored, err = getReport(ctx, tx, existing)
			return err
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var clash int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE id = ?`, nr.ID).Scan(&clash); err != nil {
			return err
		}
		if clash > 0 {
			return report.Errorf(report.Conflict, "a different report has id %q", nr.ID)
		}
		stored, created = nr, true
		return s.insertReport(ctx, tx, nr, idempotencyKey)
	})
	if err != nil {
		return nil, false, fmt.Errorf("sqlite: insert report %q: %w", nr.ID, err)
	}
	return stored, created, nil
}

// Statements every write uses, prepared once on the write connection.
const (
	insertReportSQL = `INSERT INTO reports
		(id, title, source, url, pub_start, pub_end, pub_precision, lang, text, hash, idempotency_key, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rid`
	insertMentionSQL = `INSERT INTO mentions
		(rid, span_start, span_end, text, geonameid, name, lat, lon, feature_code, country_code, admin1, population,
		 sentence_start, sentence_end, date_start, date_end, date_precision, confidence, alternatives, corrected, not_a_place)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// insertReport inserts r and its mentions, setting the mentions' ids.
func (s *Store) insertReport(ctx context.Context, tx *sql.Tx, r *report.Report, idempotencyKey string) error {
	start, end, precision := dateColumns(r.Published)
	var key any
	if idempotencyKey != "" {
		key = idempotencyKey
	}
	var rid int64
	err := tx.StmtContext(ctx, s.insertReportStmt).QueryRowContext(ctx,
		r.ID, r.Title, r.Source, r.URL, start, end, precision, r.Lang, r.Text, r.Hash, key, r.Created.UnixNano(),
	).Scan(&rid)
	if err != nil {
		return err
	}
	return s.insertMentions(ctx, tx, rid, r.ID, r.Mentions)
}

// insertMentions inserts ms for the report rid, setting their ids and report id.
func (s *Store) insertMentions(ctx context.Context, tx *sql.Tx, rid int64, reportID string, ms []report.Mention) error {
	stmt := tx.StmtContext(ctx, s.insertMentionStmt)
	for i := range ms {
		m := &ms[i]
		p := m.Place
		start, end, precision := dateColumns(m.Date)
		var alts any
		if len(m.Alternatives) > 0 {
			b, err := json.Marshal(m.Alternatives)
			if err != nil {
				return err
			}
			alts = string(b)
		}
		res, err := stmt.ExecContext(ctx, rid, m.Start, m.End, m.Text,
			p.ID, p.Name, p.Lat, p.Lon, p.FeatureCode, p.CountryCode, p.Admin1, p.Population,
			m.SentenceStart, m.SentenceEnd, start, end, precision, m.Confidence, alts, m.Corrected, m.NotAPlace)
		if err == nil {
			m.ID, err = res.LastInsertId() // an Exec and the connection's last rowid: cheaper than RETURNING's rows
		}
		if err != nil {
			return fmt.Errorf("mention %d: %w", i, err)
		}
		m.ReportID = reportID
	}
	return nil
}

// GetReport returns the report with its mentions, corrections applied.
func (s *Store) GetReport(ctx context.Context, id string) (*report.Report, error) {
	var r *report.Report
	err := inTx(ctx, s.read, func(tx *sql.Tx) (err error) {
		r, err = getReport(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: get report %q: %w", id, err)
	}
	return r, nil
}

func getReport(ctx context.Context, tx *sql.Tx, id string) (*report.Report, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+reportColumns+` FROM reports WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	rs, err := scanReports(rows)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, report.Errorf(report.NotFound, "no report %q", id)
	}
	r := &rs[0].Report
	r.Mentions, err = mentionsOf(ctx, tx, rs[0].rid, id)
	return r, err
}

const reportColumns = `rid, id, title, source, url, pub_start, pub_end, pub_precision, lang, text, hash, created, sort_day`

// storedReport is a report and its row's keys.
type storedReport struct {
	report.Report
	rid     int64
	sortDay int64
	created int64
}

func scanReports(rows *sql.Rows) ([]storedReport, error) {
	defer rows.Close()
	var rs []storedReport
	for rows.Next() {
		var r storedReport
		var pub, pubEnd int64
		var precision report.Precision
		err := rows.Scan(num(&r.rid), &r.ID, &r.Title, &r.Source, &r.URL, num(&pub), num(&pubEnd), num(&precision), &r.Lang, &r.Text, &r.Hash,
			num(&r.created), num(&r.sortDay))
		if err != nil {
			return nil, err
		}
		r.Published = dateOf(pub, pubEnd, precision)
		r.Created = time.Unix(0, r.created).UTC()
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

func mentionsOf(ctx context.Context, tx *sql.Tx, rid int64, reportID string) ([]report.Mention, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, span_start, span_end, text,
		geonameid, name, lat, lon, feature_code, country_code, admin1, population,
		sentence_start, sentence_end, date_start, date_end, date_precision, confidence, alternatives, corrected, not_a_place
		FROM mentions WHERE rid = ? ORDER BY span_start, id`, rid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []report.Mention
	for rows.Next() {
		m := report.Mention{ReportID: reportID}
		p := &m.Place
		var date, dateEnd int64
		var precision report.Precision
		var alts sql.NullString
		err := rows.Scan(num(&m.ID), num(&m.Start), num(&m.End), &m.Text,
			num(&p.ID), &p.Name, num(&p.Lat), num(&p.Lon), &p.FeatureCode, &p.CountryCode, &p.Admin1, num(&p.Population),
			num(&m.SentenceStart), num(&m.SentenceEnd), num(&date), num(&dateEnd), num(&precision), num(&m.Confidence), &alts, &m.Corrected, &m.NotAPlace)
		if err != nil {
			return nil, err
		}
		m.Date = dateOf(date, dateEnd, precision)
		if alts.Valid {
			if err := json.Unmarshal([]byte(alts.String), &m.Alternatives); err != nil {
				return nil, fmt.Errorf("mention %d alternatives: %w", m.ID, err)
			}
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// ListReports returns a page of reports, newest published first, then newest stored, without
// mentions unless f.Mentions is set.
func (s *Store) ListReports(ctx context.Context, f report.ReportFilter) (report.ReportList, error) {
	if err := f.Normalize(); err != nil {
		return report.ReportList{}, err
	}
	where, args, err := reportsWhere(f)
	if err != nil {
		return report.ReportList{}, err
	}
	order := "DESC"
	var from [3]int64
	switch {
	case f.Cursor != "":
		if from, err = parseCursor(f.Cursor); err != nil {
			return report.ReportList{}, err
		}
		where, args = append(where, "(sort_day, created, rid) < (?, ?, ?)"), append(args, from[0], from[1], from[2])
	case f.Before != "":
		if from, err = parseCursor(f.Before); err != nil {
			return report.ReportList{}, err
		}
		where, args = append(where, "(sort_day, created, rid) > (?, ?, ?)"), append(args, from[0], from[1], from[2])
		order = "ASC" // the nearest first, reversed below
	}
	var rs []storedReport
	err = inTx(ctx, s.read, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+reportColumns+` FROM reports WHERE `+strings.Join(where, " AND ")+`
			ORDER BY sort_day `+order+`, created `+order+`, rid `+order+` LIMIT ?`, append(args, f.Limit+1)...)
		if err != nil {
			return ftsError(err)
		}
		if rs, err = scanReports(rows); err != nil || !f.Mentions {
			return err
		}
		for i := range rs[:min(len(rs), f.Limit)] {
			if rs[i].Mentions, err = mentionsOf(ctx, tx, rs[i].rid, rs[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return report.ReportList{}, fmt.Errorf("sqlite: list reports: %w", err)
	}
	more := len(rs) > f.Limit // reports beyond the page, on the side it was read towards
	rs = rs[:min(len(rs), f.Limit)]
	var page report.ReportList
	if f.Before != "" {
		slices.Reverse(rs)
	}
	switch {
	case len(rs) == 0 && f.Cursor != "": // past the end: the page before ends with the cursor's report
		page.Prev = reportCursor(from[0], from[1], from[2]-1)
	case len(rs) == 0:
	case f.Before != "":
		page.Next = reportCursor(rs[len(rs)-1].sortDay, rs[len(rs)-1].created, rs[len(rs)-1].rid) // the report at Before follows
		if more {
			page.Prev = reportCursor(rs[0].sortDay, rs[0].created, rs[0].rid)
		}
	default:
		if more {
			page.Next = reportCursor(rs[len(rs)-1].sortDay, rs[len(rs)-1].created, rs[len(rs)-1].rid)
		}
		if f.Cursor != "" {
			page.Prev = reportCursor(rs[0].sortDay, rs[0].created, rs[0].rid)
		}
	}
	page.Reports = make([]report.Report, len(rs))
	for i, r := range rs {
		page.Reports[i] = r.Report
	}
	return page, nil
}

// reportCursor is the cursor of a report's place in the list, (sort_day, created, rid): the
// reports after it in the list sort before it.
func reportCursor(sortDay, created, rid int64) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d,%d,%d", sortDay, created, rid))
}

// CountReports is how many reports f selects, all its pages.
func (s *Store) CountReports(ctx context.Context, f report.ReportFilter) (int, error) {
	if err := f.Normalize(); err != nil {
		return 0, err
	}
	where, args, err := reportsWhere(f)
	if err != nil {
		return 0, err
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE `+strings.Join(where, " AND "), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count reports: %w", ftsError(err))
	}
	return n, nil
}

// undatedDay is the sort_day of an undated report (migrations/0001_init.sql): before every date.
const undatedDay = -1000000

// reportsWhere is the conditions on reports of f, but for its cursor.
func reportsWhere(f report.ReportFilter) ([]string, []any, error) {
	// sort_day is pub_start for dated reports, and no date is longer than a year:
	// the conditions on it bound the index scan.
	where, args := []string{"true"}, []any{}
	if !f.From.IsZero() {
		from := dayOf(f.From)
		where, args = append(where, "pub_end > ? AND sort_day > ?"), append(args, from, from-367)
	}
	if !f.To.IsZero() {
		to := dayAfter(f.To)
		where, args = append(where, "sort_day < ? AND sort_day > ?"), append(args, to, undatedDay) // sort_day is pub_start
	}
	if f.Source != "" {
		where, args = append(where, "source = ?"), append(args, f.Source)
	}
	if f.Lang != "" {
		where, args = append(where, "lang = ?"), append(args, f.Lang)
	}
	if f.Q != "" {
		q, err := ftsQuery(f.Q)
		if err != nil {
			return nil, nil, err
		}
		where, args = append(where, "rid IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?)"), append(args, q)
	}
	if f.BBox != nil {
		q, err := newEventQuery(f.Events())
		if err != nil {
			return nil, nil, err
		}
		where = append(where, "rid IN (SELECT m.rid FROM (SELECT b.id AS id FROM "+q.from+" WHERE "+q.where+") e CROSS JOIN mentions m ON m.id = e.id)")
		args = append(args, q.args...)
	}
	return where, args, nil
}

// parseCursor reads what ListReports writes in ReportList.Next: the last row's sort key.
func parseCursor(c string) ([3]int64, error) {
	var k [3]int64
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		_, err = fmt.Sscanf(string(b), "%d,%d,%d", &k[0], &k[1], &k[2])
	}
	if err != nil {
		return k, report.Errorf(report.Invalid, "bad page cursor %q", c)
	}
	return k, nil
}

// DeleteReport deletes the report, its mentions and its corrections.
func (s *Store) DeleteReport(ctx context.Context, id string) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM reports WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("sqlite: delete report %q: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("sqlite: delete report %q: %w", id, err)
	}
	if n == 0 {
		return report.Errorf(report.NotFound, "no report %q", id)
	}
	return nil
}

// EachReport calls fn with every report and its mentions, oldest stored first, until fn returns an error.
// It reads in batches without holding a transaction open while fn runs, so fn may write to the store.
func (s *Store) EachReport(ctx context.Context, fn func(*report.Report) error) error {
	const batch = 100
	for after := int64(0); ; {
		var rs []storedReport
		err := inTx(ctx, s.read, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT `+reportColumns+` FROM reports WHERE rid > ? ORDER BY rid LIMIT ?`, after, batch)
			if err != nil {
				return err
			}
			if rs, err = scanReports(rows); err != nil {
				return err
			}
			for i := range rs {
				if rs[i].Mentions, err = mentionsOf(ctx, tx, rs[i].rid, rs[i].ID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("sqlite: read reports after %d: %w", after, err)
		}
		for i := range rs {
			if err := fn(&rs[i].Report); err != nil {
				return err
			}
		}
		if len(rs) < batch {
			return nil
		}
		after = rs[len(rs)-1].rid
	}
}
