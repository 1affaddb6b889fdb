package timex

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
)

// Expr is a temporal expression found in a text, resolved against the report's date.
type Expr struct {
	Start, End int // byte offsets into the text
	Text       string
	Date       report.Date
}

// Doc finds the temporal expressions and sentences of one report's text and dates its mentions.
// A Doc is not changed after NewDoc or Read, so it may be shared between goroutines until it reads again.
type Doc struct {
	text   string
	ref    report.Date
	anchor time.Time // the last day of ref: weekdays and days are counted back from it
	mask   langMask
	toks   []token
	words  string // the folded words that the text writes otherwise, one after another
	exprs  []Expr
	spans  []span // the tokens of each expression
	sents  []sentence
	weak   []int32 // weak[k]: clause breaks of weight 1 (commas) among toks[:k]
	strong []int32 // strong[k]: clause breaks of weight 2 (semicolons, "après avoir") among toks[:k]
}

// token is one word, number or mark. It is kept small (48 bytes) and free of pointers, which the garbage
// collector would have to follow: a text has a token every five bytes or so.
type token struct {
	start, end int
	ws, we     int32  // with wordInWords: the folded word is Doc.words[ws:we]
	form       uint8  // where the folded word is: noWord, wordInText (text[start:end]) or wordInWords
	num        int32  // the value of a number (of its first nine digits)
	digits     int32  // digits of a number; 0 unless a number
	r          rune   // the rune of a punctuation mark
	ents       uint16 // the word's meanings: lex.meanings[ents] (0: none)
	upper      bool   // a word starting with an upper-case letter
	lower      bool   // a word starting with a lower-case letter
	prefixed   bool   // the meanings are of the word's last part ("mi-octobre")
	brk        uint8  // clause break: 1 weak, 2 strong
	inExpr     bool   // an expression goes on after the token, even one that cannot be resolved
	lines      uint8  // line breaks in the space before the token, at most 2
}

type sentence struct{ start, end int } // byte span

// span is an expression's token range [t0, t1); aside marks one in a relative clause ("Mosul, which IS
// seized in 2014, fell on Sunday") or starting a duration ("since August"): it dates a mention outside
// its clause only when no other date does.
type span struct {
	t0, t1 int
	aside  bool
}

// NewDoc reads text, written in lang ("fr", "en", "es", "de", "it", "pt", "ar"; "" guesses), dated ref.
// ref may be partial or zero; relative expressions ("lundi", "hier") need a non-zero ref.
func NewDoc(text, lang string, ref report.Date) *Doc {
	d := &Doc{}
	d.Read(text, lang, ref)
	return d
}

// Read makes d what NewDoc(text, lang, ref) returns, reusing the memory of what d held before, which
// is gone. A caller that reads many texts one after another saves most of the allocation so.
func (d *Doc) Read(text, lang string, ref report.Date) {
	*d = Doc{text: text, ref: ref, exprs: d.exprs[:0], spans: d.spans[:0], sents: d.sents[:0],
		toks: d.toks[:0], weak: d.weak, strong: d.strong}
	d.toks, d.words = tokenize(text, d.toks)
	if !ref.IsZero() {
		d.anchor = ref.Last()
	}
	d.mask = maskOf(lang)
	if lang == "" {
		d.mask = d.guessLang()
	}
	d.scan()
	d.split()
	d.weak = slices.Grow(d.weak[:0], len(d.toks)+1)[:len(d.toks)+1]
	d.strong = slices.Grow(d.strong[:0], len(d.toks)+1)[:len(d.toks)+1]
	weak, strong := d.weak[1:len(d.toks)+1], d.strong[1:len(d.toks)+1]
	d.weak[0], d.strong[0] = 0, 0
	var nw, ns int32
	for k := range d.toks {
		switch d.toks[k].brk {
		case 1:
			nw++
		case 2:
			ns++
		}
		weak[k], strong[k] = nw, ns
	}
}

// Exprs returns the temporal expressions found, in text order.
func (d *Doc) Exprs() []Expr { return slices.Clone(d.exprs) }

// Sentence returns the byte span of the sentence holding byte pos; whitespace after a sentence belongs
// to it. It returns the empty span at pos when the text has no sentence.
func (d *Doc) Sentence(pos int) (start, end int) {
	pos = min(max(pos, 0), len(d.text))
	s := d.sentenceAt(pos)
	if s < 0 {
		return pos, pos
	}
	return d.sents[s].start, d.sents[s].end
}

