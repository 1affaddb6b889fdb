package report

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// FeatureProperties are the properties of a GeoJSON feature of one place mention: the features of a
// parsed text (dateline geoparse, a report's geojson) and the events of /api/events. The members are
// in the order of their names. Start and End are code point offsets (what JavaScript and Python index
// by) of Text: in the report's text for a mention, in Sentence for an event.
type FeatureProperties struct {
	// Admin1 is nil for an event whose place has no first-level division; a mention always has it.
	Admin1 *string `json:"admin1,omitempty"`
	// Alternatives are a mention's other candidate places, best first ([] when it had none); events
	// have none (nil).
	Alternatives  []Alternative `json:"alternatives,omitzero"`
	Confidence    float64       `json:"confidence"`
	Corrected     bool          `json:"corrected,omitempty"`
	CountryCode   string        `json:"country_code"`
	Date          string        `json:"date,omitempty"`
	DatePrecision string        `json:"date_precision,omitempty"`
	End           int           `json:"end"`
	FeatureCode   string        `json:"feature_code"`
	GeonameID     int64         `json:"geonameid"`
	Kind          PlaceKind     `json:"kind"`
	Lang          string        `json:"lang,omitempty"`
	Name          string        `json:"name"`
	Population    int64         `json:"population"`
	Published     string        `json:"published,omitempty"`
	ReportID      string        `json:"report_id,omitempty"`
	Sentence      string        `json:"sentence,omitempty"`
	Source        string        `json:"source,omitempty"`
	Start         int           `json:"start"`
	Text          string        `json:"text"`
	Title         string        `json:"title,omitempty"`
	URL           string        `json:"url,omitempty"`
}

