package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ReportDates is the span of the reports' published dates, [from, to): the first day of the
// earliest and the day after the last day of the latest; zero times when no report is dated.
// Both ends read the index of reports by date: no date is longer than a year, so the latest
// end lies within a year of the latest start.
func (s *Store) ReportDates(ctx context.Context) (from, to time.Time, err error) {
	var first, last sql.NullInt64
	err = s.read.QueryRowContext(ctx, `SELECT
			(SELECT min(sort_day) FROM reports WHERE sort_day > -1000000),
			(SELECT max(pub_end) FROM reports WHERE sort_day >= (SELECT max(sort_day) FROM reports) - 367 AND sort_day > -1000000)`).Scan(&first, &last)
	if err != nil {
		return from, to, fmt.Errorf("sqlite: report dates: %w", err)
	}
	if !first.Valid || !last.Valid {
		return from, to, nil
	}
	return dayTime(first.Int64), dayTime(last.Int64), nil
}
