package gazetteer

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The folding that makes a name and a word of text comparable: lower case, no diacritics,
// Arabic letter variants unified. Text and gazetteer names go through the same Tokenize,
// so whatever it does to one it does to the other.

// foldLimit bounds the precomputed table: Latin, Greek, Cyrillic, Arabic and Latin Extended Additional.
const foldLimit = 0x2000

// folder is an immutable table built once: for each rune below foldLimit, its folded form and classes.
type folder struct {
	runes [foldLimit]foldEntry
	long  map[rune]string // folded forms longer than a foldEntry holds
}

// foldEntry is what the folder knows of one rune: its folded form ("" = dropped, e.g. a combining mark)
// when runeKeep is set, and its classes.
type foldEntry struct {
	b     [3]byte
	n     uint8
	flags uint8
}

const (
	runeKeep   = 1 << iota // the folded form is meaningful
	runeWord               // the rune belongs to a word (see isWordRune)
	runeUpper              // an upper-case letter
	runeLower              // a lower-case letter
	runeArabic             // of the Arabic script
	runeLong               // the folded form is in folder.long
)

var fold = buildFolder()

func buildFolder() *folder {
	f := &folder{long: map[rune]string{}}
	special := map[rune]string{
		'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d",
		'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h",
		'ŀ': "l", 'Ŀ': "l", 'ŧ': "t", 'Ŧ': "t", 'ſ': "s",
		// Arabic: hamza seats and alef variants to bare alef, teh marbuta to heh, alef maksura to yeh.
		'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا", 'ة': "ه", 'ى': "ي", 'ؤ': "و", 'ئ': "ي", 'ـ': "",
		'ک': "ك", 'ی': "ي",
	}
	set := func(r rune, folded string) {
		e := &f.runes[r]
		e.flags |= runeKeep
		if len(folded) > len(e.b) {
			f.long[r] = folded
			e.flags |= runeLong
			return
		}
		e.n = uint8(copy(e.b[:], folded))
	}
	for r := rune(0); r < foldLimit; r++ {
		e := &f.runes[r]
		if !isApostrophe(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) {
			e.flags |= runeWord
		}
		if unicode.IsUpper(r) {
			e.flags |= runeUpper
		}
		if unicode.IsLower(r) {
			e.flags |= runeLower
		}
		if unicode.Is(unicode.Arabic, r) {
			e.flags |= runeArabic
		}
		if s, ok := special[r]; ok {
			set(r, s)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			set(r, "")
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		var out []rune
		for _, d := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			out = append(out, unicode.ToLower(d))
		}
		set(r, string(out))
	}
	return f
}

// runeFlags returns the classes of r (runeUpper, runeLower, runeArabic).
func runeFlags(r rune) uint8 {
	if r < foldLimit {
		return fold.runes[r].flags
	}
	var f uint8
	if unicode.IsUpper(r) {
		f |= runeUpper
	}
	if unicode.IsLower(r) {
		f |= runeLower
	}
	if unicode.Is(unicode.Arabic, r) {
		f |= runeArabic
	}
	return f
}

// appendFold appends the folded form of r to dst.
func appendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if r < foldLimit {
		if e := &fold.runes[r]; e.flags&runeKeep != 0 {
			if e.flags&runeLong != 0 {
				return append(dst, fold.long[r]...)
			}
			return append(dst, e.b[:e.n]...)
		}
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// Fold returns s folded: its words, folded, joined by single spaces.
func Fold(s string) string {
	var b []byte
	toks := Tokenize(s, nil, &b)
	out := make([]byte, 0, len(b)+len(toks))
	for i, t := range toks {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, b[t.NormStart:t.NormEnd]...)
	}
	return string(out)
}
