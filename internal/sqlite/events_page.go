package sqlite

import (
	"context"
	"fmt"
	"slices"

	"github.com/datelinehq/dateline/internal/report"
)

// EventsAfter returns the first n events f selects after the key after (from the first of all for
// the zero key), in the order of Events; fewer at the end. It reads n keys, then n events: a page
// of keyset paging, which stays right while reports are stored (see Events).
func (s *Store) EventsAfter(ctx context.Context, f report.EventFilter, after report.EventKey, n int) ([]report.Event, error) {
	if n <= 0 {
		return []report.Event{}, nil
	}
	es := make([]report.Event, 0, min(n, streamEvents))
	for e, err := range s.events(ctx, f, after, n, n) {
		if err != nil {
			return nil, err
		}
		if es = append(es, e); len(es) == n {
			break
		}
	}
	return es, nil
}

// EventsBefore returns the last n events f selects before the key before, in the order of Events
// (the page before one that begins at before); fewer at the start of the selection, none before
// the zero key.
func (s *Store) EventsBefore(ctx context.Context, f report.EventFilter, before report.EventKey, n int) ([]report.Event, error) {
	if err := f.Normalize(); err != nil {
		return nil, err
	}
	if n <= 0 || before.IsZero() {
		return []report.Event{}, nil
	}
	k := storeKey(before)
	var keys []eventKey
	var err error
	if d, ok := dateSelectionOf(f); ok {
		keys, err = s.keysBeforeByDays(ctx, d, k, n)
	} else {
		keys, err = s.keysBeforeByQuery(ctx, f, k, n)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: events before: %w", ftsError(err))
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.id
	}
	return s.eventsByID(ctx, ids)
}

// keysBeforeByQuery reads the keys of the events f selects before the key before, and keeps the
// last n, in order.
func (s *Store) keysBeforeByQuery(ctx context.Context, f report.EventFilter, before eventKey, n int) ([]eventKey, error) {
	q, err := s.eventQuery(ctx, f)
	if err != nil {
		return nil, err
	}
	hi := before.day
	if hi != undated {
		hi *= unitsPerDay
	}
	rows, err := s.read.QueryContext(ctx, `SELECT b.date_start, b.id FROM `+q.from+` WHERE `+q.where+`
		AND b.date_start <= ? AND (b.date_start < ? OR b.id < ?)`, append(slices.Clip(q.args), hi, hi, before.id)...)
	if err != nil {
		return nil, err
	}
	keys, err := firstKeys(rows, n, func(a, b eventKey) int { return compareKeys(b, a) }) // the last n
	slices.Reverse(keys)
	return keys, err
}

// GetEvent returns the event of the mention id: a NotFound error when there is no such mention,
// or when it is not a place.
func (s *Store) GetEvent(ctx context.Context, id int64) (report.Event, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+eventColumns+` FROM mentions m JOIN reports r ON r.rid = m.rid
		WHERE m.id = ? AND NOT m.not_a_place`, id)
	if err != nil {
		return report.Event{}, fmt.Errorf("sqlite: get event %d: %w", id, err)
	}
	es, err := scanEvents(rows, 1)
	if err != nil {
		return report.Event{}, fmt.Errorf("sqlite: get event %d: %w", id, err)
	}
	if len(es) == 0 {
		return report.Event{}, report.Errorf(report.NotFound, "no event %d", id)
	}
	return es[0], nil
}
