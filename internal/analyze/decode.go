package analyze

import (
	"encoding/binary"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// decodeLine reads the usual form of an input line into rec without reflection: one object whose members
// are "id" (a string or a number), "date", "text" and "lang" (strings or null) and "mentions" (an array of
// objects of integers "start" and "end"), each at most once and spelt so, and nothing else. It returns
// false for any other line, valid or not, which json.Unmarshal then reads: whatever it accepts, decodeLine
// reads as json.Unmarshal does (FuzzDecodeLine checks it), and the rest keeps encoding/json's meaning and
// errors. The strings of rec without escapes share line's memory; those with escapes are unquoted into
// *scratch, appended to, and share its memory.
func decodeLine(line string, rec *jsonlInput, scratch *[]byte) bool {
	d := lineDecoder{s: line, buf: *scratch}
	defer func() { *scratch = d.buf }()
	if !d.skip('{') {
		return false
	}
	if d.skip('}') {
		d.space()
		return d.i == len(d.s)
	}
	var seen [5]bool
	for {
		key, ok := d.plainString()
		if !ok || !d.skip(':') {
			return false
		}
		member := slices.Index([]string{"id", "date", "text", "lang", "mentions"}, key)
		if member < 0 || seen[member] {
			return false
		}
		seen[member] = true
		switch member {
		case 0:
			var raw string
			if raw, ok = d.idValue(); ok {
				rec.ID = json.RawMessage(raw)
			}
		case 1:
			rec.Date, ok = d.stringOrNull()
		case 2:
			rec.Text, ok = d.stringOrNull()
		case 3:
			rec.Lang, ok = d.stringOrNull()
		case 4:
			ok = d.mentions(rec)
		}
		switch {
		case !ok:
			return false
		case d.skip(','):
			continue
		case d.skip('}'):
			d.space()
			return d.i == len(d.s)
		}
		return false
	}
}

// lineDecoder reads s from i, unquoting strings with escapes into buf.
type lineDecoder struct {
	s   string
	i   int
	buf []byte
}

// space skips JSON whitespace.
func (d *lineDecoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// skip skips whitespace and then c, and reports whether c was there (else it skips only the whitespace).
func (d *lineDecoder) skip(c byte) bool {
	d.space()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// plainString reads a string without escapes (a member's name).
func (d *lineDecoder) plainString() (string, bool) {
	d.space()
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return "", false
	}
	end := strings.IndexByte(d.s[d.i+1:], '"')
	if end < 0 {
		return "", false
	}
	str := d.s[d.i+1 : d.i+1+end]
	for k := 0; k < len(str); k++ {
		if c := str[k]; c < ' ' || c == '\\' || c >= utf8.RuneSelf {
			return "", false
		}
	}
	d.i += end + 2
	return str, true
}

// stringOrNull reads a string value, or null, which leaves a string as it is: "" (GeoVirus has "date": null).
func (d *lineDecoder) stringOrNull() (string, bool) {
	d.space()
	if strings.HasPrefix(d.s[d.i:], "null") {
		d.i += len("null")
		return "", true
	}
	return d.stringValue()
}

// stringValue reads a string value and unquotes it as encoding/json does: the escapes of RFC 8259, a
// \u escape of an unpaired surrogate as U+FFFD. It returns false for invalid UTF-8 (which encoding/json
// replaces byte by byte) and for anything that is not a string.
func (d *lineDecoder) stringValue() (string, bool) {
	d.space()
	if d.i >= len(d.s) || d.s[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	// The usual case: no escape, the string as it is.
	switch k, ascii := plainRun(d.s, start); {
	case k == len(d.s) || d.s[k] < ' ':
		return "", false
	case d.s[k] == '\\':
		return d.unquote(start)
	case ascii || utf8.ValidString(d.s[start:k]):
		d.i = k + 1
		return d.s[start:k], true
	}
	return "", false
}

// plainRun returns the index of the first quote, backslash or control character of s[k:], len(s) if
// none, and whether the bytes before it are ASCII.
func plainRun(s string, k int) (int, bool) {
	// eight bytes at a time while none of them stops the run (the tests of a byte under 0x20 and of a zero
	// byte, after xor with '"' or '\\', that hold for a whole word: no byte is missed)
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var seen uint64 // the bytes read, or-ed: their high bits
	for ; k+8 <= len(s); k += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[k : k+8]))
		q, b := x^(ones*'"'), x^(ones*'\\')
		if ((x-ones*' ')&^x|(q-ones)&^q|(b-ones)&^b)&highs != 0 {
			break
		}
		seen |= x
	}
	for k < len(s) && !stringStop[s[k]] {
		seen |= uint64(s[k])
		k++
	}
	return k, seen&highs == 0
}

