package gazetteer

import (
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
// Offsets are 32-bit, which keeps a token in 40 bytes; Tokenize reads at most MaxText bytes.
type Token struct {
	Key                uint64 // KeyExtend(KeyStart(), the folded form): the key of the word alone
	Start, End         int32  // byte offsets in the text
	NormStart, NormEnd int32  // the folded form, in the buffer Tokenize appended to
	Punct              rune   // the last punctuation mark between the previous token and this one, 0 if none
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
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
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
	text = text[:min(len(text), MaxText)]
	b := *buf
	gap, punct, newlines, sent := GapNone, rune(0), 0, true
	i := 0
	for i < len(text) {
		switch cls := asciiClass[text[i]]; cls {
		case classBlank:
			gap = max(gap, GapSpace)
			i++
			continue
		case classLower, classUpper:
			// an ASCII word: the common case, without decoding runes
			t := Token{Start: int32(i), Gap: gap, Punct: punct, SentStart: sent, NormStart: int32(len(b))}
			t.Upper = cls == classUpper
			t.Cased = text[i] > '9'
			for i < len(text) && asciiClass[text[i]] >= classLower {
				i++
			}
			b = append(b, text[t.Start:i]...)
			w := b[t.NormStart:]
			h := KeyStart()
			for k, c := range w {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
					w[k] = c
				}
				h = (h ^ uint64(c)) * 1099511628211
			}
			ascii := true
			if i < len(text) && text[i] >= utf8.RuneSelf {
				if r, _ := decodeRune(text, i); isWordRune(r) {
					// the word goes on in non-ASCII letters: finish it the slow way
					ascii = false
					for i < len(text) {
						r, size := decodeRune(text, i)
						if !isWordRune(r) {
							break
						}
						b = appendFold(b, r)
						i += size
					}
				}
			}
			t.End, t.NormEnd = int32(i), int32(len(b))
			if t.Key = h; !ascii {
				t.Key = KeyExtend(KeyStart(), b[t.NormStart:t.NormEnd])
			}
			dst = append(dst, t)
			gap, punct, newlines, sent = GapNone, 0, 0, false
			continue
		}
		r, size := decodeRune(text, i)
		if !isWordRune(r) {
			switch {
			case r == '\n':
				newlines++
				if newlines >= 2 {
					gap, sent = GapHard, true
				} else if gap < GapLine {
					gap = GapLine
				}
			case r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' || unicode.IsSpace(r):
				if gap < GapSpace {
					gap = GapSpace
				}
			case (isHyphen(r) || isApostrophe(r)) && gap <= GapSpace:
				if gap < GapJoin {
					gap = GapJoin
				}
				if gap == GapJoin && i > 0 && i+size < len(text) {
					// a hyphen between spaces is a dash: it separates clauses
					prev, _ := utf8.DecodeLastRuneInString(text[:i])
					next, _ := utf8.DecodeRuneInString(text[i+size:])
					if prev == ' ' || next == ' ' {
						gap = GapHard
					}
				}
				punct = r
			case r == '.' && gap == GapNone && len(dst) > 0 && isNameAbbrev(b[dst[len(dst)-1].NormStart:dst[len(dst)-1].NormEnd]):
				gap, punct = GapSpace, r // "St. Pölten", "Mt. Kenya": the dot of an abbreviation inside a name
			default:
				gap, punct = GapHard, r
				if endsSentence(r) {
					sent = true
				}
			}
			i += size
			continue
		}
		t := Token{Start: int32(i), Gap: gap, Punct: punct, SentStart: sent, NormStart: int32(len(b))}
		f := runeFlags(r)
		t.Upper = f&runeUpper != 0
		t.Cased = f&(runeUpper|runeLower) != 0
		t.Arabic = f&runeArabic != 0
		for i < len(text) {
			r, size = decodeRune(text, i)
			if !isWordRune(r) {
				break
			}
			b = appendFold(b, r)
			i += size
		}
		t.End, t.NormEnd = int32(i), int32(len(b))
		if t.NormEnd == t.NormStart { // only marks: not a word
			continue
		}
		t.Key = KeyExtend(KeyStart(), b[t.NormStart:t.NormEnd])
		dst = append(dst, t)
		gap, punct, newlines, sent = GapNone, 0, 0, false
	}
	*buf = b
	return dst
}
