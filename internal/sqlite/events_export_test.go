package sqlite

import (
	"context"
	"iter"

	"github.com/datelinehq/dateline/internal/report"
)

// EventsInBatches is Events reading nKeys keys, then nEvents events, at a time, so that the tests
// see a stream cross its batches with a few events.
func (s *Store) EventsInBatches(ctx context.Context, f report.EventFilter, after report.EventKey, nKeys, nEvents int) iter.Seq2[report.Event, error] {
	return s.events(ctx, f, after, nKeys, nEvents)
}
