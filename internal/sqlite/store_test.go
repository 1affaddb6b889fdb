package sqlite_test

import (
	"bufio"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/sqlite"
	"github.com/datelinehq/dateline/internal/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t, filepath.Join(t.TempDir(), "dateline.db")) })
}

func open(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// rawDB opens the store's file beside it, to look at tables the API does not show.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dateline.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := s.CreateReport(t.Context(), &report.Report{Text: "Kept."}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, path)
	if got, err := s.GetReport(t.Context(), r.ID); err != nil || got.Text != "Kept." {
		t.Errorf("GetReport after reopening = %+v, %v; want the report", got, err)
	}
	db := rawDB(t, path)
	if n := count(t, db, "SELECT count(*) FROM schema_version WHERE version = 1"); n != 1 {
		t.Errorf("schema_version has version 1 %d times, want once", n)
	}
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}

// TestEventIndex checks that the R*Tree holds exactly the mentions that are places.
func TestEventIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dateline.db")
	s := open(t, path)
	db := rawDB(t, path)
	ctx := t.Context()
	want := func(when string, n int) {
		t.Helper()
		boxes := count(t, db, "SELECT count(*) FROM event_boxes")
		places := count(t, db, "SELECT count(*) FROM mentions WHERE NOT not_a_place")
		if boxes != n || places != n {
			t.Errorf("%s: %d boxes for %d places, want %d", when, boxes, places, n)
		}
	}
	text := "Kyiv, Lima and Rome."
	ms := []report.Mention{
		{Start: 0, End: 4, Place: report.Place{ID: 703448, Lat: 50.45, Lon: 30.52}},
		{Start: 6, End: 10, Place: report.Place{ID: 3936456, Lat: -12.04, Lon: -77.03}},
		{Start: 15, End: 19, Place: report.Place{ID: 3169070, Lat: 41.89, Lon: 12.51}, NotAPlace: true},
	}
	r, _, err := s.CreateReport(ctx, &report.Report{Text: text, Mentions: ms}, "")
	if err != nil {
		t.Fatal(err)
	}
	want("created", 2)
	if err := s.CorrectMention(ctx, r.ID, r.Mentions[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	want("corrected", 1)
	if err := s.ReplaceMentions(ctx, r.ID, ms); err != nil {
		t.Fatal(err)
	}
	want("replaced", 1)
	if err := s.DeleteReport(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	want("deleted", 0)
}

// TestAcknowledgedWritesSurviveKill kills a process that is creating reports and checks that
// every report it was told was created is there.
func TestAcknowledgedWritesSurviveKill(t *testing.T) {
	if path := os.Getenv("DATELINE_KILL_TEST_DB"); path != "" {
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			r, _, err := s.CreateReport(t.Context(), &report.Report{Text: fmt.Sprintf("Report %d.", i)}, "")
			if err != nil {
				t.Fatal(err)
			}
			fmt.Println("created", r.ID)
		}
	}
	path := filepath.Join(t.TempDir(), "dateline.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestAcknowledgedWritesSurviveKill$")
	cmd.Env = append(os.Environ(), "DATELINE_KILL_TEST_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for lines := bufio.NewScanner(out); len(ids) < 200 && lines.Scan(); {
		if id, ok := strings.CutPrefix(lines.Text(), "created "); ok {
			ids = append(ids, id)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if len(ids) < 200 {
		t.Fatalf("the child acknowledged %d reports, then stopped", len(ids))
	}
	s := open(t, path)
	for _, id := range ids {
		if _, err := s.GetReport(t.Context(), id); err != nil {
			t.Errorf("acknowledged report lost: %v", err)
		}
	}
}

// TestDateLimits checks that dates the event index cannot hold are refused, not misplaced.
func TestDateLimits(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "dateline.db"))
	for _, tt := range []struct {
		year int
		ok   bool
	}{{1066, true}, {-800, true}, {4800, true}, {-1000, false}, {5000, false}} {
		text := fmt.Sprintf("Hastings in %d.", tt.year)
		m := report.Mention{Start: 0, End: 8, Place: report.Place{ID: 2647356, Lat: 50.85, Lon: 0.57}, Date: report.YearDate(tt.year)}
		_, _, err := s.CreateReport(t.Context(), &report.Report{Text: text, Mentions: []report.Mention{m}}, "")
		if tt.ok && err != nil || !tt.ok && report.ErrorKind(err) != report.Invalid {
			t.Errorf("year %d: CreateReport error %v, want ok: %v", tt.year, err, tt.ok)
		}
	}
	page, err := s.QueryEvents(t.Context(), report.EventFilter{From: time.Date(1066, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(1067, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || page.Total != 1 || page.Events[0].Date != report.YearDate(1066) {
		t.Errorf("events in 1066 = %+v, %v; want the one", page, err)
	}
}
