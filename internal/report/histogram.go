package report

import (
	"maps"
	"slices"
	"time"
)

// Next returns the start of the bin after the one beginning at start.
func (s BinSize) Next(start time.Time) time.Time {
	switch s {
	case BinWeek:
		return start.AddDate(0, 0, 7)
	case BinMonth:
		return start.AddDate(0, 1, 0)
	}
	return start.AddDate(0, 0, 1)
}

// BinCounts counts events per bin, each in every bin its date intersects: an event dated
// "October 2017" adds to each day of October, so that the count of any range of bins is the
// number of events the same range lists, never a spike on the first day. Only the bins that
// intersect [From, To) count; a zero From or To leaves that side open.
type BinCounts struct {
	Size     BinSize
	From, To time.Time
	counts   map[time.Time]int
}

// Add counts n events dated [start, end).
func (c *BinCounts) Add(start, end time.Time, n int) {
	if !c.From.IsZero() && start.Before(c.From) {
		start = c.From
	}
	if !c.To.IsZero() && end.After(c.To) {
		end = c.To
	}
	if n == 0 || !start.Before(end) {
		return
	}
	if c.counts == nil {
		c.counts = map[time.Time]int{}
	}
	for b := c.Size.Floor(start); b.Before(end); b = c.Size.Next(b) {
		c.counts[b] += n
	}
}

// Bins returns the bins that count events, in order.
func (c *BinCounts) Bins() []Bin {
	var bins []Bin
	for _, start := range slices.SortedFunc(maps.Keys(c.counts), time.Time.Compare) {
		bins = append(bins, Bin{Start: start, Count: c.counts[start]})
	}
	return bins
}
