package timex

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
	words  string // the folded words that the text writes otherwise, one after another: in buf
	buf    []byte // words' memory, which the next Read writes over
	exprs  []Expr
	spans  []span // the tokens of each expression
	sents  []sentence
	stops  []int32 // in order, the tokens that scan and split look at (the others are most): see tokenize
	weak   []int32 // in order, the tokens that are clause breaks of weight 1 (commas)
	strong []int32 // in order, the tokens that are clause breaks of weight 2 (semicolons, "après avoir")
	// prevDays is set when an expression is dated from the text's last day before it (resolvePrevDays),
	// which ReadAround must then have read whole
	prevDays bool
}

// token is one word, number or mark. It is kept small (36 bytes: int32 offsets, as maxText allows) and
// free of pointers, which the garbage collector would have to follow: a text has a token every five bytes
// or so, and writing them is much of reading a text.
type token struct {
	start, end int32  // byte offsets into the text
	ws, we     int32  // with wordInWords: the folded word is Doc.words[ws:we]
	num        int32  // the value of a number (of its first nine digits)
	r          rune   // the rune of a punctuation mark
	ents       uint16 // the word's meanings: lex.meanings[ents] (0: none)
	digits     uint8  // digits of a number, at most 255 (more are read as 255); 0 unless a number
	form       uint8  // where the folded word is: noWord, wordInText (text[start:end]) or wordInWords
	brk        uint8  // clause break: 1 weak, 2 strong
	lines      uint8  // line breaks in the space before the token, at most 2
	upper      bool   // a word starting with an upper-case letter
	lower      bool   // a word starting with a lower-case letter
	prefixed   bool   // the meanings are of the word's last part ("mi-octobre")
	inExpr     bool   // an expression goes on after the token, even one that cannot be resolved
}

// maxText is the length of text that Read reads at most, so that token offsets fit in int32; the rest of
// a longer text (reports are megabytes at most) is left unread.
const maxText = math.MaxInt32

// sentence is a sentence's byte span and its tokens, toks[t0:t1].
type sentence struct {
	start, end int
	t0, t1     int32
}

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
	d.reset(text, ref)
	d.tokenize(0, min(len(text), maxText))
	d.read(lang)
}

// ReadAround is Read for a caller that asks Sentence and DateFor only of the mentions ms (their Start
// and End): those answer as after Read, but only the stretches of text that hold a mention are read,
// between the sentence ends that Read makes whatever the rest of the text (see sureEnd). Many reports
// name places in a few of their sentences.
//
// The rest of the text bears on those answers in two ways only, for which ReadAround reads it whole as
// Read does: the language guessed for a text of none, and "le lendemain", "the day before", dated from
// the text's last day before it. So it does for mentions out of text order or outside the text.
func (d *Doc) ReadAround(text, lang string, ref report.Date, ms []report.Mention) {
	if lang == "" || len(text) > maxText || !inOrder(ms, len(text)) {
		d.Read(text, lang, ref)
		return
	}
	d.reset(text, ref)
	k := 0 // the first mention not yet read whole
	for start := 0; start < len(text) && k < len(ms); {
		end := sureEnd(text, start)
		need := false
		for k < len(ms) && ms[k].Start < end {
			need = true
			if ms[k].End > end {
				break // it goes on in the next stretch, which is read too
			}
			k++
		}
		if need {
			d.tokenize(start, end)
		}
		start = end
	}
	d.read(lang)
	if d.prevDays {
		d.Read(text, lang, ref)
	}
}

// inOrder reports whether the mentions are spans of a text of n bytes, in text order.
func inOrder(ms []report.Mention, n int) bool {
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.End < m.Start || m.End > n {
			return false
		}
		prev = m.Start
	}
	return true
}

