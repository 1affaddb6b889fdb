package gazetteer

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Gap says what separates a token from the one before it, and so whether a name may span the two.
type Gap uint8

const (
	GapNone  Gap = iota // the first token
	GapSpace            // blanks
	GapJoin             // a hyphen or an apostrophe inside a word: ez-Zor, d'Alep, Russia's
	GapLine             // one line break: a name may still run across it
	GapHard             // punctuation or a blank line: no name spans it
)

// Token is one word of a text.
// Offsets are 32-bit and the punctuation mark 16-bit, which keeps a token in 32 bytes; Tokenize reads at
// most MaxText bytes.
type Token struct {
	Key                uint64 // KeyExtend(KeyStart(), the folded form): the key of the word alone
	Start, End         int32  // byte offsets in the text
	NormStart, NormEnd int32  // the folded form, in the buffer Tokenize appended to
	Punct              uint16 // the last punctuation mark before the token (a rune of the BMP), 0 if none
	Gap                Gap
	Upper              bool // starts with an upper-case letter
	Cased              bool // its script has case (Latin, Greek, Cyrillic...)
	Arabic             bool
	SentStart          bool // first word of a sentence, a paragraph, or a quotation
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', 'ʼ', 'ʻ', 'ʿ', 'ʾ', '´', 'ʹ':
		return true
	}
	return false
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiFold[r] != 0
	}
	if r < foldLimit {
		return fold.runes[r].flags&runeWord != 0 // letters, digits and marks, less the apostrophe-like letters
	}
	if r < 0x2070 {
		return false // General Punctuation: quotes, dashes, spaces
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the two-byte runes of Latin, Greek, Cyrillic,
// Hebrew and Arabic decoded inline.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
		return rune(c&0x1f)<<6 | rune(s[i+1]&0x3f), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isNameAbbrev reports whether a folded word is an abbreviation that begins or sits inside place names.
func isNameAbbrev(w []byte) bool {
	switch string(w) {
	case "st", "ste", "sts", "mt", "ft", "pt":
		return true
	}
	return false
}

func endsSentence(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '؟', '。', ':', '"', '«', '»', '“', '”', '„':
		return true
	}
	return false
}

// asciiClass classifies bytes for Tokenize's fast path; every byte of a multi-byte rune is classOther.
var asciiClass = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = classLower
		case 'A' <= c && c <= 'Z':
			t[c] = classUpper
		case c == ' ' || c == '\t' || c == '\r':
			t[c] = classBlank
		}
	}
	return t
}()

// asciiFold is the folded form of an ASCII letter or digit, 0 for any other byte.
var asciiFold = func() (t [256]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

const (
	classOther = iota
	classBlank
	classLower
	classUpper
)

// MaxText is the most Tokenize reads of a text: 512 MiB, so that the folded form's offsets (the folded
// form of a letter is at most three times as long) fit in a Token.
const MaxText = 512 << 20

// Tokenize splits text into words, appending them to dst and their folded forms to *buf.
func Tokenize(text string, dst []Token, buf *[]byte) []Token {
	z := tokenizer{text: text[:min(len(text), MaxText)], b: *buf, dst: dst, sent: true}
	z.run()
	*buf = z.b
	return z.dst
}

// tokenizer is the state of one Tokenize.
type tokenizer struct {
	text string
	b    []byte
	dst  []Token
	// what the separators read since the last token give the next one
	gap      Gap
	punct    uint16
	sent     bool
	newlines int // line breaks
}

// run reads the text: blanks and ASCII words here, the rest in other.
//
// ASCII words are most of a text, and run reads them itself: per word, foldASCII folds and hashes in one
// pass, and the token is written in place. run keeps room in z.b for the folded form of the rest of the
// text, as long as the text when it is ASCII, so that foldASCII writes without checking; other and
// foldRest append, and may use that room up.
func (z *tokenizer) run() {
	text := z.text
	z.b = slices.Grow(z.b, len(text))
	for i := 0; i < len(text); {
		c := text[i]
		if asciiFold[c] == 0 {
			if asciiClass[c] == classBlank {
				z.gap = max(z.gap, GapSpace)
				i++
				continue
			}
			i = z.other(i)
			z.keepRoom(i)
			continue
		}
		n := len(z.b)
		k, h := foldASCII(z.b[n:cap(z.b)], text[i:])
		z.b = z.b[:n+k]
		end := i + k
		next := byte(0) // the byte after the word, 0 at the end of the text
		if end < len(text) {
			next = text[end]
		}
		if next >= utf8.RuneSelf {
			if r, _ := decodeRune(text, end); isWordRune(r) { // the word goes on in other letters: "Zürich"
				end = z.foldRest(end)
				h = KeyExtend(KeyStart(), z.b[n:])
				z.keepRoom(end)
				next = 0
			}
		}
		z.emit(i, end, n, h, c-'A' < 26, c > '9', false)
		i = end
		if next == ' ' { // the usual blank after a word, read here rather than in another round
			z.gap = GapSpace
			i++
		}
	}
}

// foldASCII writes to w the folded form of the ASCII letters and digits that src starts with, and returns
// how many there are and the key of the word they make. w has room for src.
func foldASCII(w []byte, src string) (int, uint64) {
	w = w[:len(src)]
	h := KeyStart()
	k := 0
	for k < len(src) {
		f := asciiFold[src[k]]
		if f == 0 {
			break
		}
		w[k] = f
		h = (h ^ uint64(f)) * 1099511628211
		k++
	}
	return k, h
}

// emit appends the token of text[start:end], whose folded form runs from normStart to the end of the
// buffer, and starts the next.
func (z *tokenizer) emit(start, end, normStart int, key uint64, upper, cased, arabic bool) {
	z.dst = append(z.dst, Token{Key: key, Start: int32(start), End: int32(end), NormStart: int32(normStart),
		NormEnd: int32(len(z.b)), Punct: z.punct, Gap: z.gap, Upper: upper, Cased: cased, Arabic: arabic,
		SentStart: z.sent})
	z.gap, z.punct, z.sent, z.newlines = GapNone, 0, false, 0
}

// keepRoom grows z.b, when it must, to hold the folded form of the text from i on as long as the text
// (see run).
func (z *tokenizer) keepRoom(i int) {
	if cap(z.b)-len(z.b) < len(z.text)-i {
		z.b = slices.Grow(z.b, len(z.text)-i)
	}
}

// foldRest appends the folded runes of the word going on at i and returns the offset after it.
// ASCII and two-byte runes (Latin, Greek, Cyrillic, Arabic letters) are folded inline.
func (z *tokenizer) foldRest(i int) int {
	text := z.text
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			f := asciiFold[c]
			if f == 0 {
				return i
			}
			z.b = append(z.b, f)
			i++
			continue
		}
		if c >= 0xc2 && c < 0xe0 && i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
			e := &fold.runes[rune(c&0x1f)<<6|rune(text[i+1]&0x3f)] // below 0x800 < foldLimit
			if e.flags&runeWord == 0 {
				return i
			}
			if e.flags&(runeKeep|runeLong) == runeKeep {
				z.b = append(z.b, e.b[:e.n]...)
				i += 2
				continue
			}
		}
		r, size := decodeRune(text, i)
		if !isWordRune(r) {
			return i
		}
		z.b = appendFold(z.b, r)
		i += size
	}
	return i
}

