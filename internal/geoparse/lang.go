package geoparse

import "github.com/datelinehq/dateline/internal/gazetteer"

func foldWord(w string) string { return gazetteer.Fold(w) }

// detect guesses the language of a text from its tokens: Arabic by script, the others by how many of
// the words are that language's function words. It returns "" when it cannot tell.
func (p *Parser) detect(d *doc) string {
	arabic, cased := 0, 0
	var hits [8]int
	for i := range d.toks {
		t := &d.toks[i]
		if t.Arabic {
			arabic++
			continue
		}
		if !t.Cased {
			continue
		}
		cased++
		w := d.norm(i)
		for li, lang := range languages {
			if p.lex.function[lang][string(w)] {
				hits[li]++
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
