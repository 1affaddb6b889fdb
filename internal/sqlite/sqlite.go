// Package sqlite stores reports, their mentions and users' corrections in one SQLite file,
// and answers the map's and the timeline's queries over them.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a Dateline database. Writes go through one connection, one transaction at a time;
// reads use a pool of read-only connections that WAL lets run beside the writer.
type Store struct {
	write, read                         *sql.DB
	insertReportStmt, insertMentionStmt *sql.Stmt // on write
}

// Open opens or creates the database at path and brings its schema up to date.
//
// It uses WAL with synchronous=NORMAL: a commit has reached the WAL file (the OS) before it returns,
// so it survives the process being killed; only a power loss or OS crash can lose the last commits,
// never corrupt the file. FULL would fsync every commit for that: about 30% fewer reports a second
// on a fast disk, far fewer on a slow one.
func Open(ctx context.Context, path string) (*Store, error) {
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("sqlite: open %q: path must not contain '?'", path)
	}
	q := url.Values{
		"_txlock": {"immediate"}, // take the write lock at BEGIN, not halfway through a transaction
		"_pragma": {
			"busy_timeout(10000)", "foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)",
			// no mmap: each connection would map the file anew, and the process's RSS count each
			// mapping (a 460 MB database read by five connections showed 2.2 GB); the OS page cache
			// serves the reads as well
			"cache_size(-32768)", "temp_store(MEMORY)", "mmap_size(0)",
		},
	}
	write, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %q: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	if err := migrate(ctx, write); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: migrate %q: %w", path, err)
	}
	s := &Store{write: write}
	if s.insertReportStmt, err = write.PrepareContext(ctx, insertReportSQL); err == nil {
		s.insertMentionStmt, err = write.PrepareContext(ctx, insertMentionSQL)
	}
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %q: %w", path, err)
	}
	q.Set("_txlock", "deferred")
	q.Add("_pragma", "query_only(1)")
	rd, err := readDriver() // with the functions of filters
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %q: %w", path, err)
	}
	read := sql.OpenDB(connector{rd, path + "?" + q.Encode()})
	n := max(4, runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	s.read = read
	return s, nil
}

// Close lets SQLite refresh its query planner statistics, then closes the database.
func (s *Store) Close() error {
	_, err := s.write.Exec("PRAGMA optimize")
	s.insertReportStmt.Close()
	s.insertMentionStmt.Close()
	if err := s.read.Close(); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	if err := s.write.Close(); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	if err != nil {
		return fmt.Errorf("sqlite: optimize: %w", err)
	}
	return nil
}

// migrate applies, in one transaction, the embedded migrations numbered above the schema_version.
func migrate(ctx context.Context, db *sql.DB) error {
	type migration struct {
		version int
		name    string
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	var all []migration
	for _, name := range names {
		num, _, _ := strings.Cut(strings.TrimPrefix(name, "migrations/"), "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", name)
		}
		all = append(all, migration{v, name})
	}
	slices.SortFunc(all, func(a, b migration) int { return a.version - b.version })

	return inTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"); err != nil {
			return err
		}
		var current int
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&current); err != nil {
			return err
		}
		if latest := all[len(all)-1].version; current > latest {
			return fmt.Errorf("database schema version %d is newer than this program's %d", current, latest)
		}
		for _, m := range all {
			if m.version <= current {
				continue
			}
			body, err := migrations.ReadFile(m.name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version) VALUES (?)", m.version); err != nil {
				return err
			}
		}
		return nil
	})
}

// inTx runs fn in a transaction on db and commits it if fn returns nil.
func inTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Dates are stored as unix days; see migrations/0001_init.sql.
const secondsPerDay = 24 * 60 * 60

// The R*Tree's date units hold every date the domain allows (this fails to compile otherwise).
const _ = uint(maxDay - report.MaxDays)

// dayOf is the unix day holding t.
func dayOf(t time.Time) int64 {
	s := t.Unix()
	if s < 0 && s%secondsPerDay != 0 {
		return s/secondsPerDay - 1
	}
	return s / secondsPerDay
}

// dayAfter is the first unix day starting at or after t.
func dayAfter(t time.Time) int64 { return -dayOf(time.Unix(-t.Unix(), 0)) }

func dayTime(day int64) time.Time { return time.Unix(day*secondsPerDay, 0).UTC() }

// dateColumns returns d's start, end and precision columns.
func dateColumns(d report.Date) (start, end any, precision report.Precision) {
	if d.IsZero() {
		return nil, nil, report.PrecisionNone
	}
	return dayOf(d.Start()), dayOf(d.End()), d.Precision
}

// dateOf rebuilds a Date from its start and end columns and precision: a range when the end
// comes after the first unit of the precision.
func dateOf(start, end int64, p report.Precision) report.Date {
	y, m, d := dayTime(start).Date()
	var first report.Date
	switch p {
	case report.PrecisionYear:
		first = report.YearDate(y)
	case report.PrecisionMonth:
		first = report.MonthDate(y, m)
	case report.PrecisionDay:
		first = report.DayDate(y, m, d)
	default:
		return report.Date{}
	}
	if end <= dayOf(first.End()) {
		return first
	}
	last := dateOf(end-1, end, p)
	if r, err := report.DateRange(first, last); err == nil {
		return r
	}
	return first
}