// DateFor returns the date of the event a mention at [start, end) belongs to: the date right after it
// ("reached Gao on Saturday"), else the date of its clause, else the nearest date of its sentence,
// crossing as few clause breaks as possible, else the report's date.
func (d *Doc) DateFor(start, end int) report.Date {
	start = min(max(start, 0), len(d.text))
	end = min(max(end, start), len(d.text))
	s := d.sentenceAt(start)
	if s < 0 {
		return d.ref
	}
	sen := d.sents[s]
	lo := sort.Search(len(d.exprs), func(k int) bool { return d.exprs[k].Start >= sen.start })
	hi := sort.Search(len(d.exprs), func(k int) bool { return d.exprs[k].Start >= sen.end })
	m0 := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].end > start })
	m1 := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].start >= end })
	best, bestKey := -1, [4]int{}
	for k := lo; k < hi; k++ {
		e0, e1 := d.spans[k].t0, d.spans[k].t1
		a, b := 0, 0 // the tokens between the mention and the expression
		switch {
		case e0 >= m1:
			a, b = m1, e0
		case e1 <= m0:
			a, b = e1, m0
		}
		strong, weak := int(d.strong[b]-d.strong[a]), int(d.weak[b]-d.weak[a])
		if e0 >= m1 && e0-m1 <= 3 && strong+weak == 0 {
			return d.exprs[k].Date
		}
		aside := 0
		if d.spans[k].aside && strong+weak > 0 {
			aside = 1
		}
		// Ranked by: an aside of another clause last, then fewest strong breaks, weak breaks, bytes.
		key := [4]int{aside, strong, weak, max(d.exprs[k].Start-end, start-d.exprs[k].End, 0)}
		if best < 0 || slices.Compare(key[:], bestKey[:]) < 0 {
			best, bestKey = k, key
		}
	}
	if best < 0 {
		return d.ref
	}
	return d.exprs[best].Date
}

func (d *Doc) sentenceAt(pos int) int {
	if len(d.sents) == 0 {
		return -1
	}
	return max(sort.Search(len(d.sents), func(k int) bool { return d.sents[k].start > pos })-1, 0)
}

// word returns the folded word of token i, "" unless a word.
func (d *Doc) word(i int) string {
	switch t := &d.toks[i]; t.form {
	case wordInText:
		return d.text[t.start:t.end]
	case wordInWords:
		return d.words[t.ws:t.we]
	}
	return ""
}

// Where a token's folded word is (token.form).
const (
	noWord      = iota
	wordInText  // the text writes it folded: most words
	wordInWords // in Doc.words
)

// tokenize splits text into words (letters joined by inner apostrophes and hyphens), numbers and
// single punctuation marks, and returns them, appended to toks, with the string of their folded words.
func tokenize(text string, toks []token) ([]token, string) {
	toks = slices.Grow(toks, len(text)/4+16) // news text has a token every 5.2 bytes on average
	// words.String() shares the builder's buffer, so a word is looked up where it is written; scratch
	// holds one folded word.
	var words strings.Builder
	var scratch []byte
	lines := uint8(0) // line breaks since the last token
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r == ' ' { // the usual space, before anything else
			i++
			continue
		}
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if (r < ' ' || r >= utf8.RuneSelf) && unicode.IsSpace(r) { // no other ASCII byte is a space
			if r == '\n' {
				lines = min(lines+1, 2)
			}
			i += n
			continue
		}
		toks = append(toks, token{start: i, lines: lines})
		lines = 0
		t := &toks[len(toks)-1] // filled in place: a token is too big to copy for nothing
		// a letter is no digit: words first, the most frequent tokens
		switch {
		case letter(r):
			j := i + n
			// isFolded is folded(text[i:j]); joined reports a rune that folds to an apostrophe or a hyphen
			isFolded, joined := 'a' <= r && r <= 'z', r == 'ʼ' // the one letter that is a joiner
			for j < len(text) {
				if c := text[j]; 'a' <= c && c <= 'z' { // the common case: no decoding
					j++
					continue
				} else if 'A' <= c && c <= 'Z' {
					isFolded = false
					j++
					continue
				} else if c < utf8.RuneSelf { // no letter: the word goes on only after an apostrophe or a hyphen
					if c != '\'' && c != '-' {
						break
					}
					if next, _ := utf8.DecodeRuneInString(text[j+1:]); !letter(next) {
						break
					}
					joined = true
					j++
					continue
				}
				r, n := utf8.DecodeRuneInString(text[j:])
				if letter(r) {
					isFolded, joined = false, joined || joiner(r) // "ʼ" is a letter
					j += n
					continue
				}
				if next, _ := utf8.DecodeRuneInString(text[j+n:]); joiner(r) && letter(next) {
					isFolded, joined = false, true
					j += n
					continue
				}
				break
			}
			t.end = j
			w := text[i:j]
			if isFolded {
				t.form = wordInText
			} else {
				t.form, t.ws = wordInWords, int32(words.Len())
				scratch = appendFold(scratch[:0], w)
				words.Write(scratch)
				t.we = int32(words.Len())
				w = words.String()[t.ws:]
			}
			if w != "" && (joined || w[0] >= utf8.RuneSelf || lex.sifted(w)) { // else lookup finds nothing
				t.ents, t.prefixed = lookup(w, joined)
			}
			if t.prefixed { // the case of the part that was looked up
				k := strings.LastIndexFunc(text[i:j], joiner)
				_, n := utf8.DecodeRuneInString(text[i+k:])
				r, _ = utf8.DecodeRuneInString(text[i+k+n:])
			}
			t.upper, t.lower = unicode.IsUpper(r), unicode.IsLower(r)
		case digit(r) >= 0:
			j := i
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				v := digit(r)
				if v < 0 {
					break
				}
				if t.digits < 9 {
					t.num = t.num*10 + int32(v)
				}
				t.digits++
				j += n
			}
			t.end = j
		default:
			t.end, t.r = i+n, r
			switch r {
			case ',', ':', '(', ')', '—', '–', '،':
				t.brk = 1
			case ';', '؛':
				t.brk = 2
			}
		}
		i = t.end
	}
	return toks, words.String()
}