// Alternative is a candidate place a mention could also refer to, with the resolver's score.
type Alternative struct {
	CountryCode string  `json:"country_code"`
	FeatureCode string  `json:"feature_code"`
	GeonameID   int64   `json:"geonameid"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Name        string  `json:"name"`
	Population  int64   `json:"population"`
	Score       float64 `json:"score"`
}

// MentionProperties are the properties of m as a feature of its report's text, where start and end
// are its code point offsets. Admin1 points into m; the alternatives are appended to alts[:0], which
// must not be nil (a mention without alternatives has []).
func MentionProperties(m *Mention, start, end int, alts []Alternative) FeatureProperties {
	p := &m.Place
	f := FeatureProperties{
		Admin1:       &p.Admin1,
		Alternatives: alts[:0],
		Confidence:   m.Confidence,
		CountryCode:  p.CountryCode,
		End:          end,
		FeatureCode:  p.FeatureCode,
		GeonameID:    p.ID,
		Kind:         p.Kind(),
		Name:         p.Name,
		Population:   p.Population,
		Start:        start,
		Text:         m.Text,
	}
	for _, a := range m.Alternatives {
		f.Alternatives = append(f.Alternatives, Alternative{CountryCode: a.CountryCode, FeatureCode: a.FeatureCode,
			GeonameID: a.ID, Lat: a.Lat, Lon: a.Lon, Name: a.Name, Population: a.Population, Score: a.Score})
	}
	if !m.Date.IsZero() {
		f.Date, f.DatePrecision = m.Date.String(), m.Date.Precision.String()
	}
	return f
}

// EventProperties are the properties of e as a feature of the events: its mention's, and its report's.
// Admin1 points into e.
func EventProperties(e *Event) FeatureProperties {
	p := &e.Place
	f := FeatureProperties{
		Confidence:  e.Confidence,
		Corrected:   e.Corrected,
		CountryCode: p.CountryCode,
		FeatureCode: p.FeatureCode,
		GeonameID:   p.ID,
		Kind:        p.Kind(),
		Lang:        e.Lang,
		Name:        p.Name,
		Population:  p.Population,
		Published:   e.Published.String(),
		ReportID:    e.ReportID,
		Sentence:    e.Sentence,
		Source:      e.Source,
		Text:        e.Text,
		Title:       e.Title,
		URL:         e.URL,
	}
	if p.Admin1 != "" {
		f.Admin1 = &p.Admin1
	}
	if !e.Date.IsZero() {
		f.Date, f.DatePrecision = e.Date.String(), e.Date.Precision.String()
	}
	if 0 <= e.Start && e.Start <= e.End && e.End <= len(e.Sentence) {
		f.Start = utf8.RuneCountInString(e.Sentence[:e.Start])
		f.End = f.Start + utf8.RuneCountInString(e.Sentence[e.Start:e.End])
	}
	return f
}

// AppendFeature appends to b the GeoJSON Feature of a Point at lon, lat with properties p, and id when
// it is not 0: the bytes json.Marshal writes for the geojson.FeatureOf[FeatureProperties], without its
// reflection (geoparse --jsonl writes many). Like json.Marshal, it fails on a NaN or infinite number.
func AppendFeature(b []byte, id int64, lon, lat float64, p *FeatureProperties) ([]byte, error) {
	return AppendFeatureWith(b, id, lon, lat, p, nil)
}

// AppendFeatureWith is AppendFeature, with the JSON of the alternatives' places taken from places when
// it holds them (and put there when not): a text's names are resolved again and again among the same
// candidates, and most of an alternative's JSON is its place's. places may be nil.
func AppendFeatureWith(b []byte, id int64, lon, lat float64, p *FeatureProperties, places *AlternativeCache) ([]byte, error) {
	if !finite(lon) || !finite(lat) || !p.finite() {
		return b, fmt.Errorf("feature %q at %v,%v: a number is not finite", p.Text, lon, lat)
	}
	b = append(b, '{')
	if id != 0 {
		b = append(appendInt(append(b, `"id":`...), id), ',')
	}
	b = appendFloat(append(b, `"type":"Feature","geometry":{"type":"Point","coordinates":[`...), lon)
	b = appendFloat(append(b, ','), lat)
	b = p.appendJSON(append(b, `]},"properties":`...), places)
	return append(b, '}'), nil
}

// appendJSON appends to b the JSON object json.Marshal writes for p (what its field tags say); its
// numbers are finite.
func (p *FeatureProperties) appendJSON(b []byte, places *AlternativeCache) []byte {
	b = append(b, '{')
	if p.Admin1 != nil {
		b = append(appendString(append(b, `"admin1":`...), *p.Admin1), ',')
	}
	if p.Alternatives != nil {
		b = append(b, `"alternatives":[`...)
		for i := range p.Alternatives {
			if i > 0 {
				b = append(b, ',')
			}
			b = p.Alternatives[i].appendJSONWith(b, places)
		}
		b = append(b, "],"...)
	}
	b = appendFloat(append(b, `"confidence":`...), p.Confidence)
	if p.Corrected {
		b = append(b, `,"corrected":true`...)
	}
	b = appendString(append(b, `,"country_code":`...), p.CountryCode)
	b = appendMember(b, `,"date":`, p.Date)
	b = appendMember(b, `,"date_precision":`, p.DatePrecision)
	b = appendInt(append(b, `,"end":`...), int64(p.End))
	b = appendString(append(b, `,"feature_code":`...), p.FeatureCode)
	b = appendInt(append(b, `,"geonameid":`...), p.GeonameID)
	b = appendString(append(b, `,"kind":`...), string(p.Kind))
	b = appendMember(b, `,"lang":`, p.Lang)
	b = appendString(append(b, `,"name":`...), p.Name)
	b = appendInt(append(b, `,"population":`...), p.Population)
	b = appendMember(b, `,"published":`, p.Published)
	b = appendMember(b, `,"report_id":`, p.ReportID)
	b = appendMember(b, `,"sentence":`, p.Sentence)
	b = appendMember(b, `,"source":`, p.Source)
	b = appendInt(append(b, `,"start":`...), int64(p.Start))
	b = appendString(append(b, `,"text":`...), p.Text)
	b = appendMember(b, `,"title":`, p.Title)
	b = appendMember(b, `,"url":`, p.URL)
	return append(b, '}')
}

// appendJSONWith appends the JSON object of a, its place's members from places when it has them.
func (a *Alternative) appendJSONWith(b []byte, places *AlternativeCache) []byte {
	if places == nil {
		b = a.appendPlace(b)
	} else {
		s := &places.slots[uint64(a.GeonameID)*0x9e3779b97f4a7c15>>(64-alternativeCacheBits)]
		if !s.set || !s.place.samePlace(a) {
			s.place, s.json, s.set = *a, a.appendPlace(s.json[:0]), true
		}
		b = append(b, s.json...)
	}
	b = appendFloat(append(b, `,"score":`...), a.Score)
	return append(b, '}')
}

// appendPlace appends the members of a's place: all but its score, and the object's brace.
func (a *Alternative) appendPlace(b []byte) []byte {
	b = appendString(append(b, `{"country_code":`...), a.CountryCode)
	b = appendString(append(b, `,"feature_code":`...), a.FeatureCode)
	b = appendInt(append(b, `,"geonameid":`...), a.GeonameID)
	b = appendFloat(append(b, `,"lat":`...), a.Lat)
	b = appendFloat(append(b, `,"lon":`...), a.Lon)
	b = appendString(append(b, `,"name":`...), a.Name)
	return appendInt(append(b, `,"population":`...), a.Population)
}

// samePlace reports whether a and o write the same JSON but for their scores (their coordinates' bits
// equal: 0 and -0 are written otherwise).
func (a *Alternative) samePlace(o *Alternative) bool {
	return a.GeonameID == o.GeonameID && a.Population == o.Population &&
		math.Float64bits(a.Lat) == math.Float64bits(o.Lat) && math.Float64bits(a.Lon) == math.Float64bits(o.Lon) &&
		a.Name == o.Name && a.CountryCode == o.CountryCode && a.FeatureCode == o.FeatureCode
}

// AlternativeCache remembers the JSON of recent alternatives' places for AppendFeatureWith, in a table
// indexed by geonameid. An entry serves only an alternative equal to it in everything but its score. A
// cache is for one goroutine at a time.
type AlternativeCache struct {
	slots [1 << alternativeCacheBits]struct {
		place Alternative // its Score is of no matter
		json  []byte
		set   bool
	}
}

// alternativeCacheBits sets the size of an AlternativeCache: 512 places, about 100 KB with their JSON.
const alternativeCacheBits = 9

// finite reports whether x is neither NaN nor infinite: JSON holds no other number.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// finite reports whether all of p's numbers are finite.
func (p *FeatureProperties) finite() bool {
	if !finite(p.Confidence) {
		return false
	}
	for _, a := range p.Alternatives {
		if !finite(a.Lat) || !finite(a.Lon) || !finite(a.Score) {
			return false
		}
	}
	return true
}

// appendMember appends the member of an omitempty string: name (with its comma and colon) and s, or
// nothing when s is empty.
func appendMember(b []byte, name, s string) []byte {
	if s == "" {
		return b
	}
	return appendString(append(b, name...), s)
}

// appendFloat writes a finite f as encoding/json does (as ECMAScript's Number.toString): a copy of
// encoding/json's float encoder, since json.Marshal would allocate for every number.
func appendFloat(b []byte, f float64) []byte {
	a := math.Abs(f)
	if 1e-6 <= a && a < 1e9 {
		// The usual number here has a few decimals (coordinates have five, scores three). When some
		// decimal of at most six places reads back as f, it is n/10^6 with n = round(f*10^6), since
		// below 1e9 two such decimals are further apart than f's precision; n/10^6 then rounds to f
		// as parsing it would, and without its trailing zeros it is the shortest such decimal.
		if n := math.Round(f * 1e6); n/1e6 == f {
			d, i := 6, int64(n)
			for d > 0 && i%10 == 0 {
				d, i = d-1, i/10
			}
			return appendDecimal(b, i, d)
		}
	}
	format := byte('f')
	if a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 -> e-7
		b = b[:n-1]
	}
	return b
}

// appendDecimal appends n/10^d written with d decimals (what strconv writes for it with 'f', -1 when
// the last decimal is not 0).
func appendDecimal(b []byte, n int64, d int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	if d == 0 {
		return appendInt(b, n)
	}
	var buf [20]byte
	digits := buf[formatUint(&buf, uint64(n)):]
	if len(digits) <= d { // 0.00123
		b = append(b, '0', '.')
		for range d - len(digits) {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	k := len(digits) - d
	return append(append(append(b, digits[:k]...), '.'), digits[k:]...)
}

// appendInt appends n in decimal, as strconv.AppendInt(b, n, 10) does, two digits at a time: a feature
// has about ten integers.
func appendInt(b []byte, n int64) []byte {
	u := uint64(n)
	if n < 0 {
		b = append(b, '-')
		u = -u
	}
	var buf [20]byte
	return append(b, buf[formatUint(&buf, u):]...)
}

// formatUint writes u in decimal at the end of buf and returns where it starts.
func formatUint(buf *[20]byte, u uint64) int {
	i := len(buf)
	for u >= 100 {
		q := u / 100
		r := u - q*100
		i -= 2
		buf[i], buf[i+1] = digitPairs[2*r], digitPairs[2*r+1]
		u = q
	}
	if u >= 10 {
		i -= 2
		buf[i], buf[i+1] = digitPairs[2*u], digitPairs[2*u+1]
	} else {
		i--
		buf[i] = byte('0' + u)
	}
	return i
}

// digitPairs holds "00" to "99".
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// appendString writes s as a JSON string as json.Marshal does. A string with nothing to escape (the
// usual case) is copied as it is; any other is left to json.Marshal (<, > and & escaped for HTML, U+2028
// and U+2029 for JavaScript, invalid UTF-8 replaced by U+FFFD).
func appendString(b []byte, s string) []byte {
	if plainJSON(s) {
		return append(append(append(b, '"'), s...), '"')
	}
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

// plainASCII says which ASCII bytes json.Marshal writes in a string as they are: not the controls, the
// quote, the backslash, nor < > & (escaped for HTML).
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// plainJSON reports whether json.Marshal writes s between quotes unchanged.
func plainJSON(s string) bool {
	// eight bytes at a time while they are ASCII and plain: none at or above 0x80, under 0x20, or one of
	// the five marks (a byte is one when its xor with the mark is zero)
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(v uint64) uint64 { return (v - ones) &^ v & highs }
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if x&highs != 0 || (x-ones*0x20)&^x&highs|zero(x^ones*'"')|zero(x^ones*'\\')|zero(x^ones*'<')|
			zero(x^ones*'>')|zero(x^ones*'&') != 0 {
			break // read byte by byte
		}
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !plainASCII[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}
