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

// folder is an immutable table built once: rune -> its folded form ("" = dropped, e.g. a combining mark).
type folder struct {
	table [foldLimit]string
	keep  [foldLimit]bool // table[r] is meaningful
	word  [foldLimit]bool // r belongs to a word (see isWordRune)
}

var fold = buildFolder()

func buildFolder() *folder {
	f := &folder{}
	special := map[rune]string{
		'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d",
		'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h",
		'ŀ': "l", 'Ŀ': "l", 'ŧ': "t", 'Ŧ': "t", 'ſ': "s",
		// Arabic: hamza seats and alef variants to bare alef, teh marbuta to heh, alef maksura to yeh.
		'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا", 'ة': "ه", 'ى': "ي", 'ؤ': "و", 'ئ': "ي", 'ـ': "",
		'ک': "ك", 'ی': "ي",
	}
	for r := rune(0); r < foldLimit; r++ {
		if s, ok := special[r]; ok {
			f.table[r], f.keep[r] = s, true
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			f.table[r], f.keep[r] = "", true
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
		f.table[r], f.keep[r] = string(out), true
	}
	for r := rune(0); r < foldLimit; r++ {
		f.word[r] = !isApostrophe(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
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
	if r < foldLimit && fold.keep[r] {
		return append(dst, fold.table[r]...)
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
