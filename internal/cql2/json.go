package cql2

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// ParseJSON reads a filter in CQL2 JSON, such as
//
//	{"op": "and", "args": [
//		{"op": "=", "args": [{"property": "country_code"}, "SY"]},
//		{"op": "t_intersects", "args": [{"property": "date"}, {"interval": ["2017-10-01", ".."]}]}
//	]}
//
// Operators are read in any case. Values are strings, numbers, booleans, {"property": name},
// {"date": "2017-11-16"}, {"timestamp": "2017-11-16T10:00:00Z"}, {"interval": [start, end]} (each
// end a date or timestamp string, such an object, or ".."), {"bbox": [w, s, e, n]}, and GeoJSON
// Points, Polygons and MultiPolygons. An error is an *Error with the path of the problem, or the
// byte offset of a JSON syntax error.
func ParseJSON(b []byte) (report.Expr, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, syntaxError(err, len(b))
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, &Error{Offset: int(d.InputOffset()), Reason: "more follows the filter's JSON"}
	}
	return jsonExpr(v, "$", 1)
}

// syntaxError is the Error of a JSON syntax error, at its offset.
func syntaxError(err error, n int) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &Error{Offset: int(se.Offset), Reason: "no JSON: " + se.Error()}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Offset: n, Reason: "the JSON ends early"}
	}
	return &Error{Offset: 0, Reason: "no JSON: " + err.Error()}
}

func jfail(path, format string, args ...any) error {
	return &Error{Offset: -1, Path: path, Reason: fmt.Sprintf(format, args...)}
}

// describe names a JSON value's type for a message.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		if op, ok := v["op"].(string); ok {
			return fmt.Sprintf("the operation %q", op)
		}
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// only fails unless the object o has no members but those named.
func only(o map[string]any, path string, names ...string) error {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(names, k) {
			return jfail(path, "unknown member %q (expected %s)", k, strings.Join(names, " and "))
		}
	}
	return nil
}

func jsonExpr(v any, path string, depth int) (report.Expr, error) {
	if depth > report.MaxExprDepth {
		return nil, jfail(path, "conditions nested more than %d deep", report.MaxExprDepth)
	}
	switch v := v.(type) {
	case bool:
		return report.BoolLit(v), nil
	case map[string]any:
		if _, ok := v["op"]; ok {
			return jsonOp(v, path, depth)
		}
	}
	return nil, jfail(path, `expected a condition, {"op": ..., "args": [...]}, true or false, found %s`, describe(v))
}

func jsonOp(o map[string]any, path string, depth int) (report.Expr, error) {
	if err := only(o, path, "op", "args"); err != nil {
		return nil, err
	}
	op, ok := o["op"].(string)
	if !ok {
		return nil, jfail(path+".op", "expected the name of an operator, found %s", describe(o["op"]))
	}
	args, ok := o["args"].([]any)
	if !ok {
		return nil, jfail(path+".args", "expected the array of the arguments of %q, found %s", op, describe(o["args"]))
	}
	at := func(i int) string { return path + ".args[" + strconv.Itoa(i) + "]" }
	count := func(n int) error {
		if len(args) != n {
			return jfail(path+".args", "%q takes %d arguments, not %d", op, n, len(args))
		}
		return nil
	}
	operands := func(n int) ([]report.Operand, error) {
		if err := count(n); err != nil {
			return nil, err
		}
		os := make([]report.Operand, n)
		for i, a := range args {
			var err error
			if os[i], err = jsonOperand(a, at(i)); err != nil {
				return nil, err
			}
		}
		return os, nil
	}
	name := strings.ToLower(op)
	switch name {
	case "and", "or", "not":
		if name == "not" && len(args) != 1 {
			return nil, count(1)
		}
		if name != "not" && len(args) < 2 {
			return nil, jfail(path+".args", "%q takes 2 arguments or more, not %d", op, len(args))
		}
		es := make([]report.Expr, len(args))
		for i, a := range args {
			var err error
			if es[i], err = jsonExpr(a, at(i), depth+1); err != nil {
				return nil, err
			}
		}
		switch name {
		case "and":
			return report.And{Args: es}, nil
		case "or":
			return report.Or{Args: es}, nil
		}
		return report.Not{Arg: es[0]}, nil
	case "=", "<>", "<", "<=", ">", ">=":
		os, err := operands(2)
		if err != nil {
			return nil, err
		}
		return report.Compare{Op: report.CompareOp(name), Left: os[0], Right: os[1]}, nil
	case "like":
		os, err := operands(2)
		if err != nil {
			return nil, err
		}
		return report.Like{Arg: os[0], Pattern: os[1]}, nil
	case "between":
		os, err := operands(3)
		if err != nil {
			return nil, err
		}
		return report.Between{Arg: os[0], Low: os[1], High: os[2]}, nil
	case "isnull":
		os, err := operands(1)
		if err != nil {
			return nil, err
		}
		return report.IsNull{Arg: os[0]}, nil
	case "in":
		if err := count(2); err != nil {
			return nil, err
		}
		arg, err := jsonOperand(args[0], at(0))
		if err != nil {
			return nil, err
		}
		items, ok := args[1].([]any)
		if !ok || len(items) == 0 {
			return nil, jfail(at(1), "expected the array of the values of \"in\", found %s", describe(args[1]))
		}
		list := make([]report.Operand, len(items))
		for i, item := range items {
			if list[i], err = jsonOperand(item, at(1)+"["+strconv.Itoa(i)+"]"); err != nil {
				return nil, err
			}
		}
		return report.In{Arg: arg, List: list}, nil
	}
	upper := strings.ToUpper(name)
	if top, ok := temporalOps[upper]; ok {
		os, err := operands(2)
		if err != nil {
			return nil, err
		}
		return report.Temporal{Op: top, Left: os[0], Right: os[1]}, nil
	}
	if sop, ok := spatialOps[upper]; ok {
		os, err := operands(2)
		if err != nil {
			return nil, err
		}
		return report.Spatial{Op: sop, Left: os[0], Right: os[1]}, nil
	}
	switch {
	case strings.HasPrefix(upper, "T_"):
		return nil, jfail(path+".op", "%q is not supported: the temporal operators are %s", op, strings.ToLower(temporalNames))
	case strings.HasPrefix(upper, "S_"):
		return nil, jfail(path+".op", "%q is not supported: the spatial operators are %s", op, strings.ToLower(spatialNames))
	}
	return nil, jfail(path+".op", "unknown operator %q", op)
}

