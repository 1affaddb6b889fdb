package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// printResults writes the figures as plain tables, to be pasted into a note.
func printResults(w io.Writer, res *results) {
	step := time.Duration(res.StepSeconds * float64(time.Second))
	fmt.Fprintf(w, "Dateline load test, %s, %d CPUs, load average %s before and %s after (other jobs share the machine: figures are noisy)\n",
		res.Started.Format("2006-01-02 15:04 MST"), res.CPUs, res.LoadBefore, res.LoadAfter)
	flags := "--rate-limit 0 lifts the per-client limit: all the load comes from 127.0.0.1"
	if !slices.Contains(res.Server, "--max-inflight") {
		flags += "; --max-inflight is the default, 256"
	}
	fmt.Fprintf(w, "server: %s\n        (%s; RSS %.0f MB once it answered)\n", strings.Join(res.Server, " "), flags, res.StartRSS)
	how := "reused"
	if res.Store.Built {
		how = fmt.Sprintf("built in %.0f s", res.Store.BuildSeconds)
	}
	fmt.Fprintf(w, "store:  %s/dateline.db, %d synthetic events (%s); load from one vegeta client on the same machine, over loopback\n",
		res.Store.Dir, res.Store.Events, how)
	for _, t := range res.Targets {
		fmt.Fprintf(w, "  %-8s %s\n", t.Name, t.About)
	}

	fmt.Fprintf(w, "\n1. Sustained rate: the highest at which p99 <= %g ms, every answer 2xx (%v runs, rate doubled, then bisected)\n", res.Bars.P99, step)
	tw := table(w)
	fmt.Fprintln(tw, "target\trate/s\tsent/s\tp50 ms\tp99 ms\tmax ms\t2xx\tstatus codes\tbody bytes\t")
	for _, t := range res.Targets {
		if r := t.Sustained; r != nil {
			fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.2f%%\t%s\t%.0f\t\n",
				t.Name, r.Rate, r.Sent, r.P50, r.P99, r.Max, 100*r.Success, codes(r.StatusCodes), r.BytesMean)
		} else {
			fmt.Fprintf(tw, "%s\tnone\t\t\t\t\t\t\t\t\n", t.Name)
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "every run (rate/s: p99 ms, pass or FAIL):")
	for _, t := range res.Targets {
		var steps []string
		for _, r := range t.Steps {
			s := fmt.Sprintf("%d: %.1f", r.Rate, r.P99)
			if !r.Pass {
				s += " FAIL"
				if r.Success < 1 {
					s += fmt.Sprintf(" (2xx %.2f%%)", 100*r.Success)
				}
				if r.Sent < 0.9*float64(r.Rate) {
					s += fmt.Sprintf(" (sent %.0f/s)", r.Sent)
				}
			}
			steps = append(steps, s)
		}
		fmt.Fprintf(w, "  %-8s %s\n", t.Name, strings.Join(steps, ", "))
	}

	fmt.Fprintf(w, "\n2. Overload: %d x the sustained rate; bars: the excess refused (429/503), p99 of the 2xx <= %g ms, peak RSS < %g MB, /healthz answered (every %v, new connection, %v timeout)\n",
		res.Bars.Factor, res.Bars.OverloadP99, res.Bars.RSS, healthEvery, healthTimeout)
	tw = table(w)
	fmt.Fprintln(tw, loadHeader)
	for _, t := range res.Targets {
		if r := t.Overload; r != nil {
			loadRow(tw, t.Name, r, res.Bars, true)
		}
	}
	tw.Flush()
	for _, t := range res.Targets {
		if t.Sustained == nil {
			fmt.Fprintf(w, "  %s: no rate met the bar; the overload run is %d x the first rate, %d/s\n", t.Name, res.Bars.Factor, t.Base)
		}
	}

	if r := res.Clusters; r != nil {
		fmt.Fprintf(w, "\n3. /clusters.geojson with gzip at %d/s for %.0f s; bars: peak RSS < %g MB, /healthz answered\n", r.Rate, r.Seconds, res.Bars.RSS)
		tw = table(w)
		fmt.Fprintln(tw, loadHeader)
		loadRow(tw, "clusters", r, res.Bars, false)
		tw.Flush()
	}

	fmt.Fprintf(w, "\nMemory: peak RSS is the kernel's VmHWM over the run (the bar); anon MB and PSS MB are the largest samples (100 ms, 500 ms)\n"+
		"of the anonymous memory (Go heap, SQLite caches) and of the proportional set size. The RSS counts the %.0f MB database once per\n"+
		"mapping, and the server maps it %d times (SQLite's mmap, one per connection); the PSS counts it once.\n", res.Store.MB, res.DBMappings)
	fmt.Fprintf(w, "\nserver log: %d lines at level ERROR. Whole run: %v.\n", res.ServerErrs, (time.Duration(res.Seconds) * time.Second).Round(time.Second))
	if len(res.Missed) == 0 {
		fmt.Fprintln(w, "Every bar met.")
	} else {
		fmt.Fprintln(w, "Bars not met:")
		for _, m := range res.Missed {
			fmt.Fprintf(w, "  - %s\n", m)
		}
	}
}

