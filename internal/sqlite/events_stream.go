package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"

	"github.com/datelinehq/dateline/internal/report"
)

// Events reads the keys of streamKeys events at a time, 256 KB, then their events streamEvents
// at a time.
const (
	streamKeys   = 16384
	streamEvents = 1024
)

// wideBatch is how many times more keys a batch keeps when it reads every event after its
// first: its keys take at most 2*wideBatch*streamKeys*16 bytes, 4 MB, while it reads them.
const wideBatch = 8

// longestDate is the most days a date lasts, a range too: a year's. An event whose date ends after a day
// starts at most this many days before it.
const longestDate = report.MaxRangeDays

// Events yields the events f selects in the order of QueryEvents, by date then id, undated events
// last, from the first after the key after (from the first of all for the zero key); f's Limit
// and Offset do not apply. A failure, or ctx ending, ends the stream with an error.
//
// It reads the selection in batches, of keys and then of events, each in a query of its own: no
// transaction stays open while the caller handles the events, and the store may be written
// meanwhile. Each event that exists throughout is yielded once; an event written meanwhile is
// yielded if it sorts after the keys read so far, one deleted meanwhile is not unless it was read.
func (s *Store) Events(ctx context.Context, f report.EventFilter, after report.EventKey) iter.Seq2[report.Event, error] {
	return s.events(ctx, f, after, streamKeys, streamEvents)
}

// events is Events reading nKeys keys, then nEvents events, at a time.
func (s *Store) events(ctx context.Context, f report.EventFilter, after report.EventKey, nKeys, nEvents int) iter.Seq2[report.Event, error] {
	return func(yield func(report.Event, error) bool) {
		if err := s.eachEvent(ctx, f, storeKey(after), nKeys, nEvents, yield); err != nil {
			yield(report.Event{}, err)
		}
	}
}

// eachEvent passes the events of the stream to yield until it returns false, and returns the
// error that ends the stream early.
func (s *Store) eachEvent(ctx context.Context, f report.EventFilter, after eventKey, nKeys, nEvents int, yield func(report.Event, error) bool) error {
	if err := f.Normalize(); err != nil {
		return err
	}
	next, err := s.keysOf(ctx, f)
	if err != nil {
		return err
	}
	for {
		keys, err := next(ctx, after, nKeys)
		if err != nil {
			return fmt.Errorf("sqlite: events: %w", ftsError(err))
		}
		if len(keys) == 0 {
			return nil
		}
		for chunk := range slices.Chunk(keys, nEvents) {
			ids := make([]int64, len(chunk))
			for i, k := range chunk {
				ids[i] = k.id
			}
			es, err := s.eventsByID(ctx, ids)
			if err != nil {
				return err
			}
			for _, e := range es {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("sqlite: events: %w", err)
				}
				if !yield(e, nil) {
					return nil
				}
			}
		}
		after = keys[len(keys)-1]
	}
}

// eventKey is a report.EventKey in the store's terms: the first day of the event's date, undated
// for an undated event, then its mention id. Undated events sort last, as in the R*Tree and the
// index of events by date.
type eventKey struct{ day, id int64 }

// compareKeys orders eventKeys as events are listed.
func compareKeys(a, b eventKey) int {
	return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.id, b.id))
}

// storeKey returns k as an eventKey; the zero key, and any before the first day a date may
// start on, is the key before every event.
func storeKey(k report.EventKey) eventKey {
	switch day := dayOf(k.Start); {
	case k.Undated:
		return eventKey{day: undated, id: k.MentionID}
	case k.IsZero() || day < -maxDay:
		return eventKey{day: -maxDay} // mention ids start at 1
	case day >= maxDay: // after every dated event
		return eventKey{day: maxDay}
	default:
		return eventKey{day: day, id: k.MentionID}
	}
}

// keyReader returns the keys of the next events a filter selects after the key after, in order:
// n of them, more when a batch costs as much whatever it keeps, fewer at the end, none after.
// The stream reads until it returns none, to yield the events stored meanwhile after those it read.
type keyReader func(ctx context.Context, after eventKey, n int) ([]eventKey, error)

