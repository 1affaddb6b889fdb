package report

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// EventKey is an event's place in the order events are listed in: by the first day of their date,
// undated events last, then by mention id. A store streams events from a key on, so that a
// listing can resume where it stopped. The zero EventKey comes before every event.
type EventKey struct {
	Start     time.Time // the first instant of the event's date, in UTC; zero when Undated
	Undated   bool
	MentionID int64 // never 0 but in the zero EventKey
}

// Key returns e's EventKey.
func (e Event) Key() EventKey {
	if e.Date.IsZero() {
		return EventKey{Undated: true, MentionID: e.MentionID}
	}
	return EventKey{Start: e.Date.Start(), MentionID: e.MentionID}
}

// IsZero reports whether k is the zero EventKey, before every event.
func (k EventKey) IsZero() bool { return k == EventKey{} }

// Compare returns -1, 0 or +1 as k sorts before, with or after o.
func (k EventKey) Compare(o EventKey) int {
	switch {
	case k.IsZero() || o.IsZero():
		return cmp.Compare(k.MentionID, o.MentionID) // the zero key has the smallest id
	case k.Undated != o.Undated:
		if k.Undated {
			return +1
		}
		return -1
	case !k.Undated:
		if c := k.Start.Compare(o.Start); c != 0 {
			return c
		}
	}
	return cmp.Compare(k.MentionID, o.MentionID)
}

const secondsPerDay = 24 * 60 * 60

// String returns k as a cursor: an opaque string, safe in a URL, that ParseEventKey reads back.
// The zero key is the empty string.
func (k EventKey) String() string {
	if k.IsZero() {
		return ""
	}
	day := "u"
	if !k.Undated {
		day = strconv.FormatInt(k.Start.Unix()/secondsPerDay, 10)
	}
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s.%d", day, k.MentionID))
}

// ParseEventKey reads a cursor that EventKey.String wrote; the empty string is the zero key.
// Anything else is an Invalid error.
func ParseEventKey(cursor string) (EventKey, error) {
	if cursor == "" {
		return EventKey{}, nil
	}
	bad := Errorf(Invalid, "bad event cursor %q", cursor)
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return EventKey{}, bad
	}
	dayText, idText, ok := strings.Cut(string(b), ".")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 {
		return EventKey{}, bad
	}
	k := EventKey{Undated: dayText == "u", MentionID: id}
	if !k.Undated {
		day, err := strconv.ParseInt(dayText, 10, 64)
		if err != nil || day < -MaxDays || day >= MaxDays {
			return EventKey{}, bad
		}
		k.Start = time.Unix(day*secondsPerDay, 0).UTC()
	}
	if k.String() != cursor { // one cursor per key: no leading zeros, signs or trailing bits
		return EventKey{}, bad
	}
	return k, nil
}
