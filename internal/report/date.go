package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known, like EDTF's reduced precision.
type Precision uint8

const (
	// PrecisionNone is the zero Date: nothing is known.
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "none"
}

// Date is a calendar date known to a precision: 2017, 2017-11 or 2017-11-16; or a range of such
// units, from the one the fields name through Through more ("2017-10-03/2017-10-05" is 2017-10-03
// with Through 2). Fields below the precision are zero.
type Date struct {
	Year      int
	Month     time.Month
	Day       int
	Precision Precision
	Through   int // further units of the precision the date covers: 0 for a single date
}

// MaxRangeDays is the most days a Date may last: a year's. A range longer than that is no Date, so
// that a store knows how long before a day an event that reaches it may start; a range of years is
// therefore never a Date.
const MaxRangeDays = 366

// DateRange returns the range from first through last, two dates of the same precision with last
// after first; the range may last at most MaxRangeDays. A range's bounds are single dates: of a
// range, only the first unit of first and the last unit of last count.
func DateRange(first, last Date) (Date, error) {
	first, last = first.First(), last.Final()
	switch {
	case first.IsZero() || last.IsZero():
		return Date{}, Errorf(Invalid, "date range %s/%s: both ends must be dates", first, last)
	case first.Precision != last.Precision:
		return Date{}, Errorf(Invalid, "date range %s/%s: both ends must have the same precision", first, last)
	case !last.Start().After(first.Start()):
		return Date{}, Errorf(Invalid, "date range %s/%s: the end must come after the start", first, last)
	case last.End().Sub(first.Start()) > MaxRangeDays*24*time.Hour:
		return Date{}, Errorf(Invalid, "date range %s/%s: lasts more than a year", first, last)
	}
	d := first
	switch d.Precision {
	case PrecisionYear:
		d.Through = last.Year - first.Year
	case PrecisionMonth:
		d.Through = last.Year*12 + int(last.Month) - (first.Year*12 + int(first.Month))
	case PrecisionDay:
		d.Through = int(last.Start().Sub(first.Start()).Hours()/24 + 0.5)
	}
	return d, nil
}

// IsRange reports whether d covers more than one unit of its precision.
func (d Date) IsRange() bool { return d.Through > 0 && !d.IsZero() }

// First returns the first unit of d: d itself unless a range.
func (d Date) First() Date {
	d.Through = 0
	return d
}

// Final returns the last unit of d: d itself unless a range.
func (d Date) Final() Date {
	if !d.IsRange() {
		return d.First()
	}
	t := d.End().AddDate(0, 0, -1)
	switch d.Precision {
	case PrecisionYear:
		return YearDate(t.Year())
	case PrecisionMonth:
		return MonthDate(t.Year(), t.Month())
	}
	return FromTime(t)
}

// Day returns a day-precision Date.
func DayDate(y int, m time.Month, d int) Date {
	return Date{Year: y, Month: m, Day: d, Precision: PrecisionDay}
}

// MonthDate returns a month-precision Date.
func MonthDate(y int, m time.Month) Date { return Date{Year: y, Month: m, Precision: PrecisionMonth} }

// YearDate returns a year-precision Date.
func YearDate(y int) Date { return Date{Year: y, Precision: PrecisionYear} }

// FromTime returns the day of t (in t's location).
func FromTime(t time.Time) Date { return DayDate(t.Year(), t.Month(), t.Day()) }

// IsZero reports whether nothing is known of d.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// String writes ISO 8601 at d's precision: "2017", "2017-11", "2017-11-16"; a range as an ISO 8601
// interval, "2017-10-03/2017-10-05", "2017-06/2017-11"; "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b [32]byte
	return string(d.AppendText(b[:0]))
}

// AppendText appends d.String() to b, without formatting through fmt: geoparse --jsonl writes a date
// for every mention.
func (d Date) AppendText(b []byte) []byte {
	if d.IsRange() {
		return d.Final().appendUnit(append(d.First().appendUnit(b), '/'))
	}
	return d.appendUnit(b)
}

