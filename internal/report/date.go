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

// Date is a calendar date known to a precision: 2017, 2017-11 or 2017-11-16.
// Fields below the precision are zero.
type Date struct {
	Year      int
	Month     time.Month
	Day       int
	Precision Precision
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

// String writes ISO 8601 at d's precision: "2017", "2017-11", "2017-11-16"; "" for the zero Date.
func (d Date) String() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return ""
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

// End is the first instant after d, in UTC (a half-open range [Start, End)).
func (d Date) End() time.Time {
	s := d.Start()
	switch d.Precision {
	case PrecisionYear:
		return s.AddDate(1, 0, 0)
	case PrecisionMonth:
		return s.AddDate(0, 1, 0)
	case PrecisionDay:
		return s.AddDate(0, 0, 1)
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
// or a full RFC 3339 timestamp (taken as its day). Impossible dates (2017-02-30) are errors of kind Invalid.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, Errorf(Invalid, "empty date")
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if t.Year() < 1 {
			return Date{}, Errorf(Invalid, "date %q: year out of range", s)
		}
		return FromTime(t), nil
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