// loadHeader heads the rows of loadRow.
const loadHeader = "target\trate/s\tsecs\tsent/s\trequests\t2xx\t429\t503\tother\t2xx p50 ms\t2xx p99 ms\tall p99 ms\tpeak RSS MB\tanon MB\tPSS MB\thealthz failed/polls\thealthz max ms\tbars\t"

func table(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0) }

// loadRow writes a watched run's row: what was refused, the latency of what was served, the
// server's memory and health.
func loadRow(tw io.Writer, name string, r *measurement, b bars, mustShed bool) {
	other := int(r.Requests) - r.count(200, 429, 503)
	var ok []string
	if mustShed && r.shed() == 0 {
		ok = append(ok, "no shedding")
	}
	if mustShed && r.OKP99 > b.OverloadP99 {
		ok = append(ok, "2xx p99")
	}
	mem, anon, pss := 0.0, 0.0, 0.0
	if m := r.Memory; m != nil {
		mem, anon, pss = m.Peak(), m.Anon, m.PSS
		if mem >= b.RSS {
			ok = append(ok, "RSS")
		}
	}
	var h healthReport
	if r.Health != nil {
		h = *r.Health
	}
	if h.Failures > 0 || h.Polls == 0 {
		ok = append(ok, "healthz")
	}
	verdict := "ok"
	if len(ok) > 0 {
		verdict = "MISSED: " + strings.Join(ok, ", ")
	}
	fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.1f\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.0f\t%.0f\t%.0f\t%d/%d\t%.1f\t%s\t\n",
		name, r.Rate, r.Seconds, r.Sent, r.Requests, r.count(200), r.count(429), r.count(503), other,
		r.OKP50, r.OKP99, r.P99, mem, anon, pss, h.Failures, h.Polls, h.Max, verdict)
}

// codes writes status codes and their counts in order: "200:8000 503:12".
func codes(m map[string]int) string {
	var s []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		s = append(s, fmt.Sprintf("%s:%d", k, m[k]))
	}
	return strings.Join(s, " ")
}

// missed lists the bars the run did not meet.
func missed(res *results) []string {
	var out []string
	watched := func(what string, r *measurement, overload bool) {
		if r == nil {
			return
		}
		if overload && r.shed() == 0 {
			out = append(out, fmt.Sprintf("%s: at %d/s the server refused nothing (no 429 or 503)", what, r.Rate))
		}
		if overload && r.OKP99 > res.Bars.OverloadP99 {
			out = append(out, fmt.Sprintf("%s: at %d/s the p99 of the 2xx answers is %.1f ms (bar %g)", what, r.Rate, r.OKP99, res.Bars.OverloadP99))
		}
		if r.Memory != nil && r.Memory.Peak() >= res.Bars.RSS {
			out = append(out, fmt.Sprintf("%s: at %d/s the server's peak RSS is %.0f MB (bar %g)", what, r.Rate, r.Memory.Peak(), res.Bars.RSS))
		}
		if h := r.Health; h != nil && (h.Failures > 0 || h.Polls == 0) {
			out = append(out, fmt.Sprintf("%s: at %d/s /healthz failed %d of %d polls (%s)", what, r.Rate, h.Failures, h.Polls, h.Error))
		}
	}
	for _, t := range res.Targets {
		if t.Sustained == nil {
			out = append(out, fmt.Sprintf("%s: no rate met p99 <= %g ms", t.Name, res.Bars.P99))
		}
		watched(t.Name+" overload", t.Overload, true)
	}
	watched("clusters", res.Clusters, false)
	return out
}
