package web

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// SpellingStore gives how the reports of each language spell each place (the SQLite store is one).
// A store without it leaves the places that the atlas cannot name by their gazetteer name.
type SpellingStore interface {
	PlaceSpellings(ctx context.Context, langs ...string) ([]report.Spelling, error)
}

// spellingsMaxAge is how old the spellings may get before a read reloads them: writes through another
// server over the same database, or by the feed follower, are seen within it. Writes through this
// server reload them at the next read.
const spellingsMaxAge = 30 * time.Second

// spellings names the places that have no name in the reader's language by the spelling the
// reports in that language use most (report.BestSpelling): a French reader of the founding example
// sees "Raqqa", as its French report writes it, rather than GeoNames' "Ar Raqqah". They are loaded
// from the store whole, for the interface's languages, and reloaded in the background when a write
// made them stale, so that no page waits for them but the first.
type spellings struct {
	store  SpellingStore
	langs  []string
	log    func(error)
	writes *atomic.Int64 // the server's count of its writes (Server.writes)

	names   atomic.Pointer[map[string]map[int64]string] // by language, then place id
	loaded  atomic.Int64                                // unix nanoseconds of the last load's start
	gen     atomic.Int64                                // *writes at the last load's start; -1 after a failed load
	loading sync.Mutex                                  // held by the one load at a time
	first   sync.Once
}

// name is the spelling of place id in lang, "" when there is none.
func (sp *spellings) name(id int64, lang string) string {
	if sp == nil || sp.store == nil {
		return ""
	}
	sp.first.Do(func() { sp.load() })
	if sp.gen.Load() != sp.writes.Load() || time.Since(time.Unix(0, sp.loaded.Load())) > spellingsMaxAge {
		if sp.loading.TryLock() {
			go func() {
				defer sp.loading.Unlock()
				sp.reload()
			}()
		}
	}
	if m := sp.names.Load(); m != nil {
		return (*m)[lang][id]
	}
	return ""
}

// load loads the spellings once, waiting for a load under way.
func (sp *spellings) load() {
	sp.loading.Lock()
	defer sp.loading.Unlock()
	sp.reload()
}

// reload reads the spellings from the store; the caller holds sp.loading. On an error the old ones
// stay, and the next read tries again.
func (sp *spellings) reload() {
	sp.gen.Store(sp.writes.Load())
	sp.loaded.Store(time.Now().UnixNano())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	all, err := sp.store.PlaceSpellings(ctx, sp.langs...)
	if err != nil {
		sp.gen.Store(-1)
		if sp.log != nil {
			sp.log(err)
		}
		return
	}
	names := map[string]map[int64]string{}
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j].Lang == all[i].Lang && all[j].PlaceID == all[i].PlaceID {
			j++
		}
		if n := report.BestSpelling(all[i:j]); n != "" {
			if names[all[i].Lang] == nil {
				names[all[i].Lang] = map[int64]string{}
			}
			names[all[i].Lang][all[i].PlaceID] = n
		}
		i = j
	}
	sp.names.Store(&names)
}
