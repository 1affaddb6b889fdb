package geoparse

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
		if mask := d.info[i].function; mask != 0 {
			for li := range languages {
				if mask&(1<<li) != 0 {
					hits[li]++
				}
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
