package timex

import (
	"slices"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// Directions for a date named without its year or week: the nearest (on or before the report date, or a
// few weeks after it for a day or a month), the last one before it ("dernier"), or the next ("prochain").
const (
	dirNear = iota
	dirPast
	dirNext
)

// ahead is how far after the report date a day named without a year may be: an announced event.
const ahead = 31

// scan finds the expressions, and marks the words that open clauses.
func (d *Doc) scan() {
	aside := false // in a relative clause opened by a comma
	i := 0         // the next token to read: scan passes those of a phrase it has read
	// The other tokens, words without meanings (most), start no phrase, expression or clause, nor
	// break one.
	for _, stop := range d.stops {
		if int(stop) < i {
			continue
		}
		i = int(stop)
		t := &d.toks[i]
		if t.brk > 0 || d.terminal(i) {
			aside = (t.r == ',' || t.r == '،') && d.has(i+1, kRelative)
		}
		if t.ents == 0 && t.digits == 0 { // no phrase, expression or clause word starts here
			i++
			continue
		}
		ks := lex.kinds[t.ents] // what find, match and has below can find at all
		if ks&(1<<kStop) != 0 {
			if _, next, ok := d.find(i, kStop); ok {
				i = next
				continue
			}
		}
		if t.digits > 0 || ks&dateKinds != 0 { // else match reads nothing here
			if date, next, ok := d.match(i); ok {
				for k := i; k < next-1; k++ {
					d.toks[k].inExpr = true
				}
				if date.Year >= 1 && date.Final().Year <= 9999 {
					since := !date.IsRange() && d.sinceBefore(i)
					if since {
						date = d.since(date)
					}
					s, e := int(d.toks[i].start), int(d.toks[next-1].end)
					d.exprs = append(d.exprs, Expr{Start: s, End: e, Text: d.text[s:e], Date: date})
					d.spans = append(d.spans, span{i, next, aside || since})
				}
				i = next
				continue
			}
		}
		if ks&(1<<kClause) != 0 && d.has(i, kClause) {
			d.toks[i].brk = 2
		}
		i++
	}
}

// sinceBefore reports "since", "depuis", "seit dem" before token i.
func (d *Doc) sinceBefore(i int) bool {
	p := d.prevWord(i)
	if p >= 0 && (d.word(p) == "dem" || d.word(p) == "le" || d.word(p) == "el") {
		p = d.prevWord(p)
	}
	return d.has(p, kSince)
}

// since dates "since June", "depuis lundi": from x through the report's unit at x's precision (June
// to the report's month), when that comes after x and lasts at most a year; else x.
func (d *Doc) since(x report.Date) report.Date {
	if d.ref.IsZero() {
		return x
	}
	var last report.Date
	switch a := d.anchor; min(x.Precision, d.ref.Precision) {
	case report.PrecisionYear:
		last = report.YearDate(a.Year())
	case report.PrecisionMonth:
		last = report.MonthDate(a.Year(), a.Month())
	default:
		last = report.FromTime(a)
	}
	if last.Precision != x.Precision {
		return x
	}
	if r, err := report.DateRange(x, last); err == nil {
		return r
	}
	return x
}

// match reads an expression at token i. It returns ok with a zero date for something that is a date but
// cannot be resolved (an impossible day, a relative day without a report date), so its words are skipped.
func (d *Doc) match(i int) (date report.Date, next int, ok bool) {
	t := &d.toks[i]
	if t.digits > 0 {
		if i > 0 && d.glued(i) && (d.toks[i-1].digits > 0 || d.toks[i-1].r == '.' || d.toks[i-1].r == ',' ||
			d.toks[i-1].r == '/' || d.toks[i-1].r == ':') {
			return date, 0, false // inside a number, a time or a numeric date
		}
		if date, next, ok = d.numeric(i); ok {
			return date, next, ok
		}
		if date, next, ok = d.dayRange(i); ok {
			return date, next, ok
		}
		if m, day, year, next, ok := d.dayMonth(i); ok {
			dir, next := d.modifier(i, next)
			return d.resolveDay(m, day, year, dir), next, true
		}
		if d.year(i) && d.ctxBefore(i) {
			return report.YearDate(int(t.num)), i + 1, true
		}
		return date, 0, false
	}
	ks := lex.kinds[t.ents] // the kinds find can find at token i: the others are not looked for
	if ks&dateKinds == 0 {
		return date, 0, false
	}
	for _, k := range []kind{kDays, kMonths, kYears} {
		if ks&(1<<k) == 0 {
			continue
		}
		if e, next, ok := d.find(i, k); ok {
			return d.resolveRelative(k, e.val), next, true
		}
	}
	if ks&(1<<kPrevDays) != 0 {
		if e, next, ok := d.find(i, kPrevDays); ok {
			return d.resolvePrevDays(e.val), next, true
		}
	}
	if ks&(1<<kWeeks) != 0 {
		if e, next, ok := d.find(i, kWeeks); ok {
			return d.resolveWeeks(e.val), next, true
		}
	}
	if ks&(1<<kMonth|1<<kAbbrev|1<<kWeekday|1<<kLooseWeekday) == 0 { // what the rest reads at token i
		return date, 0, false
	}
	if e, _, ok := d.find(i, kWeekday); ok || d.looseWeekday(i, &e) {
		j := i + 1
		if d.toks[min(j, len(d.toks)-1)].r == ',' {
			j++
		}
		if j < len(d.toks) && d.word(j) == "den" {
			j++
		}
		if m, day, year, next, ok := d.dayMonth(j); ok {
			return d.resolveDay(m, day, year, dirNear), next, true
		}
		if m, day, year, next, ok := d.monthDay(j); ok {
			return d.resolveDay(m, day, year, dirNear), next, true
		}
		dir, next := d.modifier(i, i+1)
		if dir == dirNear && d.futureBefore(i) {
			dir = dirNext // "will meet on Friday", "d'ici mercredi": the coming one
		}
		return d.resolveWeekday(time.Weekday(e.val), dir), next, true
	}
	if m, day, year, next, ok := d.monthDay(i); ok {
		return d.resolveDay(m, day, year, dirNear), next, true
	}
	if m, j, ok := d.month(i); ok {
		if y, next, ok := d.yearAfter(j, true); ok {
			return report.MonthDate(y, m), next, true
		}
		// A bare month needs a context word; capitalised, only English and German write it so ("Rio de Janeiro").
		if d.has(i, kMonth) && (!t.upper || d.hasIn(i, kMonth, langEN|langDE)) &&
			(t.prefixed || d.ctxBefore(i) || d.monthCtxBefore(i)) {
			dir, next := d.modifier(i, j)
			return d.resolveMonth(m, dir), next, true
		}
	}
	return date, 0, false
}

// find returns the longest phrase of kind k, in the document's languages, starting at token i: its entry
// (in lex, not to be changed) and the token after it.
func (d *Doc) find(i int, k kind) (*entry, int, bool) { return d.findIn(i, k, d.mask) }

// mayHave reports whether token i is a word with a meaning of kind k (in any language).
func (d *Doc) mayHave(i int, k kind) bool {
	return uint(i) < uint(len(d.toks)) && lex.kinds[d.toks[i].ents]&(1<<k) != 0
}

// findIn is find in the languages of mask.
func (d *Doc) findIn(i int, k kind, mask langMask) (*entry, int, bool) {
	if !d.mayHave(i, k) { // most calls stop here
		return nil, 0, false
	}
	t := &d.toks[i]
	es := t.meanings(k)
	next := "" // the word after token i, which phrases that go on compare first
	if i+1 < len(d.toks) {
		next = d.word(i + 1)
	}
	for n := range es {
		e := &es[n]
		if e.mask&mask == 0 || e.cased > 0 && !t.upper || e.cased < 0 && !t.lower {
			continue
		}
		if len(e.rest) == 0 {
			return e, i + 1, true
		}
		if e.rest[0] != next { // no word is ""
			continue
		}
		j := i + 2
		for _, w := range e.rest[1:] {
			if j >= len(d.toks) || d.word(j) != w {
				break
			}
			j++
		}
		if j-i == len(e.rest)+1 {
			return e, j, true
		}
	}
	return nil, 0, false
}

func (d *Doc) has(i int, k kind) bool { return d.hasIn(i, k, d.mask) }

func (d *Doc) hasIn(i int, k kind, mask langMask) bool {
	_, _, ok := d.findIn(i, k, mask)
	return ok
}

// prevWord returns the index of the word before token i, across a hyphen ("mid-2016"), or -1.
func (d *Doc) prevWord(i int) int {
	if i > 1 && d.toks[i-1].r == '-' && d.glued(i) {
		i--
	}
	if i > 0 && d.word(i-1) != "" {
		return i - 1
	}
	return -1
}

// ctxBefore reports a context word before token i ("in", "depuis", "nel"), directly or before a
// connector ("early in", "início de").
func (d *Doc) ctxBefore(i int) bool {
	p := d.prevWord(i)
	if p >= 0 && (d.toks[p].prefixed || d.has(p, kCtx)) {
		return true
	}
	return p >= 0 && connector(d.word(p)) && d.has(d.prevWord(p), kCtx)
}

func (d *Doc) monthCtxBefore(i int) bool {
	p := d.prevWord(i)
	return d.has(p, kMonthCtx) || d.has(p, kPast) || d.has(p, kNext)
}

func connector(w string) bool {
	switch w {
	case "de", "del", "of", "do", "da", "di":
		return true
	}
	return false
}

// looseWeekday reads a weekday form that needs a context word before it ("nesta segunda").
func (d *Doc) looseWeekday(i int, e **entry) bool {
	le, _, ok := d.find(i, kLooseWeekday)
	if ok && (d.ctxBefore(i) || d.monthCtxBefore(i)) {
		*e = le
		return true
	}
	return false
}

// modifier reads "dernier", "last", "prochain" before token i or at token j (then consumed).
func (d *Doc) modifier(i, j int) (dir, next int) {
	switch p := d.prevWord(i); {
	case d.has(p, kPast):
		return dirPast, j
	case d.has(p, kNext):
		return dirNext, j
	case d.has(j, kPast):
		return dirPast, j + 1
	case d.has(j, kNext):
		return dirNext, j + 1
	}
	return dirNear, j
}

// month reads a month name or abbreviation ("Nov."), and an alternative name after a slash
// ("تشرين الأول/أكتوبر").
func (d *Doc) month(i int) (time.Month, int, bool) {
	e, j, ok := d.find(i, kMonth)
	if !ok {
		if e, j, ok = d.find(i, kAbbrev); ok && d.glued(j) && d.toks[j].r == '.' {
			j++
		}
	}
	if !ok {
		return 0, 0, false
	}
	if j+1 < len(d.toks) && d.toks[j].r == '/' && d.has(j+1, kMonth) {
		_, j, _ = d.find(j+1, kMonth)
	}
	return time.Month(e.val), j, true
}

// day reads a day of the month at token i with its ordinal suffix ("1er", "16th").
func (d *Doc) day(i int) (int, int, bool) {
	if i >= len(d.toks) || d.toks[i].digits == 0 || d.toks[i].digits > 2 || d.toks[i].num < 1 || d.toks[i].num > 31 {
		return 0, 0, false
	}
	j := i + 1
	if d.glued(j) && ordinal(d.word(j)) {
		j++
	}
	return int(d.toks[i].num), j, true
}

func ordinal(w string) bool {
	switch w {
	case "er", "re", "e", "eme", "st", "nd", "rd", "th", "º", "ª":
		return true
	}
	return false
}

// dayMonth reads a day then a month ("12 octobre", "14. Oktober", "3 de marzo", "16th of November") and a
// year after them.
func (d *Doc) dayMonth(i int) (m time.Month, day, year, next int, ok bool) {
	day, j, ok := d.day(i)
	if !ok {
		return 0, 0, 0, 0, false
	}
	if d.glued(j) && d.toks[j].r == '.' { // "14. Oktober", "1.º de maio"
		j++
		if d.glued(j) && ordinal(d.word(j)) {
			j++
		}
	}
	if j < len(d.toks) && (d.word(j) == "de" || d.word(j) == "of") {
		j++
	}
	if m, j, ok = d.month(j); !ok {
		return 0, 0, 0, 0, false
	}
	year, next, _ = d.yearAfter(j, false)
	return m, day, year, next, true
}

// dayRange reads a range of days at token i, after the word that opens it: "(du) 3 au 5 octobre",
// "(from) 28 September to 2 October", "(vom) 3. bis 5. Oktober", "(between) 3 and 5 October 2017". The
// first day takes the month and year of the last unless it names its own. A range that cannot be
// resolved, or that is reversed or longer than a year, is not read as one.
func (d *Doc) dayRange(i int) (report.Date, int, bool) {
	p := d.prevWord(i)
	if p < 0 {
		return report.Date{}, 0, false
	}
	pairs := rangeWords[d.word(p)]
	if len(pairs) == 0 {
		return report.Date{}, 0, false
	}
	m1, day1, y1, j, ok := d.dayMonth(i)
	if !ok {
		if day1, j, ok = d.day(i); !ok {
			return report.Date{}, 0, false
		}
		if d.glued(j) && j < len(d.toks) && d.toks[j].r == '.' { // "3. bis"
			j++
		}
	}
	if j >= len(d.toks) || !slices.ContainsFunc(pairs, func(r rangeWord) bool { return r.mask&d.mask != 0 && r.to == d.word(j) }) {
		return report.Date{}, 0, false
	}
	m2, day2, y2, next, ok := d.dayMonth(j + 1)
	if !ok {
		return report.Date{}, 0, false
	}
	last := d.resolveDay(m2, day2, y2, dirNear)
	if last.IsZero() {
		return report.Date{}, 0, false
	}
	switch {
	case m1 == 0:
		m1, y1 = m2, last.Year
	case y1 == 0 && m1 > m2: // "du 28 décembre au 2 janvier"
		y1 = last.Year - 1
	case y1 == 0:
		y1 = last.Year
	}
	first := d.resolveDay(m1, day1, y1, dirNear)
	r, err := report.DateRange(first, last)
	if err != nil {
		return report.Date{}, 0, false
	}
	return r, next, true
}

// monthDay reads the English order, a month then a day ("November 16", "Nov. 16th, 2017").
func (d *Doc) monthDay(i int) (m time.Month, day, year, next int, ok bool) {
	if !d.hasIn(i, kMonth, d.mask&langEN) && !d.hasIn(i, kAbbrev, d.mask&langEN) {
		return 0, 0, 0, 0, false
	}
	m, j, _ := d.month(i)
	if day, j, ok = d.day(j); !ok || d.glued(j) && j < len(d.toks) && (d.toks[j].r == ':' || d.toks[j].r == '/') {
		return 0, 0, 0, 0, false
	}
	year, next, _ = d.yearAfter(j, true)
	return m, day, year, next, true
}

// yearAfter reads a four-digit year at token j, after "de", "del" or "of", or after a comma if comma.
// Without a year it returns 0 and j.
func (d *Doc) yearAfter(j int, comma bool) (int, int, bool) {
	k := j
	if k < len(d.toks) && (comma && d.toks[k].r == ',' || connector(d.word(k))) {
		k++
	}
	if k < len(d.toks) && d.toks[k].digits == 4 && d.toks[k].num >= 1000 && !d.digitAfter(k) {
		return int(d.toks[k].num), k + 1, true
	}
	return 0, j, false
}

// year reports a plausible bare year at token i: four digits from 1900 to 2100, not part of a range or
// a longer number.
func (d *Doc) year(i int) bool {
	t := d.toks[i]
	return t.digits == 4 && t.num >= 1900 && t.num <= 2100 && !d.digitAfter(i)
}

// digitAfter reports a number glued after token i, across one mark ("2015-2017", "2000,5").
func (d *Doc) digitAfter(i int) bool {
	return d.glued(i+1) && (d.toks[i+1].digits > 0 || d.word(i+1) != "" ||
		i+2 < len(d.toks) && d.toks[i+1].r != '.' && d.glued(i+2) && d.toks[i+2].digits > 0)
}

// numeric reads a year, month and day (2017-10-12, 2017/10/12) or a day, month and year with slashes or
// dots (12/10/2017, 12.10.2017; month first in English when both orders are possible).
func (d *Doc) numeric(i int) (report.Date, int, bool) {
	if i+4 >= len(d.toks) {
		return report.Date{}, 0, false
	}
	t := d.toks[i : i+5]
	sep := t[1].r
	if sep != '-' && sep != '/' && sep != '.' {
		return report.Date{}, 0, false
	}
	for k := 1; k < 5; k++ {
		if !d.glued(i+k) || k%2 == 1 && t[k].r != sep || k%2 == 0 && t[k].digits == 0 {
			return report.Date{}, 0, false
		}
	}
	if d.digitAfter(i + 4) {
		return report.Date{}, 0, false
	}
	var y, m, day int32
	switch {
	case t[0].digits == 4 && t[2].digits <= 2 && t[4].digits <= 2:
		y, m, day = t[0].num, t[2].num, t[4].num
	case t[0].digits <= 2 && t[2].digits <= 2 && t[4].digits == 4:
		y, m, day = t[4].num, t[2].num, t[0].num
		if d.mask == langEN && t[0].num <= 12 || t[2].num > 12 {
			m, day = day, m
		}
	default:
		return report.Date{}, 0, false
	}
	if m < 1 || m > 12 {
		return report.Date{}, i + 5, true
	}
	return d.resolveDay(time.Month(m), int(day), int(y), dirNear), i + 5, true
}

// resolveDay dates a day of a month, in the given year or, without one, in the year that puts it
// nearest the report date in direction dir.
func (d *Doc) resolveDay(m time.Month, day, year, dir int) report.Date {
	valid := func(y int) (time.Time, bool) {
		t := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
		return t, y >= 1 && t.Day() == day
	}
	if year > 0 {
		if t, ok := valid(year); ok {
			return report.FromTime(t)
		}
		return report.Date{}
	}
	if d.ref.IsZero() {
		return report.Date{}
	}
	var found report.Date
	for y := d.anchor.Year() - 1; y <= d.anchor.Year()+1; y++ {
		t, ok := valid(y)
		switch {
		case !ok:
		case dir == dirNext && t.After(d.anchor):
			return report.FromTime(t)
		case dir == dirPast && !t.After(d.anchor), dir == dirNear && !t.After(d.anchor.AddDate(0, 0, ahead)):
			found = report.FromTime(t)
		}
	}
	return found
}

// resolveMonth dates a month named without a year: the latest one no later than the month after the
// report's (dirNear), the latest before the report's month (dirPast), or the first after it (dirNext).
func (d *Doc) resolveMonth(m time.Month, dir int) report.Date {
	if d.ref.IsZero() {
		return report.Date{}
	}
	diff := func(y int) int { return y*12 + int(m) - (d.anchor.Year()*12 + int(d.anchor.Month())) }
	y := d.anchor.Year() - 1
	if dir == dirNext {
		for diff(y) < 1 {
			y++
		}
		return report.MonthDate(y, m)
	}
	lim := 1
	if dir == dirPast {
		lim = -1
	}
	for diff(y+1) <= lim {
		y++
	}
	return report.MonthDate(y, m)
}

// resolveWeekday dates a weekday: the latest on or before the report's (last) day, the latest strictly
// before it (dirPast), or the first after it (dirNext).
func (d *Doc) resolveWeekday(w time.Weekday, dir int) report.Date {
	if d.ref.IsZero() {
		return report.Date{}
	}
	back := (int(d.anchor.Weekday()) - int(w) + 7) % 7
	switch {
	case dir == dirPast && back == 0:
		back = 7
	case dir == dirNext:
		back -= 7
	}
	return report.FromTime(d.anchor.AddDate(0, 0, -back))
}

// futureBefore reports a word of the future ("will", "d'ici", "wird") before token i in its clause.
func (d *Doc) futureBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		if d.toks[k].brk > 0 || d.terminal(k) {
			return false
		}
		if d.has(k, kFuture) {
			return true
		}
	}
	return false
}

