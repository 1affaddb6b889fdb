package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Spelling is how often the reports of a language write a place's name one way: the text of its
// mentions that the parser read as a name of the place (not those a reader corrected or added).
type Spelling struct {
	PlaceID int64
	Lang    string
	Text    string
	Count   int
}

// BestSpelling is the name to show for a place that has no name of its own in a language, from the
// spellings of that language's reports of the place: the most frequent one written in mixed case,
// else the most frequent one (a dateline's "ABU KAMAL") with its words capitalised, "Abu Kamal".
// Ties go to the first in order of sp. It is "" when sp is empty.
func BestSpelling(sp []Spelling) string {
	best, bestCaps := -1, -1
	for i, s := range sp {
		if s.Text == "" {
			continue
		}
		if allCaps(s.Text) {
			if bestCaps < 0 || s.Count > sp[bestCaps].Count {
				bestCaps = i
			}
			continue
		}
		if best < 0 || s.Count > sp[best].Count {
			best = i
		}
	}
	switch {
	case best >= 0:
		return sp[best].Text
	case bestCaps >= 0:
		return titleWords(sp[bestCaps].Text)
	}
	return ""
}

// allCaps reports whether s has two or more letters and no lower-case one.
func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// titleWords lowers every letter of s but the first of each word (after a space, hyphen or
// apostrophe).
func titleWords(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == ' ' || r == '-' || r == '\'' || r == '’'
	}
	return b.String()
}
