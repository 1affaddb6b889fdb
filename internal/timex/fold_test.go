package timex

import (
	"strings"
	"testing"
)

// TestAppendFold checks appendFold, which reads the fold of a one- or two-byte rune from a table, against
// appendFoldRune rune by rune, on every such rune and on runes of three and four bytes, with some
// that fold to nothing or to two letters (combining accents, tatweel, "ß", "œ").
func TestAppendFold(t *testing.T) {
	var in strings.Builder
	var want []byte
	for r := rune(0x80); r < 0x800; r++ { // ASCII alone takes appendFold's ASCII path
		in.WriteRune(r)
		want = appendFoldRune(want, r)
	}
	for _, r := range "Ⱥ’‐ßŒœÉ\u0301ـ€𝔸\uFFFD" {
		in.WriteRune(r)
		want = appendFoldRune(want, r)
	}
	if got := appendFold(nil, in.String()); string(got) != string(want) {
		t.Fatalf("appendFold differs from appendFoldRune rune by rune:\n got %q\nwant %q", got, want)
	}
	for _, c := range []struct{ in, want string }{
		{"Démocratiques", "democratiques"}, {"Straße", "strasse"}, {"Œuvre", "oeuvre"}, {"إدلب", "ادلب"},
		{"aujourd’hui", "aujourd'hui"},
	} {
		if got := string(appendFold(nil, c.in)); got != c.want {
			t.Errorf("appendFold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
