package geoparse

import (
	"github.com/datelinehq/dateline/internal/gazetteer"
)

// langCounts gathers, word by word, what detecting a text's language needs: Arabic by script, the
// others by how many of the words are that language's function words.
type langCounts struct {
	arabic, cased int
	hits          [8]int // by language, how many cased words are its function words
	// lanes counts as hits does, a byte a language, for at most 255 words: a word adds its languages
	// at once (spread), where counting them one by one in hits waits on each count
	lanes, n uint64
}

// add counts what the lexicons say of a word they list; newDoc counts its script.
func (lc *langCounts) add(t *gazetteer.Token, info *wordInfo) {
	if !t.Arabic && t.Cased {
		lc.lanes += spread[info.function]
		if lc.n++; lc.n == 255 {
			lc.flush()
		}
	}
}

// flush moves the counts of lanes to hits.
func (lc *langCounts) flush() {
	for l := range lc.hits {
		lc.hits[l] += int(lc.lanes >> (8 * l) & 0xff)
	}
	lc.lanes, lc.n = 0, 0
}

// spread[m] has a byte 1 for each bit of m: the byte of bit l is the l-th.
var spread = func() (t [256]uint64) {
	for m := range t {
		for l := range 8 {
			if m&(1<<l) != 0 {
				t[m] |= 1 << (8 * l)
			}
		}
	}
	return t
}()

// guess returns the language of the words counted, "" when it cannot tell.
func (lc *langCounts) guess() string {
	lc.flush()
	if lc.arabic > lc.cased {
		return "ar"
	}
	best, bi := 0, -1
	for li := range languages {
		if lc.hits[li] > best {
			best, bi = lc.hits[li], li
		}
	}
	if bi < 0 {
		return ""
	}
	return languages[bi]
}
