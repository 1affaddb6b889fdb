// Package ogc reads and writes what OGC API - Features Part 1 (Core) and Part 3 (Filtering)
// define for Dateline's /ogc resources: their query parameters (bbox, datetime, limit, the
// cursors of keyset paging, and filter in CQL2), the choice of representation (f= and Accept),
// the queryables' JSON Schema, and the links and conformance classes their documents carry. It
// imports only the domain, the CQL2 parsers, viewquery's parameter error and orb; the web
// package serves the documents.
package ogc

import (
	"mime"
	"strconv"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
)

// Media types of the documents.
const (
	MediaJSON    = "application/json"
	MediaGeoJSON = "application/geo+json"
	MediaHTML    = "text/html"
	MediaOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
)

// The conformance classes Dateline implements: of OGC API - Features Part 1 (Core); of Part 3
// (Filtering) the queryables of the events and their parameter filter; of CQL2 (OGC 21-065)
// both encodings, basic CQL2, LIKE, IN and BETWEEN, and S_INTERSECTS on BBOX and POINT (its
// POLYGON and MULTIPOLYGON, S_WITHIN, S_DISJOINT and six of the fifteen temporal functions are
// extras, which no class of CQL2 holds alone: spatial-functions and temporal-functions want them
// all, basic-spatial-functions-plus every geometry type).
var ConformsTo = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
	"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
}

// CRS84 is the only coordinate reference system of the features: longitude, latitude on WGS 84.
const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

// Gregorian is the temporal reference system of the extents.
const Gregorian = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"

// Link is a link of a document, as OGC API documents write them.
type Link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// Header is the link as an HTTP Link header's value (RFC 8288).
func (l Link) Header() string {
	var b strings.Builder
	b.WriteString("<" + l.Href + ">; rel=\"" + l.Rel + "\"")
	if l.Type != "" {
		b.WriteString("; type=\"" + l.Type + "\"")
	}
	if l.Title != "" {
		b.WriteString("; title=" + strconv.Quote(l.Title))
	}
	return b.String()
}

// Format is a representation of a resource.
type Format int

const (
	JSON Format = iota // JSON, GeoJSON for features, OpenAPI JSON for the API's description
	HTML
)

func (f Format) String() string {
	if f == HTML {
		return "html"
	}
	return "json"
}

// Negotiate chooses the representation: the parameter f (json or html) when given, else the
// Accept header, HTML only when the client prefers text/html to every JSON type (a browser);
// JSON otherwise, for GIS clients, scripts and Accept: */*. An f of another value is an error that
// names it.
func Negotiate(f, accept string) (Format, error) {
	switch f {
	case "json":
		return JSON, nil
	case "html":
		return HTML, nil
	case "":
	default:
		return JSON, paramError("f", f, "f %q: give json or html", f)
	}
	html, json := -1.0, -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(s, 64); err != nil || q < 0 || q > 1 {
				continue
			}
		}
		switch {
		case mt == "text/html" || mt == "application/xhtml+xml":
			html = max(html, q)
		case mt == "application/json" || strings.HasSuffix(mt, "+json"):
			json = max(json, q)
		case mt == "*/*" || mt == "application/*":
			json = max(json, q)
			if mt == "*/*" {
				html = max(html, q)
			}
		case mt == "text/*":
			html = max(html, q)
		}
	}
	if html > 0 && html > json {
		return HTML, nil
	}
	return JSON, nil
}

// paramError is the error of the parameter name, whose value is value: of kind Invalid, with a
// message for users that names the parameter.
func paramError(name, value, format string, args ...any) *viewquery.ParamError {
	return &viewquery.ParamError{Param: name, Value: value, Err: report.Errorf(report.Invalid, format, args...)}
}
