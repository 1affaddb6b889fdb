package cql2

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// ParseText reads a filter in CQL2 text, such as
//
//	country_code = 'SY' AND T_INTERSECTS(date, INTERVAL('2017-10-01', '..'))
//
// Keywords and function names are read in any case; a property name may be written in double
// quotes (and must be when it is a keyword: AND, OR, NOT, LIKE, IN, BETWEEN, IS, NULL, TRUE,
// FALSE); a string is in single quotes, a quote inside it doubled. An error is an *Error with the
// offset of the problem.
func ParseText(s string) (report.Expr, error) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return nil, &Error{Offset: i, Token: s[i : i+1], Reason: "the filter is not UTF-8 text"}
		}
		i += n
	}
	p := &parser{src: s}
	if err := p.advance(); err != nil {
		return nil, err
	}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEnd {
		return nil, p.failf("expected AND, OR or the end of the filter, found %s", p.found())
	}
	return e, nil
}

type tokenKind uint8

const (
	tokEnd    tokenKind = iota
	tokWord             // a name or a keyword
	tokQuoted           // a "property name"
	tokString           // a 'string'
	tokNumber           //
	tokLParen           //
	tokRParen           //
	tokComma            //
	tokOp               // = <> < <= > >=
)

type token struct {
	kind     tokenKind
	pos, end int     // byte offsets
	val      string  // a word, a property name or a string, unquoted
	num      float64 // a number's value
}

