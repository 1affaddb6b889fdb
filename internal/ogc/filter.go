package ogc

import (
	"errors"
	"fmt"
	"strings"

	"github.com/datelinehq/dateline/internal/cql2"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
)

// The languages of the parameter filter-lang (OGC API - Features Part 3, CQL2): CQL2 text, the
// default, and CQL2 JSON.
const (
	CQL2Text = "cql2-text"
	CQL2JSON = "cql2-json"
)

// FilterError is a filter that cannot be read or that cannot select events: an error of the
// parameter filter (it unwraps to the *viewquery.ParamError, of kind Invalid), with where the
// problem lies when the parser knows it.
type FilterError struct {
	Param *viewquery.ParamError
	// Offset is the byte offset, from 0, of the problem in CQL2 text, or of a syntax error in
	// CQL2 JSON; -1 when the problem has no offset (a JSON path, or a type error).
	Offset int
	// Token is the text found at Offset; "" at the end of the filter or without an offset.
	Token string
	// Path is where the problem lies in CQL2 JSON, as $.args[1]; "" otherwise.
	Path string
}

func (e *FilterError) Error() string { return e.Param.Error() }

// Unwrap returns the parameter's error.
func (e *FilterError) Unwrap() error { return e.Param }

// ParseFilter reads the parameter filter in the language lang (cql2-text when empty, or
// cql2-json) whose geometries are in the CRS crs (CRS84 when empty, the only one taken) into an
// expression the domain checked (report.CheckExpr); an empty filter is none (nil). A filter
// that cannot be read, or that names no queryable or compares values of different types, is a
// *FilterError that says where and why; a lang or crs of another value is an error of
// filter-lang or filter-crs.
func ParseFilter(filter, lang, crs string) (report.Expr, error) {
	if crs != "" && crs != CRS84 {
		return nil, paramError("filter-crs", crs, "filter-crs %q is not a CRS of this server's: the filter's geometries are in %s, longitude then latitude", crs, CRS84)
	}
	switch lang {
	case "":
		lang = CQL2Text
	case CQL2Text, CQL2JSON:
	default:
		return nil, paramError("filter-lang", lang, "filter-lang %q is not a filter language of this server's: give %s (the default) or %s", lang, CQL2Text, CQL2JSON)
	}
	if filter == "" {
		return nil, nil
	}
	var e report.Expr
	var err error
	if lang == CQL2JSON {
		e, err = cql2.ParseJSON([]byte(filter))
	} else {
		e, err = cql2.ParseText(filter)
	}
	if err != nil {
		var ce *cql2.Error
		if !errors.As(err, &ce) {
			return nil, fmt.Errorf("ogc: read filter: %w", err)
		}
		fe := &FilterError{Offset: ce.Offset, Token: ce.Token, Path: ce.Path}
		var where string
		switch {
		case ce.Path != "":
			fe.Offset = -1
			where = "at " + ce.Path
		case ce.Token != "":
			where = fmt.Sprintf("at byte %d, %q", ce.Offset, ce.Token)
		case ce.Offset >= len(filter):
			where = fmt.Sprintf("at byte %d, its end", ce.Offset)
		default:
			where = fmt.Sprintf("at byte %d", ce.Offset)
		}
		fe.Param = paramError("filter", filter, "filter (%s) %s: %s", lang, where, ce.Reason)
		return nil, fe
	}
	if err := report.CheckExpr(e); err != nil {
		// The message of report.CheckExpr starts with "filter: ", which this one says.
		msg := strings.TrimPrefix(report.ErrorMessage(err), "filter: ")
		return nil, &FilterError{Offset: -1, Param: paramError("filter", filter, "filter (%s): %s", lang, msg)}
	}
	return e, nil
}