// digit returns the value of an ASCII, Arabic-Indic or Persian digit, -1 for other runes.
func digit(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case '٠' <= r && r <= '٩':
		return int(r - '٠')
	case '۰' <= r && r <= '۹':
		return int(r - '۰')
	}
	return -1
}

func letter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// joiner reports an apostrophe or hyphen that joins letters into one word ("aujourd'hui", "avant-hier").
func joiner(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '-', '‐', '‑':
		return true
	}
	return false
}

// guessLang counts frequent function words; Arabic script wins when it is most of the words. It returns
// every language when nothing stands out.
func (d *Doc) guessLang() langMask {
	var score [8]int
	arabic, words := 0, 0
	for i := range min(len(d.toks), 400) {
		w := d.word(i)
		if w == "" {
			continue
		}
		words++
		if r, _ := utf8.DecodeRuneInString(w); unicode.Is(unicode.Arabic, r) {
			arabic++
		}
		for m := commonWords[w]; m != 0; m &= m - 1 {
			score[bitIndex(m&-m)]++
		}
	}
	if arabic*2 > words {
		return langAR
	}
	best := slices.Max(score[:])
	if best < 2 {
		return allLangs
	}
	var m langMask
	for i, s := range score {
		if s == best {
			m |= 1 << i
		}
	}
	return m
}

func bitIndex(m langMask) int {
	i := 0
	for m > 1 {
		m >>= 1
		i++
	}
	return i
}

// split cuts the tokens into sentences: at ". ! ? … ؟" (with closing quotes) before a word that is not
// lower-case, unless after an abbreviation or inside an expression ("14. Oktober"); at a blank line; and at
// a line break unless the next line goes on in lower case.
func (d *Doc) split() {
	t0 := 0
	for i := 0; i < len(d.toks); i++ {
		j := i
		term := d.toks[i].r != 0 && d.terminal(i) // a word or a number (r 0) ends nothing
		if term {
			for j+1 < len(d.toks) && strings.ContainsRune(`"'»”’)]›`, d.toks[j+1].r) &&
				(d.glued(j+1) || d.toks[j+1].r == '»') {
				j++
			}
		}
		if j+1 < len(d.toks) && !d.toks[j].inExpr && (d.lineBreak(j) || term && d.sentenceEnd(i, j+1)) {
			d.sents = append(d.sents, sentence{d.toks[t0].start, d.toks[j].end})
			t0 = j + 1
		}
		i = j
	}
	if t0 < len(d.toks) {
		d.sents = append(d.sents, sentence{d.toks[t0].start, d.toks[len(d.toks)-1].end})
	}
}

func (d *Doc) terminal(i int) bool {
	switch d.toks[i].r {
	case '.', '!', '?', '…', '؟', '۔':
		return true
	}
	return false
}

// glued reports whether token i follows token i-1 without space.
func (d *Doc) glued(i int) bool {
	return i > 0 && i < len(d.toks) && d.toks[i].start == d.toks[i-1].end
}

// lineBreak reports a blank line after token i, or a line break before a line that does not go on in
// lower case.
func (d *Doc) lineBreak(i int) bool {
	switch d.toks[i+1].lines {
	case 0:
		return false
	case 1:
		return !d.toks[i+1].lower
	}
	return true
}

// sentenceEnd decides whether the mark at token i, followed by token next, ends a sentence.
func (d *Doc) sentenceEnd(i, next int) bool {
	n := d.toks[next]
	if !d.glued(next) {
		return !n.lower && !(d.toks[i].r == '.' && d.abbrev(i-1))
	}
	// "coalition.C'était": a missing space between a lower-case word and an upper-case one.
	p := d.toks[max(i-1, 0)]
	last, _ := utf8.DecodeLastRuneInString(d.text[p.start:p.end])
	return i > 0 && d.glued(i) && n.upper && unicode.IsLower(last) && utf8.RuneCountInString(d.word(max(i-1, 0))) > 1
}

// abbrev reports whether token i is a word that a period after it abbreviates: an initial ("M.", "U.S.")
// or a title, rank or month abbreviation.
func (d *Doc) abbrev(i int) bool {
	if i < 0 || d.word(i) == "" || !d.glued(i+1) {
		return false
	}
	w := d.word(i)
	return utf8.RuneCountInString(w) == 1 || abbreviations[w]
}

var abbreviations = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`mr mrs ms dr prof st mt ste sr sra srta jr gen col lt sgt capt maj cdt cmdt
		brig gov sen rep rev hon pres mme mmes mlle mm dott sig ing avv hr fr dipl bzw ca vs approx env av bd
		jan feb apr jun jul aug sep sept oct nov dec janv fevr avr juil okt dez inc ltd corp`) {
		m[w] = true
	}
	return m
}()
