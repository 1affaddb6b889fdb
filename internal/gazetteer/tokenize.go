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
type Token struct {
	Start, End         int    // byte offsets in the text
	NormStart, NormEnd int    // the folded form, in the buffer Tokenize appended to
	Key                uint64 // KeyExtend(KeyStart(), the folded form): the key of the word alone
	Gap                Gap
	Punct              rune // the last punctuation mark between the previous token and this one, 0 if none
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
		return fold.word[r] // letters, digits and marks, less the apostrophe-like letters
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
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

// asciiClass classifies ASCII bytes for Tokenize's fast path.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = classLower
		case 'A' <= c && c <= 'Z':
			t[c] = classUpper
		}
	}
	return t
}()

const (
	classOther = iota
	classLower
	classUpper
)

// Tokenize splits text into words, appending them to dst and their folded forms to *buf.
func Tokenize(text string, dst []Token, buf *[]byte) []Token {
	b := *buf
	gap, punct, newlines, sent := GapNone, rune(0), 0, true
	i := 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf && asciiClass[c] != classOther {
			// an ASCII word: the common case, without decoding runes
			t := Token{Start: i, Gap: gap, Punct: punct, SentStart: sent, NormStart: len(b)}
			t.Upper = asciiClass[c] == classUpper
			t.Cased = c > '9'
			h := KeyStart()
			for i < len(text) && text[i] < utf8.RuneSelf && asciiClass[text[i]] != classOther {
				c := text[i]
				if asciiClass[c] == classUpper {
					c += 'a' - 'A'
				}
				b = append(b, c)
				h = (h ^ uint64(c)) * 1099511628211
				i++
			}
			ascii := true
			if i < len(text) && text[i] >= utf8.RuneSelf {
				if r, _ := utf8.DecodeRuneInString(text[i:]); isWordRune(r) {
					// the word goes on in non-ASCII letters: finish it the slow way
					ascii = false
					for i < len(text) {
						r, size := utf8.DecodeRuneInString(text[i:])
						if !isWordRune(r) {
							break
						}
						b = appendFold(b, r)
						i += size
					}
				}
			}
			t.End, t.NormEnd = i, len(b)
			if t.Key = h; !ascii {
				t.Key = KeyExtend(KeyStart(), b[t.NormStart:t.NormEnd])
			}
			dst = append(dst, t)
			gap, punct, newlines, sent = GapNone, 0, 0, false
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
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
		t := Token{Start: i, Gap: gap, Punct: punct, SentStart: sent, NormStart: len(b)}
		t.Upper = unicode.IsUpper(r)
		t.Cased = t.Upper || unicode.IsLower(r)
		t.Arabic = unicode.Is(unicode.Arabic, r)
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			b = appendFold(b, r)
			i += size
		}
		t.End, t.NormEnd = i, len(b)
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