// resolvePrevDays dates "le lendemain", "the day before": n days after the last day the text
// gave before it, else after the report's day.
func (d *Doc) resolvePrevDays(n int) report.Date {
	d.prevDays = true
	for k := len(d.exprs) - 1; k >= 0; k-- {
		if e := d.exprs[k].Date; e.Precision == report.PrecisionDay {
			if n > 0 { // after a range, the day after its last day
				e = e.Final()
			}
			return report.FromTime(e.Start().AddDate(0, 0, n))
		}
	}
	return d.resolveRelative(kDays, n)
}

// resolveWeeks dates "last week": the ISO week (Monday to Sunday) n weeks after the report's, a range
// of days. It needs a report date at day precision; otherwise it is the report's date.
func (d *Doc) resolveWeeks(n int) report.Date {
	if d.ref.Precision != report.PrecisionDay {
		return d.ref
	}
	monday := d.anchor.AddDate(0, 0, -(int(d.anchor.Weekday())+6)%7+7*n)
	r, err := report.DateRange(report.FromTime(monday), report.FromTime(monday.AddDate(0, 0, 6)))
	if err != nil {
		return report.Date{}
	}
	return r
}

// resolveRelative dates "hier", "last month", "l'an dernier". A relative day needs a report date at day
// precision; otherwise it is the report's date.
func (d *Doc) resolveRelative(k kind, n int) report.Date {
	a := d.anchor
	switch {
	case d.ref.IsZero():
		return report.Date{}
	case k == kYears:
		return report.YearDate(a.Year() + n)
	case k == kMonths && d.ref.Precision >= report.PrecisionMonth:
		t := time.Date(a.Year(), a.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return report.MonthDate(t.Year(), t.Month())
	case k == kDays && d.ref.Precision == report.PrecisionDay:
		return report.FromTime(a.AddDate(0, 0, n))
	}
	return d.ref
}