// sureEnd returns where the sentence after the first sure sentence end from byte from starts, len(text)
// if there is none. A sure end is a period after a word of two ASCII letters or more, written after a
// space, which is no abbreviation and no word of the lexicon; then maybe a closing quote; then a space;
// then a capital, a digit or an opening quote, where the next sentence starts. Read ends a sentence there
// whatever the text around: no expression holds such a word, nor a period after a word that is not an
// abbreviation or a number, so the period is in none; what follows the space is no lower-case word and
// no closing mark; and the tokens on either side read the same without the other side (scan's and
// split's looks across the end stop at the period, a word "", or at a token not glued to the one before).
func sureEnd(text string, from int) int {
	var buf [16]byte
	for i := from; i < len(text); {
		k := strings.IndexByte(text[i:], '.')
		if k < 0 {
			break
		}
		p := i + k
		i = p + 1
		next := p + 1 // the space after the period, or after a closing quote
		switch {
		case strings.HasPrefix(text[next:], `"`):
			next++
		case strings.HasPrefix(text[next:], "”"):
			next += len("”")
		}
		if next+1 >= len(text) || text[next] != ' ' || !sentenceStart(text[next+1:]) {
			continue
		}
		s := p
		for s > from && p-s <= len(buf) && (byteClass[text[s-1]] == bLower || byteClass[text[s-1]] == bUpper) {
			s--
		}
		if p-s < 2 || p-s > len(buf) || s == from || text[s-1] != ' ' {
			continue
		}
		w := buf[:p-s]
		for n := range w {
			w[n] = text[s+n] | 0x20 // an ASCII letter folded
		}
		if abbreviations[string(w)] {
			continue
		}
		if ents, _ := lookup(bytesString(w), false); ents != 0 {
			continue
		}
		return next + 1
	}
	return len(text)
}

// sentenceStart reports whether s starts with an ASCII capital or digit, or an opening double quote.
func sentenceStart(s string) bool {
	c := s[0]
	return c-'A' < 26 || c-'0' < 10 || c == '"' || strings.HasPrefix(s, "“")
}

// reset starts d anew on text, dated ref, with the memory of what d held before.
func (d *Doc) reset(text string, ref report.Date) {
	*d = Doc{text: text, ref: ref, exprs: d.exprs[:0], spans: d.spans[:0], sents: d.sents[:0],
		toks: d.toks[:0], stops: d.stops[:0], weak: d.weak[:0], strong: d.strong[:0], buf: d.buf[:0]}
}

