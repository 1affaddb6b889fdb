package geoparse

import (
	"math/bits"

	"github.com/datelinehq/dateline/internal/gazetteer"
)

// langCounts gathers, word by word, what detecting a text's language needs: Arabic by script, the
// others by how many of the words are that language's function words.
type langCounts struct {
	arabic, cased int
	hits          [8]int // by language, how many cased words are its function words
}

// add counts what the lexicons say of a word they list; newDoc counts its script.
func (lc *langCounts) add(t *gazetteer.Token, info *wordInfo) {
	if !t.Arabic && t.Cased {
		for m := info.function; m != 0; m &= m - 1 {
			lc.hits[bits.TrailingZeros8(m)]++
		}
	}
}

// guess returns the language of the words counted, "" when it cannot tell.
func (lc *langCounts) guess() string {
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
