package geoparse

import "math/bits"

// detect guesses the language of a text from its tokens: Arabic by script, the others by how many of
// the words are that language's function words. It returns "" when it cannot tell.
func (p *Parser) detect(d *doc) string {
	arabic, cased := 0, 0
	var hits [8]int // by language, how many cased words are its function words
	for i := range d.toks {
		t := &d.toks[i]
		if t.Arabic {
			arabic++
		} else if t.Cased {
			cased++
			for m := d.info[i].function; m != 0; m &= m - 1 {
				hits[bits.TrailingZeros8(m)]++
			}
		}
	}
	if arabic > cased {
		return "ar"
	}
	best, bi := 0, -1
	for li := range languages {
		if hits[li] > best {
			best, bi = hits[li], li
		}
	}
	if bi < 0 {
		return ""
	}
	return languages[bi]
}