// stringStop marks the bytes that end a run of a JSON string's plain characters.
var stringStop = func() (t [256]bool) {
	for c := range ' ' {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// unquote reads a string with escapes whose contents start at byte start.
func (d *lineDecoder) unquote(start int) (string, bool) {
	s := d.s
	n := len(d.buf)
	b := slices.Grow(d.buf, len(s)-start) // at most the rest of the line: escapes only shorten
	from := start                         // s[from:k] is yet to be copied
	for from < len(s) {
		k, ascii := plainRun(s, from)
		if k == len(s) || s[k] < ' ' {
			return "", false
		}
		if !ascii && !utf8.ValidString(s[from:k]) {
			return "", false
		}
		b = append(b, s[from:k]...)
		if s[k] == '"' {
			d.i, d.buf = k+1, b
			if len(b) == n {
				return "", true
			}
			return unsafe.String(&b[n], len(b)-n), true // b's memory: the next line writes over it
		}
		if k+1 >= len(s) {
			return "", false
		}
		switch e := s[k+1]; e {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			b = append(b, escaped[e])
			k += 2
		case 'u':
			r, ok := hex4(s, k+2)
			if !ok {
				return "", false
			}
			k += 6
			if utf16.IsSurrogate(r) {
				// A pair of escapes makes one rune; anything else is U+FFFD, and what follows is read on its own.
				r2, ok := rune(0), false
				if k+1 < len(s) && s[k] == '\\' && s[k+1] == 'u' {
					r2, ok = hex4(s, k+2)
				}
				if pair := utf16.DecodeRune(r, r2); ok && pair != utf8.RuneError {
					r = pair
					k += 6
				} else {
					r = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", false
		}
		from = k
	}
	return "", false
}

// hex4 reads four hexadecimal digits at s[k:].
func hex4(s string, k int) (rune, bool) {
	if k+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[k : k+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// idValue returns the raw bytes of a string or a number (what json.RawMessage keeps).
func (d *lineDecoder) idValue() (string, bool) {
	d.space()
	start := d.i
	if d.i < len(d.s) && d.s[d.i] == '"' {
		if _, ok := d.stringValue(); !ok {
			return "", false
		}
		return d.s[start:d.i], true
	}
	if !d.number() {
		return "", false
	}
	return d.s[start:d.i], true
}

// number skips a number as RFC 8259 writes it: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *lineDecoder) number() bool {
	s, i := d.s, d.i
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		i = digits(s, i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		if j := digits(s, i+1); j > i+1 {
			i = j
		} else {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if j := digits(s, i); j > i {
			i = j
		} else {
			return false
		}
	}
	d.i = i
	return true
}

// digits returns the end of the run of ASCII digits at s[i:].
func digits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// mentions reads an array of {"start": int, "end": int} objects, each member at most once.
func (d *lineDecoder) mentions(rec *jsonlInput) bool {
	if !d.skip('[') {
		return false
	}
	rec.Mentions = make([]jsonlSpan, 0, 8) // not nil, even for []: the spans given are none
	if d.skip(']') {
		return true
	}
	for {
		if !d.skip('{') {
			return false
		}
		var m jsonlSpan
		if !d.skip('}') {
			var seen [2]bool
			for {
				key, ok := d.plainString()
				if !ok || !d.skip(':') {
					return false
				}
				var dst *int
				switch {
				case key == "start" && !seen[0]:
					seen[0], dst = true, &m.Start
				case key == "end" && !seen[1]:
					seen[1], dst = true, &m.End
				default:
					return false
				}
				if *dst, ok = d.integer(); !ok {
					return false
				}
				if d.skip('}') {
					break
				}
				if !d.skip(',') {
					return false
				}
			}
		}
		rec.Mentions = append(rec.Mentions, m)
		if d.skip(']') {
			return true
		}
		if !d.skip(',') {
			return false
		}
	}
}

// integer reads a number without fraction or exponent that fits an int.
func (d *lineDecoder) integer() (int, bool) {
	d.space()
	start := d.i
	if !d.number() {
		return 0, false
	}
	n, err := strconv.Atoi(d.s[start:d.i])
	return n, err == nil
}

// escaped is the byte each one-letter JSON escape stands for.
var escaped = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
