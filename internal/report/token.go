package report

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// Token names a secret that lets its holder write (or, read-only, read a private server). Only
// the secret's hash is kept: the secret is shown once, when the token is made.
type Token struct {
	Name     string    `json:"name"`
	Hash     string    `json:"-"` // hex SHA-256 of the secret
	ReadOnly bool      `json:"read_only"`
	Created  time.Time `json:"created"`
}

// tokenPrefix starts every secret, so that one pasted in the wrong place is recognised.
const tokenPrefix = "dl_"

// NewToken makes the token name and its secret: "dl_" and 43 characters of 256 random bits.
// A name is 1 to 64 letters, digits, '.', '-' or '_'.
func NewToken(name string, readOnly bool, now time.Time) (Token, string, error) {
	if !IsName(name) {
		return Token{}, "", Errorf(Invalid, "token name %q: want 1 to 64 letters, digits, '.', '-' or '_'", name)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Token{}, "", err
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return Token{Name: name, Hash: TokenHash(secret), ReadOnly: readOnly, Created: now.UTC().Truncate(time.Second)}, secret, nil
}

// TokenHash is the hash kept of a secret.
func TokenHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// TokenFor returns the token of secret among ts, comparing every hash in constant time.
func TokenFor(ts []Token, secret string) (Token, bool) {
	if secret == "" {
		return Token{}, false
	}
	h := []byte(TokenHash(secret))
	var found Token
	ok := false
	for _, t := range ts { // every hash compared, whichever matches
		if subtle.ConstantTimeCompare(h, []byte(t.Hash)) == 1 {
			found, ok = t, true
		}
	}
	return found, ok
}

// IsName reports whether s is 1 to 64 ASCII letters, digits, '.', '-' or '_': the names of
// tokens, and any short identifier a client may send (a request id).
func IsName(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}