// other reads what starts at i with a byte that is not an ASCII blank, letter or digit: a word in
// another script, or a separator. It returns the offset after what it read.
func (z *tokenizer) other(i int) int {
	text := z.text
	r, size := rune(text[i]), 1 // an ASCII byte here is not a letter or a digit: run reads those
	if r >= utf8.RuneSelf {
		r, size = decodeRune(text, i)
	}
	if r >= utf8.RuneSelf && isWordRune(r) {
		start, normStart := i, len(z.b)
		f := runeFlags(r)
		i = z.foldRest(i)
		if normStart < len(z.b) { // else only marks: not a word
			z.emit(start, i, normStart, KeyExtend(KeyStart(), z.b[normStart:]),
				f&runeUpper != 0, f&(runeUpper|runeLower) != 0, f&runeArabic != 0)
		}
		return i
	}
	switch {
	case r == '\n':
		z.newlines++
		if z.newlines >= 2 {
			z.gap, z.sent = GapHard, true
		} else if z.gap < GapLine {
			z.gap = GapLine
		}
	case r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' || unicode.IsSpace(r):
		z.gap = max(z.gap, GapSpace)
	case (isHyphen(r) || isApostrophe(r)) && z.gap <= GapSpace:
		z.gap = max(z.gap, GapJoin)
		if z.gap == GapJoin && i > 0 && i+size < len(text) {
			// a hyphen between spaces is a dash: it separates clauses
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			if prev == ' ' || next == ' ' {
				z.gap = GapHard
			}
		}
		z.punct = punctOf(r)
	case r == '.' && z.gap == GapNone && len(z.dst) > 0 && isNameAbbrev(z.lastNorm()):
		z.gap, z.punct = GapSpace, punctOf(r) // "St. Pölten", "Mt. Kenya": the dot of an abbreviation inside a name
	case r == '.' && z.gap == GapNone && z.initial(i):
		z.gap, z.punct = GapJoin, punctOf(r) // "U.S.", "N.Y.", "W.Va.": the dots between initials join them
	default:
		z.gap, z.punct = GapHard, punctOf(r)
		if endsSentence(r) {
			z.sent = true
		}
	}
	return i + size
}

// initial reports whether the dot at i follows a one-letter capital word and comes just before another
// capital letter: a dot inside "U.S." or "W.Va.", not the one ending "Plan B. Then".
func (z *tokenizer) initial(i int) bool {
	if len(z.dst) == 0 || i+1 >= len(z.text) || asciiClass[z.text[i+1]] != classUpper {
		return false
	}
	t := &z.dst[len(z.dst)-1]
	return t.End == int32(i) && t.End-t.Start == 1 && t.Upper
}

// punctOf is a punctuation mark as a Token holds it: the rune, or 0xFFFF beyond the BMP.
func punctOf(r rune) uint16 {
	if r > 0xFFFF {
		return 0xFFFF
	}
	return uint16(r)
}

// lastNorm is the folded form of the last token.
func (z *tokenizer) lastNorm() []byte {
	t := &z.dst[len(z.dst)-1]
	return z.b[t.NormStart:t.NormEnd]
}