// appendUnit appends a single date (not a range) at its precision.
func (d Date) appendUnit(b []byte) []byte {
	if d.Precision == PrecisionNone || d.Precision > PrecisionDay {
		return b
	}
	if 0 <= d.Year && d.Year <= 9999 {
		b = append(b, byte('0'+d.Year/1000), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10))
	} else {
		b = fmt.Appendf(b, "%04d", d.Year)
	}
	if d.Precision >= PrecisionMonth {
		b = appendTwoDigits(append(b, '-'), int(d.Month))
	}
	if d.Precision >= PrecisionDay {
		b = appendTwoDigits(append(b, '-'), d.Day)
	}
	return b
}

// appendTwoDigits appends n as fmt's %02d does.
func appendTwoDigits(b []byte, n int) []byte {
	if 0 <= n && n <= 99 {
		return append(b, byte('0'+n/10), byte('0'+n%10))
	}
	return fmt.Appendf(b, "%02d", n)
}

// Start is the first instant of d, in UTC.
func (d Date) Start() time.Time {
	switch d.Precision {
	case PrecisionYear:
		return time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, d.Month, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End is the first instant after d, after the last unit of a range, in UTC (a half-open range
// [Start, End)).
func (d Date) End() time.Time {
	s, n := d.Start(), 1+max(d.Through, 0)
	switch d.Precision {
	case PrecisionYear:
		return s.AddDate(n, 0, 0)
	case PrecisionMonth:
		return s.AddDate(0, n, 0)
	case PrecisionDay:
		return s.AddDate(0, 0, n)
	}
	return time.Time{}
}

// Last is the last day inside d (its latest day, for "on or before" reasoning).
func (d Date) Last() time.Time { return d.End().AddDate(0, 0, -1) }

// Contains reports whether e lies inside d (e at any precision equal to or finer than d's).
func (d Date) Contains(e Date) bool {
	if d.IsZero() || e.IsZero() {
		return false
	}
	return !e.Start().Before(d.Start()) && !e.End().After(d.End())
}

// ParseDate reads an ISO 8601 date at year, month or day precision ("2017", "2017-11", "2017-11-16"),
// a full RFC 3339 timestamp (taken as its day), or an interval of two dates of the same precision
// ("2017-10-03/2017-10-05", "2017-06/2017-11"; see DateRange). Impossible dates (2017-02-30) and
// reversed or too long intervals are errors of kind Invalid.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if a, b, ok := strings.Cut(s, "/"); ok {
		first, err1 := parseSingle(a)
		last, err2 := parseSingle(b)
		if err1 != nil || err2 != nil || len(strings.TrimSpace(a)) > 10 || len(strings.TrimSpace(b)) > 10 {
			return Date{}, Errorf(Invalid, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD, nor an interval of two such dates", s)
		}
		return DateRange(first, last)
	}
	return parseSingle(s)
}

// parseSingle is ParseDate without intervals.
func parseSingle(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, Errorf(Invalid, "empty date")
	}
	// a date and a time of day; time.Parse refuses the usual date, but not at once
	if strings.ContainsAny(s, "Tt") {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			if t.Year() < 1 {
				return Date{}, Errorf(Invalid, "date %q: year out of range", s)
			}
			return FromTime(t), nil
		}
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return Date{}, Errorf(Invalid, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		if len(p) != want {
			return Date{}, Errorf(Invalid, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, Errorf(Invalid, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	if nums[0] < 1 {
		return Date{}, Errorf(Invalid, "date %q: year out of range", s)
	}
	switch len(nums) {
	case 1:
		return YearDate(nums[0]), nil
	case 2:
		if nums[1] < 1 || nums[1] > 12 {
			return Date{}, Errorf(Invalid, "date %q: month out of range", s)
		}
		return MonthDate(nums[0], time.Month(nums[1])), nil
	}
	if nums[1] < 1 || nums[1] > 12 {
		return Date{}, Errorf(Invalid, "date %q: month out of range", s)
	}
	t := time.Date(nums[0], time.Month(nums[1]), nums[2], 0, 0, 0, 0, time.UTC)
	if nums[2] < 1 || t.Day() != nums[2] {
		return Date{}, Errorf(Invalid, "date %q: no such day", s)
	}
	return DayDate(nums[0], time.Month(nums[1]), nums[2]), nil
}

// MarshalText writes String, so a Date is an ISO string in JSON.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what ParseDate reads; empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(strings.TrimSpace(string(b))) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