// read reads the tokens that tokenize gave: the expressions, the sentences, the clause breaks.
func (d *Doc) read(lang string) {
	d.words = bytesString(d.buf)
	if !d.ref.IsZero() {
		d.anchor = d.ref.Last()
	}
	d.mask = maskOf(lang)
	if lang == "" {
		d.mask = d.guessLang()
	}
	d.scan()
	d.split()
	for _, k := range d.stops { // the clause breaks, for DateFor: marks and clause words, which are stops
		switch d.toks[k].brk {
		case 1:
			d.weak = append(d.weak, k)
		case 2:
			d.strong = append(d.strong, k)
		}
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
	// The mention's tokens, toks[m0:m1]. The first is one of the sentence's, or the next sentence's first
	// when the mention starts in the space after the sentence: it is searched for among those only. A
	// mention has a few tokens, looked at one by one; the end of a longer span is searched for.
	t0, t1 := int(sen.t0), int(sen.t1)
	m0 := t0 + sort.Search(t1-t0, func(k int) bool { return int(d.toks[t0+k].end) > start })
	m1 := m0
	for m1 < len(d.toks) && m1 < m0+4 && int(d.toks[m1].start) < end {
		m1++
	}
	if m1 == m0+4 {
		m1 += sort.Search(len(d.toks)-m1, func(k int) bool { return int(d.toks[m1+k].start) >= end })
	}
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
		strong, weak := between(d.strong, a, b), between(d.weak, a, b)
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

// between returns how many of the ordered token indices ks are in [a, b).
func between(ks []int32, a, b int) int {
	i, _ := slices.BinarySearch(ks, int32(a))
	j, _ := slices.BinarySearch(ks, int32(b))
	return j - i
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

// tokenize splits d.text[from:to] into words (letters joined by inner apostrophes and hyphens), numbers and
// single punctuation marks, appended to d.toks, and writes the folded words that the text does not write
// into d.buf (d.words once read makes it so). to is the end of the text or where sureEnd says a sentence starts.
// It runs for every byte of a text, so it reads most words, short and in ASCII, eight bytes at a time.
//
// It lists in d.stops the marks, the numbers, the words that start a phrase, expression or clause
// (scanKinds), and the tokens a line break follows. scan and split pass the other tokens by, most: they
// read nothing there, and no loop over every token mispredicts where the next stop is.
func (d *Doc) tokenize(from, to int) {
	text := d.text[:min(len(d.text), maxText)]  // read past to, as when reading the whole text
	toks := slices.Grow(d.toks, (to-from)/4+16) // news text has a token every 5.2 bytes on average
	// stops and folded words take a fraction of that: grown once for a new Doc rather than by doubling
	d.stops, d.buf = slices.Grow(d.stops, (to-from)/16+4), slices.Grow(d.buf, (to-from)/4+8)
	// d.buf holds the folded words, looked up where they are written; read makes d.words of it
	// once it no longer grows. (It is left in d, not in a variable: the loop has too many for registers.)
	lines := uint8(0) // line breaks since the last token
	for i := from; i < to; {
		c := text[i]
		class := byteClass[c]
		if class <= bNewline {
			if class == bNewline {
				if lines == 0 && len(toks) > 0 {
					d.stopBeforeBreak(len(toks) - 1)
				}
				lines = min(lines+1, 2)
			}
			i++
			continue
		}
		if (class == bLower || class == bUpper) && len(text)-i >= 8 {
			// Most words are an ASCII letter and lower-case ones (at most 15 in all), then a space or a
			// mark: read here, 8 bytes at a time, with no call but the lexicon's probe (for one word in
			// five), they cost a fraction of readWord.
			x := load8(text[i:])
			k := 1 + lowerRun(x>>8) // the letters read, at most 8
			if k == 8 && len(text)-i >= 16 {
				k += lowerRun(load8(text[i+8:]))
			}
			if k < 16 && i+k < len(text) && byteClass[text[i+k]] <= bDigit {
				t := token{start: int32(i), end: int32(i + k), form: wordInText, lines: lines, lower: true}
				// The word's first 8 bytes packed (prefix8), and the word folded.
				p, w := x&lowBytes[min(k, 8)], text[i:i+k]
				if class == bUpper {
					p |= 0x20 // the first letter folded: 'A' | 0x20 is 'a'
					ws := len(d.buf)
					if k <= 8 {
						d.buf = binary.LittleEndian.AppendUint64(d.buf, p)[:ws+k]
					} else {
						d.buf = append(d.buf, w...)
						d.buf[ws] |= 0x20
					}
					t.form, t.ws, t.we, t.upper, t.lower = wordInWords, int32(ws), int32(ws+k), true, false
					w = bytesString(d.buf[ws:]) // until d.buf grows again: probe keeps no word
				}
				if h := wordHash(p, k); lex.sifted(h) { // what lookup does with w, sparing it the hash
					t.ents, _ = lex.probe(w, h)
				}
				if t.ents != 0 && lex.kinds[t.ents]&scanKinds != 0 {
					d.stops = append(d.stops, int32(len(toks)))
				}
				toks = append(toks, t)
				lines = 0
				if i += k; byteClass[text[i]] == bSpace {
					i++ // the space after the word, most often
				}
				continue
			}
		}
		r, n := rune(c), 1
		if class == bMulti {
			r, n = utf8.DecodeRuneInString(text[i:])
			switch {
			case unicode.IsSpace(r):
				i += n
				continue
			case letter(r):
				class = bLetter
			case digit(r) >= 0:
				class = bDigit
			}
		}
		toks = append(toks, token{start: int32(i), lines: lines})
		lines = 0
		t := &toks[len(toks)-1] // filled in place: a token is too big to copy for nothing
		switch class {
		case bLower, bUpper, bLetter: // a letter is no digit: words first, the most frequent tokens
			d.readWord(t, text, r, n)
		case bDigit:
			t.readNumber(text)
		default:
			t.end, t.r = int32(i+n), r
			switch r {
			case ',', ':', '(', ')', '—', '–', '،':
				t.brk = 1
			case ';', '؛':
				t.brk = 2
			}
		}
		if t.form == noWord || lex.kinds[t.ents]&scanKinds != 0 { // a number or a mark, or a word scan reads
			d.stops = append(d.stops, int32(len(toks)-1))
		}
		i = int(t.end)
	}
	d.toks = toks
}

// stopBeforeBreak adds token k, the last so far, which a line break follows, to d.stops unless there
// already: split ends a sentence after it when the next line does not go on in lower case.
func (d *Doc) stopBeforeBreak(k int) {
	if len(d.stops) == 0 || d.stops[len(d.stops)-1] != int32(k) {
		d.stops = append(d.stops, int32(k))
	}
}

// readWord reads the word of text at t.start, whose first letter is r, of n bytes: its end, its folded
// form (appended to d.buf when the text does not write it folded) and meanings, and its case.
func (d *Doc) readWord(t *token, text string, r rune, n int) {
	i := int(t.start)
	j, isFolded, joined := wordEnd(text, i+n, 'a' <= r && r <= 'z', r == 'ʼ') // "ʼ" is a letter and a joiner
	t.end = int32(j)
	w := text[i:j]
	var p uint64 // the first 8 bytes of w, which the lexicon hashes
	if isFolded {
		t.form = wordInText
		p = prefix8(w)
	} else {
		ws := len(d.buf)
		d.buf = appendFold(d.buf, w)
		t.form, t.ws, t.we = wordInWords, int32(ws), int32(len(d.buf))
		w = bytesString(d.buf[ws:]) // until d.buf grows again: lookup keeps no word
		p = prefix8(w)
	}
	switch {
	case w == "":
	case joined || w[0] >= utf8.RuneSelf:
		t.ents, t.prefixed = lookup(w, joined)
	default: // what lookup does with w, sparing it the hash
		if h := wordHash(p, len(w)); lex.sifted(h) { // most words are not looked up
			t.ents, _ = lex.probe(w, h)
		}
	}
	if t.prefixed { // the case of the part that was looked up
		k := strings.LastIndexFunc(text[i:j], joiner)
		_, n := utf8.DecodeRuneInString(text[i+k:])
		r, _ = utf8.DecodeRuneInString(text[i+k+n:])
	}
	if r < utf8.RuneSelf {
		t.upper, t.lower = 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z'
	} else {
		t.upper, t.lower = unicode.IsUpper(r), unicode.IsLower(r)
	}
}

// wordEnd returns the end of the word of text that goes on at j, whether text writes it folded (it does
// so far if isFolded), and whether it holds a rune that folds to an apostrophe or a hyphen (joined: so
// far).
func wordEnd(text string, j int, isFolded, joined bool) (int, bool, bool) {
	for j < len(text) {
		if len(text)-j >= 8 { // the common case, lower-case letters, eight at a time
			k := lowerRun(load8(text[j:]))
			if j += k; k == 8 {
				continue
			}
		}
		c := text[j]
		switch byteClass[c] {
		case bLower: // near the end of the text
			j++
			continue
		case bUpper:
			isFolded = false
			j++
			continue
		case bMulti:
		case bJoin: // the word goes on after an apostrophe or a hyphen before a letter
			if next, _ := utf8.DecodeRuneInString(text[j+1:]); !letter(next) {
				return j, isFolded, joined
			}
			joined = true
			j++
			continue
		default: // no letter
			return j, isFolded, joined
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
	return j, isFolded, joined
}

// lowBytes[n] masks the first n bytes of a packed word (prefix8).
var lowBytes = [9]uint64{0, 1<<8 - 1, 1<<16 - 1, 1<<24 - 1, 1<<32 - 1, 1<<40 - 1, 1<<48 - 1, 1<<56 - 1,
	math.MaxUint64}

// lowerRun returns how many of the 8 bytes packed in x (load8), from the first, are ASCII lower-case
// letters. It tests them all at once: the high bit of each byte, set (in x | high) so that subtracting a
// byte never borrows from the next, is left set by "- 'a'" for bytes from 'a', and cleared by "- '{'" for
// bytes before '{' (the byte after 'z').
func lowerRun(x uint64) int {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	lower := ((x | high) - 'a'*ones) &^ ((x | high) - '{'*ones) &^ x & high // &^ x: not ASCII
	return bits.TrailingZeros64(^lower&high) / 8
}

// readNumber reads the digits of text from t.start: t's end, value and digits.
func (t *token) readNumber(text string) {
	j := int(t.start)
	for j < len(text) {
		r, n := rune(text[j]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[j:])
		}
		v := digit(r)
		if v < 0 {
			break
		}
		if t.digits < 9 {
			t.num = t.num*10 + int32(v)
		}
		t.digits = min(t.digits, math.MaxUint8-1) + 1
		j += n
	}
	t.end = int32(j)
}

// byteClass sorts the bytes of a text for tokenize: ASCII spaces, letters, digits and marks, and the
// first bytes of other runes, which tokenize decodes.
var byteClass = func() (cs [256]uint8) {
	for c := range cs {
		switch r := rune(c); {
		case c >= utf8.RuneSelf:
			cs[c] = bMulti
		case r == '\n':
			cs[c] = bNewline
		case unicode.IsSpace(r):
			cs[c] = bSpace
		case r == '\'' || r == '-':
			cs[c] = bJoin
		case 'a' <= r && r <= 'z':
			cs[c] = bLower
		case 'A' <= r && r <= 'Z':
			cs[c] = bUpper
		case digit(r) >= 0:
			cs[c] = bDigit
		default:
			cs[c] = bMark
		}
	}
	return cs
}()

// Byte classes (byteClass), the classes that end a word first.
const (
	bSpace   = iota // an ASCII space but the line break
	bNewline        // "\n"
	bMark           // another ASCII mark
	bDigit
	bJoin  // "'" and "-", which join letters into a word
	bLower // ASCII letters
	bUpper
	bMulti  // the first byte of another rune (or of invalid UTF-8), which tokenize decodes
	bLetter // a rune that is not ASCII, decoded: a letter
)

// bytesString returns the bytes of b as a string, without copying them: b must not change while the
// string is in use. Doc.words so shares Doc.buf until the next Read writes over it.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

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
	if r < letterTableEnd {
		return letterTable[r/64]&(1<<(r%64)) != 0
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// letterTable holds letter(r) for the runes below letterTableEnd (the scripts of the supported languages,
// and punctuation such as "’" and "—" that letter is asked about as often): a bit test where the unicode
// tables would be searched.
var letterTable = func() (t [letterTableEnd / 64]uint64) {
	for r := rune(0); r < letterTableEnd; r++ {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

const letterTableEnd = 0x3000 // 1.5 KB of bits

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
	toks := d.toks[:min(len(d.toks), 400)]
	for i := range toks {
		var s string // the folded word is s[a:a+n]
		var a, n int
		switch t := &toks[i]; t.form {
		case noWord:
			continue
		case wordInText:
			s, a, n = d.text, int(t.start), int(t.end-t.start)
		case wordInWords:
			s, a, n = d.words, int(t.ws), int(t.we-t.ws)
		}
		if n == 0 {
			continue
		}
		words++
		if s[a] >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRuneInString(s[a : a+n]); unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
		if n > commonWords.maxLen {
			continue
		}
		var p uint64 // the word packed (prefix8): n is at most 8
		if len(s)-a >= 8 {
			p = load8(s[a:]) & lowBytes[n] // one load, and the bytes after the word masked off
		} else {
			p = prefix8(s[a : a+n])
		}
		for m := commonWords.get(p, n); m != 0; m &= m - 1 {
			score[bits.TrailingZeros8(uint8(m))]++
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

// split cuts the tokens into sentences: at ". ! ? … ؟" (with closing quotes) before a word that is not
// lower-case, unless after an abbreviation or inside an expression ("14. Oktober"); at a blank line; and at
// a line break unless the next line goes on in lower case.
func (d *Doc) split() {
	t0, i := 0, 0 // the first token of the sentence, and the first to look at
	// The tokens that are not stops are words before no line break: they end nothing.
	for _, stop := range d.stops {
		if int(stop) < i {
			continue
		}
		i = int(stop)
		j := i
		term := d.toks[i].r != 0 && d.terminal(i) // a word or a number (r 0) ends nothing
		if term {
			for j+1 < len(d.toks) && strings.ContainsRune(`"'»”’)]›`, d.toks[j+1].r) &&
				(d.glued(j+1) || d.toks[j+1].r == '»') {
				j++
			}
		}
		if j+1 < len(d.toks) && !d.toks[j].inExpr && (d.lineBreak(j) || term && d.sentenceEnd(i, j+1)) {
			d.sents = append(d.sents, d.sentence(t0, j+1))
			t0 = j + 1
		}
		i = j + 1
	}
	if t0 < len(d.toks) {
		d.sents = append(d.sents, d.sentence(t0, len(d.toks)))
	}
}

// sentence returns the sentence of tokens toks[t0:t1].
func (d *Doc) sentence(t0, t1 int) sentence {
	return sentence{int(d.toks[t0].start), int(d.toks[t1-1].end), int32(t0), int32(t1)}
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