func jsonOperand(v any, path string) (report.Operand, error) {
	switch v := v.(type) {
	case string:
		return report.StringLit(v), nil
	case json.Number:
		f, err := jsonNumber(v, path)
		return report.NumberLit(f), err
	case bool:
		return report.BoolLit(v), nil
	case map[string]any:
		return jsonObjectOperand(v, path)
	}
	return nil, jfail(path, "expected a value, found %s", describe(v))
}

func jsonNumber(v any, path string) (float64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, jfail(path, "expected a number, found %s", describe(v))
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, jfail(path, "the number %s is out of range", string(n))
	}
	return f, nil
}

func jsonObjectOperand(o map[string]any, path string) (report.Operand, error) {
	text := func(name string) (string, error) {
		if err := only(o, path, name); err != nil {
			return "", err
		}
		s, ok := o[name].(string)
		if !ok {
			return "", jfail(path+"."+name, "expected a string, found %s", describe(o[name]))
		}
		return s, nil
	}
	instant := func(name string) (report.Operand, error) {
		s, err := text(name)
		if err != nil {
			return nil, err
		}
		lit, reason := readInstant(s, name == "date", name == "timestamp")
		if reason != "" {
			return nil, jfail(path+"."+name, "%s", reason)
		}
		return lit, nil
	}
	switch {
	case o["property"] != nil:
		s, err := text("property")
		switch {
		case err != nil:
		case s == "":
			err = jfail(path+".property", "an empty property name")
		case strings.Contains(s, `"`):
			err = jfail(path+".property", "a property name without double quotes")
		}
		return report.Property(s), err
	case o["date"] != nil:
		return instant("date")
	case o["timestamp"] != nil:
		return instant("timestamp")
	case o["interval"] != nil:
		return jsonInterval(o, path)
	case o["type"] != nil:
		return jsonGeometry(o, path)
	case o["bbox"] != nil:
		if err := only(o, path, "bbox"); err != nil {
			return nil, err
		}
		ns, ok := o["bbox"].([]any)
		if !ok || len(ns) != 4 && len(ns) != 6 {
			return nil, jfail(path+".bbox", "expected an array of 4 numbers (or 6 with heights), found %s", describe(o["bbox"]))
		}
		f := make([]float64, len(ns))
		for i, n := range ns {
			var err error
			if f[i], err = jsonNumber(n, fmt.Sprintf("%s.bbox[%d]", path, i)); err != nil {
				return nil, err
			}
		}
		if len(f) == 6 { // west, south, lowest, east, north, highest
			f = []float64{f[0], f[1], f[3], f[4]}
		}
		return report.BBoxLit{Bound: orb.Bound{Min: orb.Point{f[0], f[1]}, Max: orb.Point{f[2], f[3]}}}, nil
	case o["op"] != nil:
		return nil, jfail(path, "expected a value, found %s, a condition or a function, which is not supported here", describe(o))
	}
	return nil, jfail(path, `expected a value: a string, a number, a boolean, or an object of "property", "date", "timestamp", "interval", "bbox" or a GeoJSON geometry`)
}