// keysOf returns the reader of the keys of the events f selects: from the index of events by
// date when f filters by dates only, if at all (a dateSelection); otherwise from newEventQuery's
// query.
func (s *Store) keysOf(ctx context.Context, f report.EventFilter) (keyReader, error) {
	if d, ok := dateSelectionOf(f); ok {
		return s.keysByDays(d), nil
	}
	q, err := s.eventQuery(ctx, f)
	if err != nil {
		return nil, err
	}
	// Each batch after the first plans the query again: a plan by dates names the days on which
	// events start, and an event stored meanwhile may start on a new one.
	return s.keysByQuery(q, func(ctx context.Context) (eventQuery, error) { return s.eventQuery(ctx, f) }), nil
}

// keysByQuery reads the keys of the events q selects, sorting them here as QueryEvents does;
// replan gives q again for each batch after the first.
// When the R*Tree leads q, a batch reads the events of a window of dates from its first key on,
// which it widens until it holds n keys and then sizes, for the next batch, on the days those
// n keys spanned. Otherwise the R*Tree narrows nothing, and a batch reads every event after its
// first key, keeping the first wideBatch*n: each batch reads what remains of the selection.
func (s *Store) keysByQuery(q eventQuery, replan func(context.Context) (eventQuery, error)) keyReader {
	var width int64 // days of the next window; 0 until a batch has measured it
	first := true
	return func(ctx context.Context, after eventKey, n int) ([]eventKey, error) {
		if !first {
			var err error
			if q, err = replan(ctx); err != nil {
				return nil, err
			}
		}
		first = false
		if !q.byBox {
			n *= wideBatch
		}
		var keys []eventKey
		for {
			end := !q.byBox || width == 0 || after.day+width >= maxDay
			hi := int64(undated) + 1 // in the R*Tree's units: after every event, undated ones too
			if !end {
				hi = (after.day + width) * unitsPerDay
			}
			got, err := s.keysBefore(ctx, q, after, hi, n-len(keys))
			if err != nil {
				return nil, err
			}
			keys = append(keys, got...)
			if len(keys) == n {
				width = max(1, (keys[n-1].day-keys[0].day+1)*3/2)
				return keys, nil
			}
			if end {
				return keys, nil
			}
			// The window held too few: the next one starts where it ended, twice as wide.
			after, width = eventKey{day: hi / unitsPerDay}, min(2*width, 2*maxDay)
		}
	}
}

// keysBefore returns the first n keys of the events q selects after the key after and before
// hi, a date in the R*Tree's units.
func (s *Store) keysBefore(ctx context.Context, q eventQuery, after eventKey, hi int64, n int) ([]eventKey, error) {
	lo := after.day
	if lo != undated {
		lo *= unitsPerDay
	}
	rows, err := s.read.QueryContext(ctx, `SELECT b.date_start, b.id FROM `+q.from+` WHERE `+q.where+`
		AND b.date_start >= ? AND b.date_start < ? AND (b.date_start > ? OR b.id > ?)`,
		append(slices.Clip(q.args), lo, hi, lo, after.id)...)
	if err != nil {
		return nil, err
	}
	return firstKeys(rows, n, compareKeys)
}

// firstKeys reads rows of (b.date_start, b.id) as keys and keeps the first n in the order of
// order, sorting and cutting whenever there are 2n; it closes rows.
func firstKeys(rows *sql.Rows, n int, order func(a, b eventKey) int) ([]eventKey, error) {
	defer rows.Close()
	var keys []eventKey
	keep := func() {
		slices.SortFunc(keys, order)
		keys = keys[:min(n, len(keys))]
	}
	for rows.Next() {
		var k eventKey
		if err := rows.Scan(num(&k.day), num(&k.id)); err != nil {
			return nil, err
		}
		if k.day != undated {
			k.day /= unitsPerDay
		}
		if keys = append(keys, k); len(keys) == 2*n {
			keep()
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	keep()
	return keys, nil
}
