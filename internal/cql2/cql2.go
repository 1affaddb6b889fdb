// Package cql2 reads filters in CQL2, the Common Query Language of OGC API - Features Part 3
// (OGC 21-065), as text and as JSON, into the domain's report.Expr, which stores translate.
//
// It reads the conformance classes basic-cql2, advanced-comparison-operators (LIKE, IN,
// BETWEEN), basic-spatial-functions with S_WITHIN and S_DISJOINT besides S_INTERSECTS (on BBOX,
// POINT, POLYGON and MULTIPOLYGON), temporal-functions T_INTERSECTS, T_DISJOINT, T_DURING,
// T_CONTAINS, T_BEFORE and T_AFTER (on DATE, TIMESTAMP and INTERVAL, with '..' for an open end),
// and property-property comparisons. It does not read arithmetic, functions, arrays, CASEI or
// ACCENTI, or geometries other than those. Whether the properties exist and the types agree is for
// report.CheckExpr (EventFilter.Normalize) to say.
package cql2

import (
	"fmt"

	"github.com/datelinehq/dateline/internal/report"
)

// Error is a filter that cannot be read: where, and why. It unwraps to a report.Error of kind
// Invalid with the same message, so that the web layer answers it with a 400.
type Error struct {
	// Offset is the byte offset, from 0, of the problem in CQL2 text; -1 in JSON, but for a JSON
	// syntax error.
	Offset int
	// Token is the token of the text found there, "" at the end of the text.
	Token string
	// Path is where the problem lies in CQL2 JSON, as $.args[1].args[0]; "" for text.
	Path string
	// Reason says what is wrong.
	Reason string
}

func (e *Error) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("cql2: at %s: %s", e.Path, e.Reason)
	}
	return fmt.Sprintf("cql2: at byte %d: %s", e.Offset, e.Reason)
}

// Unwrap returns the error as a domain error of kind Invalid.
func (e *Error) Unwrap() error { return &report.Error{Kind: report.Invalid, Message: e.Error()} }