// lex reads the token at or after i.
func lex(src string, i int) (token, error) {
	for i < len(src) && strings.IndexByte(" \t\n\r\f\v", src[i]) >= 0 {
		i++
	}
	t := token{pos: i, end: i}
	if i == len(src) {
		return t, nil
	}
	fail := func(end int, format string, args ...any) (token, error) {
		return token{}, &Error{Offset: i, Token: src[i:end], Reason: fmt.Sprintf(format, args...)}
	}
	c := src[i]
	switch {
	case c == '(':
		t.kind, t.end = tokLParen, i+1
	case c == ')':
		t.kind, t.end = tokRParen, i+1
	case c == ',':
		t.kind, t.end = tokComma, i+1
	case c == '=':
		t.kind, t.end = tokOp, i+1
	case c == '<' || c == '>':
		t.kind, t.end = tokOp, i+1
		if t.end < len(src) && (src[t.end] == '=' || c == '<' && src[t.end] == '>') {
			t.end++
		}
	case c == '!' && i+1 < len(src) && src[i+1] == '=':
		return fail(i+2, `"!=" is no operator of CQL2: "<>" is "not equal"`)
	case c == '\'':
		var b strings.Builder
		for j := i + 1; ; j++ {
			k := strings.IndexByte(src[j:], '\'')
			if k < 0 {
				return fail(len(src), "a string without its closing quote")
			}
			b.WriteString(src[j : j+k])
			j += k
			if j+1 < len(src) && src[j+1] == '\'' { // a quote, doubled
				b.WriteByte('\'')
				j++
				continue
			}
			t.kind, t.end, t.val = tokString, j+1, b.String()
			break
		}
	case c == '"':
		k := strings.IndexByte(src[i+1:], '"')
		if k < 0 {
			return fail(len(src), "a property name without its closing quote")
		}
		if k == 0 {
			return fail(i+2, "an empty property name")
		}
		t.kind, t.end, t.val = tokQuoted, i+k+2, src[i+1:i+1+k]
	case isDigit(c) || (c == '.' || c == '-' || c == '+') && startsNumber(src[i:]):
		end, ok := scanNumber(src, i)
		if !ok {
			return fail(end, "a malformed number")
		}
		f, err := strconv.ParseFloat(src[i:end], 64)
		if err != nil || math.IsInf(f, 0) {
			return fail(end, "a number out of range")
		}
		t.kind, t.end, t.num = tokNumber, end, f
	default:
		r, n := utf8.DecodeRuneInString(src[i:])
		if !report.IsIdentifierRune(r, true) {
			return fail(i+n, "unexpected character %q", r)
		}
		j := i + n
		for j < len(src) {
			r, n := utf8.DecodeRuneInString(src[j:])
			if !report.IsIdentifierRune(r, false) {
				break
			}
			j += n
		}
		t.kind, t.end, t.val = tokWord, j, src[i:j]
	}
	return t, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// startsNumber reports whether s, starting with a sign or a point, starts a number.
func startsNumber(s string) bool {
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	return len(s) > 0 && isDigit(s[0]) || len(s) > 1 && s[0] == '.' && isDigit(s[1])
}

// scanNumber returns the end of the number at i: [+-] digits [. digits] [e [+-] digits], or
// . digits in place of the first digits; ok is false when an exponent has no digits.
func scanNumber(s string, i int) (end int, ok bool) {
	digits := func() {
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if s[i] == '-' || s[i] == '+' {
		i++
	}
	digits()
	if i < len(s) && s[i] == '.' {
		i++
		digits()
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if i == len(s) || !isDigit(s[i]) {
			return i, false
		}
		digits()
	}
	return i, true
}

// The predicates and the functions that give values.
var (
	temporalOps = map[string]report.TemporalOp{
		"T_INTERSECTS": report.TIntersects, "T_DISJOINT": report.TDisjoint, "T_DURING": report.TDuring,
		"T_CONTAINS": report.TContains, "T_BEFORE": report.TBefore, "T_AFTER": report.TAfter,
	}
	spatialOps = map[string]report.SpatialOp{
		"S_INTERSECTS": report.SIntersects, "S_DISJOINT": report.SDisjoint, "S_WITHIN": report.SWithin,
	}
)

const (
	temporalNames = "T_INTERSECTS, T_DISJOINT, T_DURING, T_CONTAINS, T_BEFORE and T_AFTER"
	spatialNames  = "S_INTERSECTS, S_DISJOINT and S_WITHIN"
)

type parser struct {
	src     string
	tok     token  // the current token
	ahead   *token // the one after it, once peeked
	prevEnd int    // where the token before the current one ended
	depth   int
}

func (p *parser) advance() error {
	p.prevEnd = p.tok.end
	if p.ahead != nil {
		p.tok, p.ahead = *p.ahead, nil
		return nil
	}
	t, err := lex(p.src, p.tok.end)
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

// peek returns the token after the current one.
func (p *parser) peek() (token, error) {
	if p.ahead == nil {
		t, err := lex(p.src, p.tok.end)
		if err != nil {
			return token{}, err
		}
		p.ahead = &t
	}
	return *p.ahead, nil
}

// failf is an error at the current token.
func (p *parser) failf(format string, args ...any) error {
	return &Error{Offset: p.tok.pos, Token: p.src[p.tok.pos:p.tok.end], Reason: fmt.Sprintf(format, args...)}
}

// found describes the current token for a message.
func (p *parser) found() string {
	if p.tok.kind == tokEnd {
		return "the end of the filter"
	}
	return quote(p.src[p.tok.pos:p.tok.end])
}

// quote is s in double quotes for a message, cut when long.
func quote(s string) string {
	if len(s) > 40 {
		cut := 37
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return strconv.Quote(s)
}

// is reports whether the current token is the keyword word.
func (p *parser) is(word string) bool {
	return p.tok.kind == tokWord && strings.EqualFold(p.tok.val, word)
}

// expect consumes a token of kind k, or fails saying what was expected.
func (p *parser) expect(k tokenKind, what string) error {
	if p.tok.kind != k {
		return p.failf("expected %s, found %s", what, p.found())
	}
	return p.advance()
}

// enter goes one level deeper into parentheses or NOTs. Each is a level of the expression, below
// its first: report.CheckExpr takes what the parser takes.
func (p *parser) enter() error {
	if p.depth++; p.depth >= report.MaxExprDepth {
		return p.failf("conditions nested more than %d deep", report.MaxExprDepth)
	}
	return nil
}

func (p *parser) or() (report.Expr, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	args := []report.Expr{first}
	for p.is("OR") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		e, err := p.and()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	}
	if len(args) == 1 {
		return first, nil
	}
	return report.Or{Args: args}, nil
}

func (p *parser) and() (report.Expr, error) {
	first, err := p.not()
	if err != nil {
		return nil, err
	}
	args := []report.Expr{first}
	for p.is("AND") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		e, err := p.not()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	}
	if len(args) == 1 {
		return first, nil
	}
	return report.And{Args: args}, nil
}

func (p *parser) not() (report.Expr, error) {
	if !p.is("NOT") {
		return p.primary()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	if err := p.advance(); err != nil {
		return nil, err
	}
	e, err := p.not()
	if err != nil {
		return nil, err
	}
	return report.Not{Arg: e}, nil
}

// primary reads a condition in parentheses, a predicate, or TRUE or FALSE.
func (p *parser) primary() (report.Expr, error) {
	if p.tok.kind == tokLParen {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		open := p.tok.pos
		if err := p.advance(); err != nil {
			return nil, err
		}
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tokRParen {
			return nil, p.failf(`expected ")" to close the "(" at byte %d, found %s`, open, p.found())
		}
		return e, p.advance()
	}
	if p.tok.kind == tokWord {
		next, err := p.peek()
		if err != nil {
			return nil, err
		}
		if name := strings.ToUpper(p.tok.val); next.kind == tokLParen && (strings.HasPrefix(name, "T_") || strings.HasPrefix(name, "S_")) {
			return p.function(name)
		}
	}
	start := p.tok.pos
	left, err := p.operand("a condition")
	if err != nil {
		return nil, err
	}
	leftText := quote(p.src[start:p.prevEnd])
	switch {
	case p.tok.kind == tokOp:
		op := report.CompareOp(p.src[p.tok.pos:p.tok.end])
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.operand(fmt.Sprintf("a value after %q", string(op)))
		if err != nil {
			return nil, err
		}
		return report.Compare{Op: op, Left: left, Right: right}, nil
	case p.is("NOT"):
		if err := p.advance(); err != nil {
			return nil, err
		}
		if !p.is("LIKE") && !p.is("IN") && !p.is("BETWEEN") {
			return nil, p.failf("expected LIKE, IN or BETWEEN after NOT, found %s", p.found())
		}
		e, err := p.predicate(left)
		if err != nil {
			return nil, err
		}
		return report.Not{Arg: e}, nil
	case p.is("LIKE") || p.is("IN") || p.is("BETWEEN") || p.is("IS"):
		return p.predicate(left)
	}
	if b, ok := left.(report.BoolLit); ok {
		return b, nil
	}
	return nil, p.failf("expected =, <>, <, <=, >, >=, LIKE, IN, BETWEEN or IS NULL after %s, found %s", leftText, p.found())
}

// predicate reads what follows left from LIKE, IN, BETWEEN or IS, the current token.
func (p *parser) predicate(left report.Operand) (report.Expr, error) {
	word := strings.ToUpper(p.tok.val)
	if err := p.advance(); err != nil {
		return nil, err
	}
	switch word {
	case "LIKE":
		pattern, err := p.operand("a pattern after LIKE")
		if err != nil {
			return nil, err
		}
		return report.Like{Arg: left, Pattern: pattern}, nil
	case "IN":
		if err := p.expect(tokLParen, `"(" after IN`); err != nil {
			return nil, err
		}
		var list []report.Operand
		for {
			after := `","`
			if len(list) == 0 {
				after = `"("`
			}
			o, err := p.operand("a value after " + after)
			if err != nil {
				return nil, err
			}
			list = append(list, o)
			if p.tok.kind != tokComma {
				break
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
		if err := p.expect(tokRParen, `"," or ")" in the list of IN`); err != nil {
			return nil, err
		}
		return report.In{Arg: left, List: list}, nil
	case "BETWEEN":
		low, err := p.operand("a value after BETWEEN")
		if err != nil {
			return nil, err
		}
		if !p.is("AND") {
			return nil, p.failf("expected AND after BETWEEN and its first value, found %s", p.found())
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		high, err := p.operand("a value after BETWEEN ... AND")
		if err != nil {
			return nil, err
		}
		return report.Between{Arg: left, Low: low, High: high}, nil
	}
	// IS [NOT] NULL
	not := p.is("NOT")
	if not {
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	if !p.is("NULL") {
		return nil, p.failf("expected NULL or NOT NULL after IS, found %s", p.found())
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	var e report.Expr = report.IsNull{Arg: left}
	if not {
		e = report.Not{Arg: e}
	}
	return e, nil
}

// function reads a temporal or spatial predicate, name(a, b); the current token is its name.
func (p *parser) function(name string) (report.Expr, error) {
	top, sop := temporalOps[name], spatialOps[name]
	switch {
	case top == "" && sop == "" && strings.HasPrefix(name, "T_"):
		return nil, p.failf("%s is not supported: the temporal operators are %s", name, temporalNames)
	case top == "" && sop == "":
		return nil, p.failf("%s is not supported: the spatial operators are %s", name, spatialNames)
	}
	if err := p.advance(); err != nil { // to "("
		return nil, err
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	a, err := p.operand(fmt.Sprintf("a value after %q", name+"("))
	if err != nil {
		return nil, err
	}
	if err := p.expect(tokComma, fmt.Sprintf(`"," after the first value of %s`, name)); err != nil {
		return nil, err
	}
	b, err := p.operand(fmt.Sprintf("a second value for %s", name))
	if err != nil {
		return nil, err
	}
	if err := p.expect(tokRParen, fmt.Sprintf(`")" after the second value of %s`, name)); err != nil {
		return nil, err
	}
	if top != "" {
		return report.Temporal{Op: top, Left: a, Right: b}, nil
	}
	return report.Spatial{Op: sop, Left: a, Right: b}, nil
}

// operand reads a property or a literal; what says what was expected, for the error.
func (p *parser) operand(what string) (report.Operand, error) {
	t := p.tok
	switch t.kind {
	case tokString:
		return report.StringLit(t.val), p.advance()
	case tokNumber:
		return report.NumberLit(t.num), p.advance()
	case tokQuoted:
		return report.Property(t.val), p.advance()
	case tokWord:
	default:
		return nil, p.failf("expected %s, found %s", what, p.found())
	}
	name := strings.ToUpper(t.val)
	switch {
	case name == "TRUE" || name == "FALSE":
		return report.BoolLit(name == "TRUE"), p.advance()
	case report.IsKeyword(name):
		return nil, p.failf("expected %s, found %s (a property of that name goes in double quotes)", what, p.found())
	}
	next, err := p.peek()
	if err != nil {
		return nil, err
	}
	if next.kind != tokLParen {
		return report.Property(t.val), p.advance()
	}
	switch name {
	case "DATE", "TIMESTAMP":
		return p.instant(name)
	case "INTERVAL":
		return p.interval()
	case "BBOX":
		return p.bbox()
	case "POINT", "POLYGON", "MULTIPOLYGON":
		return p.wkt(name)
	case "LINESTRING", "MULTIPOINT", "MULTILINESTRING", "GEOMETRYCOLLECTION":
		return nil, p.failf("a %s is not supported: use a POINT, POLYGON, MULTIPOLYGON or BBOX", name)
	case "CASEI", "ACCENTI":
		return nil, p.failf("%s is not supported", name)
	}
	if temporalOps[name] != "" || spatialOps[name] != "" {
		return nil, p.failf("expected %s, found %s, a condition", what, p.found())
	}
	return nil, p.failf("expected %s, found %s: there is no function %s", what, p.found(), t.val)
}

// open consumes a function's name and its "(".
func (p *parser) open() error {
	if err := p.advance(); err != nil {
		return err
	}
	return p.advance()
}

// instant reads DATE('...') or TIMESTAMP('...'); the current token is the name.
func (p *parser) instant(name string) (report.Operand, error) {
	if err := p.open(); err != nil {
		return nil, err
	}
	if p.tok.kind != tokString {
		return nil, p.failf("expected a %s in quotes after %s(, found %s", strings.ToLower(name), name, p.found())
	}
	o, err := p.instantText(p.tok.val, name == "DATE", name == "TIMESTAMP")
	if err != nil {
		return nil, err
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	return o, p.expect(tokRParen, fmt.Sprintf(`")" after the %s`, strings.ToLower(name)))
}

// instantText reads the current token's string s as a date or a timestamp, whichever is allowed.
func (p *parser) instantText(s string, date, timestamp bool) (report.Operand, error) {
	o, reason := readInstant(s, date, timestamp)
	if reason != "" {
		return nil, p.failf("%s", reason)
	}
	return o, nil
}

// readInstant reads s as a date, YYYY-MM-DD, or a timestamp in RFC 3339, whichever is allowed; it
// returns why it cannot.
func readInstant(s string, date, timestamp bool) (report.Operand, string) {
	if date {
		if d, err := time.Parse(time.DateOnly, s); err == nil {
			return report.DateLit{Day: d}, ""
		}
	}
	if timestamp {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			if y := t.UTC().Year(); y < 0 || y > 9999 {
				return nil, fmt.Sprintf("the timestamp %s lies outside the years 0 to 9999 in UTC", quote(s))
			}
			return report.TimestampLit{Time: t.UTC()}, ""
		}
	}
	switch {
	case date && timestamp:
		return nil, fmt.Sprintf("%s is neither a date, YYYY-MM-DD, nor a timestamp, YYYY-MM-DDThh:mm:ssZ", quote(s))
	case date:
		return nil, fmt.Sprintf("%s is not a date, YYYY-MM-DD", quote(s))
	}
	return nil, fmt.Sprintf("%s is not a timestamp, YYYY-MM-DDThh:mm:ssZ", quote(s))
}

// interval reads INTERVAL(start, end); each end is a date or timestamp in quotes, DATE(...) or
// TIMESTAMP(...), or '..'.
func (p *parser) interval() (report.Operand, error) {
	if err := p.open(); err != nil {
		return nil, err
	}
	var ends [2]report.Operand
	for i := range ends {
		switch {
		case p.tok.kind == tokString && p.tok.val == "..":
			if err := p.advance(); err != nil {
				return nil, err
			}
		case p.tok.kind == tokString:
			o, err := p.instantText(p.tok.val, true, true)
			if err != nil {
				return nil, err
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
			ends[i] = o
		case p.is("DATE") || p.is("TIMESTAMP"):
			next, err := p.peek()
			if err != nil {
				return nil, err
			}
			if next.kind != tokLParen {
				return nil, p.failf(`expected "(" after %s, found %q`, p.tok.val, p.src[next.pos:next.end])
			}
			if ends[i], err = p.instant(strings.ToUpper(p.tok.val)); err != nil {
				return nil, err
			}
		default:
			return nil, p.failf("expected a date, a timestamp or '..' in INTERVAL, found %s", p.found())
		}
		sep, what := tokComma, `"," after the start of the INTERVAL`
		if i == 1 {
			sep, what = tokRParen, `")" after the end of the INTERVAL`
		}
		if err := p.expect(sep, what); err != nil {
			return nil, err
		}
	}
	return report.IntervalLit{Start: ends[0], End: ends[1]}, nil
}

// number reads a number.
func (p *parser) number(what string) (float64, error) {
	if p.tok.kind != tokNumber {
		return 0, p.failf("expected %s, found %s", what, p.found())
	}
	f := p.tok.num
	return f, p.advance()
}

// bbox reads BBOX(west, south, east, north), or the six numbers of a box with heights.
func (p *parser) bbox() (report.Operand, error) {
	if err := p.open(); err != nil {
		return nil, err
	}
	var n []float64
	for {
		f, err := p.number("a number in BBOX")
		if err != nil {
			return nil, err
		}
		n = append(n, f)
		if p.tok.kind != tokComma || len(n) == 6 {
			break
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	if len(n) != 4 && len(n) != 6 {
		return nil, p.failf("expected 4 numbers in BBOX (or 6 with heights), found %d and %s", len(n), p.found())
	}
	if err := p.expect(tokRParen, `")" after the numbers of BBOX`); err != nil {
		return nil, err
	}
	if len(n) == 6 { // west, south, lowest, east, north, highest
		n = []float64{n[0], n[1], n[3], n[4]}
	}
	return report.BBoxLit{Bound: orb.Bound{Min: orb.Point{n[0], n[1]}, Max: orb.Point{n[2], n[3]}}}, nil
}

// wkt reads a POINT, POLYGON or MULTIPOLYGON in WKT.
func (p *parser) wkt(name string) (report.Operand, error) {
	if err := p.open(); err != nil {
		return nil, err
	}
	var g orb.Geometry
	var err error
	switch name {
	case "POINT":
		g, err = p.point()
	case "POLYGON":
		g, err = p.polygonRings()
	default:
		var mp orb.MultiPolygon
		err = p.list(func() error {
			if err := p.expect(tokLParen, `"(" to start a polygon`); err != nil {
				return err
			}
			poly, err := p.polygonRings()
			if err != nil {
				return err
			}
			mp = append(mp, poly)
			return p.expect(tokRParen, `"," or ")" after a ring`)
		})
		g = mp
	}
	if err != nil {
		return nil, err
	}
	what := fmt.Sprintf(`")" to close the %s`, name)
	if name == "POLYGON" {
		what = `"," or ")" after a ring`
	}
	return report.GeometryLit{Geometry: g}, p.expect(tokRParen, what)
}

// list calls item for each item of a list separated by commas.
func (p *parser) list(item func() error) error {
	for {
		if err := item(); err != nil {
			return err
		}
		if p.tok.kind != tokComma {
			return nil
		}
		if err := p.advance(); err != nil {
			return err
		}
	}
}

// point reads "x y".
func (p *parser) point() (orb.Point, error) {
	x, err := p.number("a longitude")
	if err != nil {
		return orb.Point{}, err
	}
	y, err := p.number("a latitude after the longitude")
	return orb.Point{x, y}, err
}

// polygonRings reads "(x y, ...), (x y, ...)": the rings of a polygon, after its "(".
func (p *parser) polygonRings() (orb.Polygon, error) {
	var poly orb.Polygon
	err := p.list(func() error {
		if err := p.expect(tokLParen, `"(" to start a ring`); err != nil {
			return err
		}
		var r orb.Ring
		err := p.list(func() error {
			q, err := p.point()
			r = append(r, q)
			return err
		})
		if err != nil {
			return err
		}
		poly = append(poly, r)
		return p.expect(tokRParen, `"," or ")" after a point of a ring`)
	})
	return poly, err
}
