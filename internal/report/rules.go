package report

import (
	"crypto/sha256"
	"encoding/base32"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The rules every store applies to what it keeps, so that two stores agree on ids and refuse
// the same input.

// MaxDays bounds the dates a report's mentions may carry: days -MaxDays to MaxDays from
// 1970-01-01, about the years -901 to 4840. A store may rely on it to pack a day in 21 bits.
const MaxDays = 1<<31/2048 - 1

// A mention's date must lie in [FirstDay, DatesEnd): FirstDay is the first day it may cover,
// DatesEnd the first it may not.
var (
	FirstDay = time.Unix(-MaxDays*secondsPerDay, 0).UTC()
	DatesEnd = time.Unix(MaxDays*secondsPerDay, 0).UTC()
)

// IDOf is the id of the report whose ContentHash is hash: the first 10 bytes of the hash's
// SHA-256 in lower-case base32, 16 characters. The same text has the same id in every store.
func IDOf(hash string) string {
	sum := sha256.Sum256([]byte(hash))
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:10]))
}

// MaxIDBytes bounds the id a client gives a report.
const MaxIDBytes = 128

// ValidID reports whether id may be a report's: 1 to MaxIDBytes ASCII letters, digits and the
// characters - _ . ~ :, and not "." or "..". Such an id is one segment of a path as it is, so that
// /reports/{id} and /api/reports/{id} reach its report whatever escapes it on the way (a "/"
// would split it, a "?" or "#" cut it, "%" be read as an escape, and "." or ".." be resolved
// away by browsers). The ids IDOf makes are valid.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDBytes || id == "." || id == ".." {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.~:", c) >= 0) {
			return false
		}
	}
	return true
}

// Prepare returns a copy of r to store: its Hash, ID and Created filled when empty (Created
// from now, kept to the nanosecond in UTC), its mentions checked and in text order. A report
// without text, with an id that is not ValidID, a URL that is not http(s), or a mention outside
// the text, the dates or the globe, is Invalid.
func Prepare(r *Report, now time.Time) (*Report, error) {
	if strings.TrimSpace(r.Text) == "" {
		return nil, Errorf(Invalid, "report has no text")
	}
	if r.ID != "" && !ValidID(r.ID) {
		shown := r.ID
		if len(shown) > 64 {
			shown = shown[:64] + "..."
		}
		return nil, Errorf(Invalid, "id %q: an id is 1 to %d ASCII letters, digits and - _ . ~ : (not . or .. alone)", shown, MaxIDBytes)
	}
	if r.URL != "" && !webURL(r.URL) {
		return nil, Errorf(Invalid, "url %q: only an http or https address with a host", r.URL)
	}
	nr := *r
	if nr.Hash == "" {
		nr.Hash = ContentHash(nr.Text)
	}
	if nr.ID == "" {
		nr.ID = IDOf(nr.Hash)
	}
	if nr.Created.IsZero() {
		nr.Created = now
	}
	nr.Created = time.Unix(0, nr.Created.UnixNano()).UTC()
	var err error
	nr.Mentions, err = PrepareMentions(nr.Text, r.Mentions)
	return &nr, err
}

// webURL reports whether s is an absolute http or https URL with a host: never javascript:,
// data: or file:, which a page would turn into a link.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// PrepareMentions returns a copy of ms in text order, each with its Text, after checking that
// their offsets lie inside text, their dates in [FirstDay, DatesEnd) and their places on the
// globe.
func PrepareMentions(text string, ms []Mention) ([]Mention, error) {
	ms = slices.Clone(ms)
	slices.SortStableFunc(ms, func(a, b Mention) int { return a.Start - b.Start })
	for i := range ms {
		m := &ms[i]
		if m.Start < 0 || m.End < m.Start || m.End > len(text) ||
			m.SentenceStart < 0 || m.SentenceEnd < m.SentenceStart || m.SentenceEnd > len(text) {
			return nil, Errorf(Invalid, "mention at %d-%d: offsets outside the text", m.Start, m.End)
		}
		if m.Text == "" {
			m.Text = text[m.Start:m.End]
		}
		if d := m.Date; !d.IsZero() && (d.Start().Before(FirstDay) || d.End().After(DatesEnd)) {
			return nil, Errorf(Invalid, "mention at %d-%d: date %s is outside the years %d to %d",
				m.Start, m.End, m.Date, FirstDay.Year(), DatesEnd.Year())
		}
		if !m.Place.onGlobe() {
			return nil, Errorf(Invalid, "mention at %d-%d: place %q lies outside -180..180, -90..90", m.Start, m.End, m.Place.Name)
		}
	}
	return ms, nil
}

func (p Place) onGlobe() bool { return p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180 }

// Correction is a reader's choice for a mention: Place, or not a place when Place is nil.
type Correction struct {
	Place *Place
}

// Check reports an Invalid error for a chosen place without a GeoNames id or off the globe.
func (c Correction) Check() error {
	if p := c.Place; p != nil && (p.ID <= 0 || !p.onGlobe()) {
		return Errorf(Invalid, "place %q needs a GeoNames id and a point inside -180..180, -90..90", p.Name)
	}
	return nil
}

// Apply makes m what the correction says: a place chosen by hand has confidence 1; a mention
// marked not a place keeps the machine's place, so that the choice can be undone.
func (c Correction) Apply(m *Mention) {
	m.Corrected, m.Confidence, m.NotAPlace = true, 1, c.Place == nil
	if c.Place != nil {
		m.Place = *c.Place
	}
}

// AddedMention is the mention a reader adds where the parsers found none: the text r.Text[start:end]
// as place p, chosen by hand (confidence 1). Its sentence is the one a mention of r already has
// around the span, else the text between the sentence ends around it; its date is that of
// another mention of the sentence, else the report's own. A span outside the text, empty, across
// lines or overlapping a mention is Invalid, as is a place off the globe or without an id.
func AddedMention(r *Report, start, end int, p Place) (Mention, error) {
	if start < 0 || end <= start || end > len(r.Text) || strings.TrimSpace(r.Text[start:end]) == "" {
		return Mention{}, Errorf(Invalid, "%d-%d is not a span of the report's text", start, end)
	}
	if strings.ContainsAny(r.Text[start:end], "\n") {
		return Mention{}, Errorf(Invalid, "a mention cannot run across lines")
	}
	if err := (Correction{Place: &p}).Check(); err != nil {
		return Mention{}, err
	}
	m := Mention{Start: start, End: end, Text: r.Text[start:end], Place: p, Confidence: 1, Corrected: true, Date: r.Published}
	m.SentenceStart, m.SentenceEnd = sentenceAround(r.Text, start, end)
	for _, o := range r.Mentions {
		if o.Start < end && start < o.End {
			return Mention{}, Errorf(Invalid, "%q overlaps the mention %q", m.Text, o.Text)
		}
		if o.SentenceStart <= start && end <= o.SentenceEnd {
			m.SentenceStart, m.SentenceEnd, m.Date = o.SentenceStart, o.SentenceEnd, o.Date
		}
	}
	return m, nil
}

// sentenceAround is the span from the sentence end before start (., !, ?, or a line break) to the
// one at or after end, without the space around it.
func sentenceAround(text string, start, end int) (int, int) {
	s := strings.LastIndexAny(text[:start], ".!?\n") + 1
	e := len(text)
	if i := strings.IndexAny(text[end:], ".!?\n"); i >= 0 {
		e = end + i + 1
		if text[e-1] == '\n' {
			e--
		}
	}
	for s < start && (text[s] == ' ' || text[s] == '\t') {
		s++
	}
	return s, e
}
