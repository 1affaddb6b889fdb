package main

// searchRate finds the highest rate at which measure's run passes: it doubles the rate from
// start until a run fails or max has passed, then bisects between the last pass and the first
// failure bisect times. It returns the passing run of the highest rate (nil when none passed)
// and every run, in order. measure returns nil when the search must stop (ctx ended).
func searchRate(start, maxRate, bisect int, measure func(rate int) *measurement) (best *measurement, runs []*measurement) {
	try := func(rate int) (*measurement, bool) {
		r := measure(rate)
		if r == nil {
			return nil, false
		}
		runs = append(runs, r)
		if r.Pass {
			best = r
		}
		return r, true
	}
	lo, hi := 0, 0 // the highest rate that passed, the lowest that failed
	for rate := start; ; rate = min(2*rate, maxRate) {
		r, ok := try(rate)
		if !ok {
			return best, runs
		}
		if !r.Pass {
			hi = rate
			break
		}
		lo = rate
		if rate >= maxRate {
			return best, runs // the bar is met at the largest rate asked for
		}
	}
	for range bisect {
		mid := (lo + hi) / 2
		if mid <= lo || mid >= hi {
			break
		}
		r, ok := try(mid)
		if !ok {
			break
		}
		if r.Pass {
			lo = mid
		} else {
			hi = mid
		}
	}
	return best, runs
}