func jsonInterval(o map[string]any, path string) (report.Operand, error) {
	if err := only(o, path, "interval"); err != nil {
		return nil, err
	}
	path += ".interval"
	ends, ok := o["interval"].([]any)
	if !ok || len(ends) != 2 {
		return nil, jfail(path, "expected an array of a start and an end, found %s", describe(o["interval"]))
	}
	var lit report.IntervalLit
	for i, e := range ends {
		at := fmt.Sprintf("%s[%d]", path, i)
		var end report.Operand
		switch e := e.(type) {
		case string:
			if e == ".." {
				break
			}
			var reason string
			if end, reason = readInstant(e, true, true); reason != "" {
				return nil, jfail(at, "%s", reason)
			}
		case map[string]any:
			name := "timestamp"
			if e["date"] != nil {
				name = "date"
			}
			if e[name] == nil {
				return nil, jfail(at, `expected a date, a timestamp, {"date": ...}, {"timestamp": ...} or "..", found an object`)
			}
			if err := only(e, at, name); err != nil {
				return nil, err
			}
			var err error
			if end, err = jsonObjectOperand(e, at); err != nil {
				return nil, err
			}
		default:
			return nil, jfail(at, `expected a date, a timestamp or "..", found %s`, describe(e))
		}
		if i == 0 {
			lit.Start = end
		} else {
			lit.End = end
		}
	}
	return lit, nil
}

// jsonGeometry reads a GeoJSON Point, Polygon or MultiPolygon.
func jsonGeometry(o map[string]any, path string) (report.Operand, error) {
	if err := only(o, path, "type", "coordinates", "bbox"); err != nil {
		return nil, err
	}
	t, _ := o["type"].(string)
	cpath := path + ".coordinates"
	c := o["coordinates"]
	array := func(v any, path string, min int, what string) ([]any, error) {
		a, ok := v.([]any)
		if !ok || len(a) < min {
			return nil, jfail(path, "expected %s, found %s", what, describe(v))
		}
		return a, nil
	}
	position := func(v any, path string) (orb.Point, error) {
		a, err := array(v, path, 2, "a position, [longitude, latitude]")
		if err != nil {
			return orb.Point{}, err
		}
		if len(a) > 3 {
			return orb.Point{}, jfail(path, "a position has 2 or 3 numbers, not %d", len(a))
		}
		var p orb.Point
		for i := range p {
			if p[i], err = jsonNumber(a[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return orb.Point{}, err
			}
		}
		return p, nil
	}
	polygon := func(v any, path string) (orb.Polygon, error) {
		rings, err := array(v, path, 1, "the array of a polygon's rings")
		if err != nil {
			return nil, err
		}
		poly := make(orb.Polygon, len(rings))
		for i, r := range rings {
			rpath := fmt.Sprintf("%s[%d]", path, i)
			points, err := array(r, rpath, 1, "the array of a ring's positions")
			if err != nil {
				return nil, err
			}
			poly[i] = make(orb.Ring, len(points))
			for j, q := range points {
				if poly[i][j], err = position(q, fmt.Sprintf("%s[%d]", rpath, j)); err != nil {
					return nil, err
				}
			}
		}
		return poly, nil
	}
	var g orb.Geometry
	var err error
	switch t {
	case "Point":
		g, err = position(c, cpath)
	case "Polygon":
		g, err = polygon(c, cpath)
	case "MultiPolygon":
		var polys []any
		if polys, err = array(c, cpath, 1, "the array of the polygons"); err == nil {
			mp := make(orb.MultiPolygon, len(polys))
			for i, p := range polys {
				if mp[i], err = polygon(p, fmt.Sprintf("%s[%d]", cpath, i)); err != nil {
					break
				}
			}
			g = mp
		}
	default:
		return nil, jfail(path+".type", "a geometry of type %s is not supported: use a Point, Polygon or MultiPolygon, or a bbox", describeType(o["type"]))
	}
	if err != nil {
		return nil, err
	}
	return report.GeometryLit{Geometry: g}, nil
}

func describeType(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return describe(v)
}
