package web

import (
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// The OpenAPI 3.0 document of the API (the oas30 conformance class), at GET /api: the OGC API
// under /ogc and Dateline's own API under /api. Its top-level server is the OGC API's landing
// page, so that its paths are the standard's (/collections/{collectionId}/items, where GDAL
// looks for the parameters it may send); the paths of /api name the site itself as their server.
// TestOpenAPIMatchesRoutes checks it against the routes.

type apiDoc struct {
	OpenAPI    string              `json:"openapi"`
	Info       apiInfo             `json:"info"`
	Servers    []apiServer         `json:"servers"`
	Paths      map[string]*apiPath `json:"paths"`
	Components apiComponents       `json:"components"`
}

type apiInfo struct {
	Title       string     `json:"title"`
	Version     string     `json:"version"`
	Description string     `json:"description"`
	License     apiLicense `json:"license"`
}

type apiLicense struct {
	Name string `json:"name"`
}

type apiServer struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

type apiPath struct {
	Servers []apiServer   `json:"servers,omitempty"`
	Get     *apiOperation `json:"get,omitempty"`
	Post    *apiOperation `json:"post,omitempty"`
	Delete  *apiOperation `json:"delete,omitempty"`
}

type apiOperation struct {
	Summary     string                 `json:"summary"`
	Description string                 `json:"description,omitempty"`
	OperationID string                 `json:"operationId"`
	Tags        []string               `json:"tags"`
	Parameters  []apiParameter         `json:"parameters,omitempty"`
	RequestBody *apiRequestBody        `json:"requestBody,omitempty"`
	Responses   map[string]apiResponse `json:"responses"`
}

type apiParameter struct {
	Name        string `json:"name"`
	In          string `json:"in"`
	Description string `json:"description"`
	Required    bool   `json:"required,omitempty"`
	Style       string `json:"style,omitempty"`
	Explode     *bool  `json:"explode,omitempty"`
	Schema      schema `json:"schema"`
}

type apiRequestBody struct {
	Description string              `json:"description"`
	Required    bool                `json:"required"`
	Content     map[string]apiMedia `json:"content"`
}

type apiResponse struct {
	Description string              `json:"description"`
	Content     map[string]apiMedia `json:"content,omitempty"`
}

type apiMedia struct {
	Schema schema `json:"schema,omitempty"`
}

type apiComponents struct {
	Schemas map[string]schema `json:"schemas"`
}

// schema is a JSON Schema as OpenAPI 3.0 writes it.
type schema map[string]any

func ref(name string) schema { return schema{"$ref": "#/components/schemas/" + name} }

func typed(t, description string) schema {
	s := schema{"type": t}
	if description != "" {
		s["description"] = description
	}
	return s
}

func object(required []string, properties map[string]schema) schema {
	s := schema{"type": "object", "properties": properties}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func array(items schema) schema { return schema{"type": "array", "items": items} }

func enum(description string, values ...string) schema {
	return schema{"type": "string", "enum": values, "description": description}
}

func query(name, description string, s schema) apiParameter {
	return apiParameter{Name: name, In: "query", Description: description, Schema: s}
}

func pathParam(name, description string) apiParameter {
	return apiParameter{Name: name, In: "path", Description: description, Required: true, Schema: typed("string", "")}
}

// collectionsDescription describes the parameter collectionId.
const collectionsDescription = "The collection: events, places or reports."

// fParam is the representation's parameter of an OGC resource.
var fParam = query("f", "The representation: json (GeoJSON for features, OpenAPI JSON for /api) or html. Without it, the Accept header chooses; JSON unless the client prefers text/html.",
	enum("", "json", "html"))

var uiParam = query("ui", "The language of an HTML page's interface: en or fr.", enum("", "en", "fr"))

// ogcResponses are the responses of an OGC resource whose JSON is jsonType and schema.
func ogcResponses(what string, jsonType string, s schema, notFound bool) map[string]apiResponse {
	r := map[string]apiResponse{
		"200": {Description: what + ". An ETag comes with it: If-None-Match is answered 304 Not Modified. Its links are also Link headers.",
			Content: map[string]apiMedia{jsonType: {Schema: s}, ogc.MediaHTML: {Schema: typed("string", "")}}},
		"304": {Description: "Not modified: If-None-Match holds the document's ETag."},
		"400": {Description: "An unknown, repeated or malformed query parameter; the error names it.",
			Content: map[string]apiMedia{ogc.MediaJSON: {Schema: ref("exception")}}},
	}
	if notFound {
		r["404"] = apiResponse{Description: "No such collection or feature.", Content: map[string]apiMedia{ogc.MediaJSON: {Schema: ref("exception")}}}
	}
	return r
}

// jsonResponse is a JSON response of Dateline's own API.
func jsonResponse(description string, s schema) apiResponse {
	return apiResponse{Description: description, Content: map[string]apiMedia{mimeJSON: {Schema: s}}}
}

var errorResponse = jsonResponse("An error: its message for users and the request's id.", ref("error"))

// apiDocument builds the document for the server at base.
func apiDocument(base string) apiDoc {
	itemsParams := []apiParameter{
		pathParam("collectionId", collectionsDescription),
		{Name: "bbox", In: "query", Style: "form", Explode: new(false),
			Description: "Events whose place lies in the box (places: those of such events; reports: those with such an event) minLon,minLat,maxLon,maxLat (CRS84), or minLon,minLat,minHeight,maxLon,maxLat,maxHeight (heights ignored). A box whose minLon is greater than its maxLon crosses the antimeridian.",
			Schema:      schema{"type": "array", "minItems": 4, "maxItems": 6, "items": typed("number", "")}},
		query("datetime", "Events whose date intersects an instant or an interval, both ends included: an RFC 3339 date-time (2017-11-16T10:00:00Z), "+
			"or an interval of two, either end open with .. (2017-10-01T00:00:00Z/2017-11-30T23:59:59Z, ../2017-11-30T00:00:00Z, 2017-10-01T00:00:00Z/..). "+
			"Extension: a date at any precision stands for its whole day, month or year, alone or as an end (2017-11-16, 2017-11, 2017, 2017-10/2017-11, ../2017-11-30). "+
			"Undated events match no datetime. Places: those of such events, counted; reports: those whose published date intersects it.", typed("string", "")),
		query("limit", "The most features a page holds: 100 unless given. A limit above 10000 is taken as 10000 (no error); one below 1 is an error.",
			schema{"type": "integer", "minimum": 1, "maximum": ogc.MaxLimit, "default": ogc.DefaultLimit}),
		query("filter", "Events and places (the places of the events it selects), not reports: a condition on the events' queryables (GET /collections/events/queryables), in CQL2 (OGC 21-065): text unless filter-lang says json. "+
			"Comparisons (=, <>, <, <=, >, >=), AND, OR, NOT, LIKE, IN, BETWEEN, IS [NOT] NULL; T_INTERSECTS, T_DISJOINT, T_DURING, T_CONTAINS, T_BEFORE and T_AFTER "+
			"on DATE, TIMESTAMP and INTERVAL (an end may be '..'); S_INTERSECTS, S_DISJOINT and S_WITHIN on BBOX, POINT, POLYGON and MULTIPOLYGON. "+
			"An event lacking a property (an undated event, a report without a source) satisfies only IS NULL on it. "+
			"It selects together with (AND) every other parameter. A filter that cannot be read or does not type-check is a 400 that says where (offset and token, or JSON path) and why. "+
			"Example: country_code IN ('SY', 'IQ') AND T_INTERSECTS(date, INTERVAL('2017-10-01', '2017-11-30')).", typed("string", "")),
		query("filter-lang", "Events and places: the language of filter: cql2-text (the default) or cql2-json.", schema{"type": "string", "enum": []string{ogc.CQL2Text, ogc.CQL2JSON}, "default": ogc.CQL2Text}),
		query("filter-crs", "Events and places: the CRS of the filter's geometries: CRS84 (longitude, latitude), the only one.", schema{"type": "string", "format": "uri", "enum": []string{ogc.CRS84}, "default": ogc.CRS84}),
		query("after", "The cursor of the next page, from its link: the features after it. Pages are keyset pages (events by date and id, places by GeoNames id, reports newest first), "+
			"so following next to the end gives each feature once, while reports are added too.", typed("string", "")),
		query("before", "The cursor of the previous page, from its link: the limit features before it.", typed("string", "")),
		query("q", "Words that must all occur in the report's title or text; \"a phrase\" and prefix* work.", typed("string", "")),
		query("geonameid", "Events and places: the place's GeoNames id.", schema{"type": "integer", "minimum": 1}),
		query("country_code", "Events and places: the place's country, its ISO 3166-1 alpha-2 code, or its name.", typed("string", "")),
		query("source", "The report's source.", typed("string", "")),
		query("lang", "The report's language (ISO 639-1).", typed("string", "")),
		query("report_id", "Events and places: the report's id.", typed("string", "")),
		fParam, uiParam,
	}
	ogcOp := func(id, summary, description string, params []apiParameter, responses map[string]apiResponse) *apiPath {
		return &apiPath{Get: &apiOperation{Summary: summary, Description: description, OperationID: id, Tags: []string{"OGC API - Features"},
			Parameters: params, Responses: responses}}
	}
	site := []apiServer{{URL: base, Description: "Dateline"}}
	apiOp := func(id, summary, description string, params []apiParameter, responses map[string]apiResponse) *apiOperation {
		return &apiOperation{Summary: summary, Description: description, OperationID: id, Tags: []string{"Dateline"}, Parameters: params, Responses: responses}
	}
	dates := []apiParameter{
		query("from", "The first date of the range, at any precision (2017, 2017-10, 2017-10-03), included.", typed("string", "")),
		query("to", "The last date of the range, at any precision, included.", typed("string", "")),
	}
	eventsParams := append([]apiParameter{
		query("bbox", "Events whose place lies in the box minLon,minLat,maxLon,maxLat; minLon greater than maxLon crosses the antimeridian.", typed("string", "")),
	}, dates...)
	eventsParams = append(eventsParams,
		query("q", "Words of the report's title or text.", typed("string", "")),
		query("place", "The place's GeoNames id.", schema{"type": "integer", "minimum": 1}),
		query("country", "The place's country: ISO 3166-1 alpha-2 code or name.", typed("string", "")),
		query("source", "The report's source.", typed("string", "")),
		query("lang", "The report's language.", typed("string", "")),
		query("limit", "The most events a page holds (100 unless given; at most 5000).", schema{"type": "integer", "minimum": 0}),
		query("offset", "The events to skip.", schema{"type": "integer", "minimum": 0}),
	)

	doc := apiDoc{
		OpenAPI: "3.0.3",
		Info: apiInfo{Title: "Dateline", Version: "1.0.0", License: apiLicense{Name: "Data: GeoNames CC BY 4.0; reports: their sources'"},
			Description: "Events geoparsed from news reports. OGC API - Features Part 1 (Core; conformance classes core, geojson, html, oas30) " +
				"and Part 3 (Filtering: queryables, and filter in CQL2 text or JSON on the items) at /ogc, and Dateline's own API at /api."},
		Servers: []apiServer{{URL: base + ogcBase, Description: "OGC API - Features"}},
		Paths: map[string]*apiPath{
			"/": ogcOp("getLandingPage", "The landing page", "Links to the API's definition and documentation, the conformance classes and the collections.",
				[]apiParameter{fParam, uiParam}, ogcResponses("The landing page", ogc.MediaJSON, ref("landingPage"), false)),
			"/conformance": ogcOp("getConformance", "The conformance classes", "",
				[]apiParameter{fParam, uiParam}, ogcResponses("The conformance classes this API implements", ogc.MediaJSON, ref("confClasses"), false)),
			"/collections": ogcOp("getCollections", "The collections", "",
				[]apiParameter{fParam, uiParam}, ogcResponses("The collections, each with its extent", ogc.MediaJSON, ref("collections"), false)),
			"/collections/{collectionId}": ogcOp("describeCollection", "A collection", "Its spatial extent (the bound of its features) and temporal extent (the days their dates cover).",
				[]apiParameter{pathParam("collectionId", collectionsDescription), fParam, uiParam},
				ogcResponses("The collection", ogc.MediaJSON, ref("collection"), true)),
			"/collections/{collectionId}/queryables": ogcOp("getQueryables", "The properties a filter may name",
				"A JSON Schema (2020-12) of the collection's queryables: their types, formats, titles, descriptions and values (OGC API - Features Part 3).",
				[]apiParameter{pathParam("collectionId", collectionsDescription), fParam, uiParam},
				ogcResponses("The queryables", ogc.MediaSchema, ref("queryables"), true)),
			"/collections/{collectionId}/items": ogcOp("getFeatures", "A page of the collection's features",
				"The features the filters select, with numberMatched (exact) and numberReturned, and next and prev links that keep every other parameter. "+
					"events: by date then id, undated last. places: the places of the events the parameters select, by GeoNames id, each with how many of them lie there. "+
					"reports: newest published first; they take bbox, datetime, limit, after, q, source and lang, and no other parameter.",
				itemsParams, ogcResponses("A page of features", ogc.MediaGeoJSON, ref("featureCollectionGeoJSON"), true)),
			"/collections/{collectionId}/items/{featureId}": ogcOp("getFeature", "A feature",
				"One event, by its id (the id of the place's mention in its report); one place, by its GeoNames id, with all its events; one report, by its id. "+
					"A featureId that no feature of the collection can have (a text for a place) is a 400.",
				[]apiParameter{pathParam("collectionId", collectionsDescription), pathParam("featureId", "The feature's id."), fParam, uiParam},
				ogcResponses("The feature", ogc.MediaGeoJSON, ref("featureGeoJSON"), true)),
			"/api": {Servers: site, Get: &apiOperation{Summary: "This document", OperationID: "getAPI", Tags: []string{"OGC API - Features"},
				Description: "The API's definition, OpenAPI 3.0; with f=html (or Accept: text/html), a page that documents it.",
				Parameters:  []apiParameter{fParam, uiParam}, Responses: ogcResponses("The API's definition", ogc.MediaOpenAPI, typed("object", ""), false)}},
			"/api/events": {Servers: site, Get: apiOp("listEvents", "Events, as the site's views select them",
				"A GeoJSON FeatureCollection of the events the view's query selects, by date, with numberMatched and numberReturned; paged by limit and offset.",
				eventsParams, map[string]apiResponse{
					"200": {Description: "A page of events.", Content: map[string]apiMedia{mimeGeoJSON: {Schema: ref("featureCollectionGeoJSON")}}},
					"400": errorResponse,
				})},
			"/api/places": {Servers: site, Get: apiOp("searchPlaces", "Places of the gazetteer by the start of their name", "",
				[]apiParameter{
					{Name: "q", In: "query", Required: true, Description: "The start of the place's name, in any language.", Schema: typed("string", "")},
					query("limit", "The most places (10 unless given; at most 50).", schema{"type": "integer", "minimum": 0}),
				}, map[string]apiResponse{"200": jsonResponse("The places.", object(nil, map[string]schema{"places": array(ref("place"))})), "400": errorResponse})},
			"/api/reports": {Servers: site,
				Get: apiOp("listReports", "Reports, newest first", "A page of reports without their mentions; next is the cursor of the following page, prev of the page before.",
					append(dates, query("limit", "The most reports (50 unless given; at most 500).", schema{"type": "integer", "minimum": 0}),
						query("cursor", "The next of the previous page.", typed("string", "")),
						query("before", "The prev of the following page: the page is the limit reports before it (not with cursor).", typed("string", "")),
						query("bbox", "minLon,minLat,maxLon,maxLat: the reports with an event inside the box (west > east crosses the antimeridian).", typed("string", "")),
						query("q", "Words of the reports: \"a phrase\", prefix*.", typed("string", "")),
						query("source", "The reports of this source.", typed("string", "")),
						query("lang", "The reports in this language (ISO 639-1).", typed("string", ""))),
					map[string]apiResponse{"200": jsonResponse("A page of reports.", object(nil, map[string]schema{"reports": array(ref("report")), "next": typed("string", ""), "prev": typed("string", "")})), "400": errorResponse}),
				Post: &apiOperation{Summary: "Add reports", OperationID: "createReports", Tags: []string{"Dateline"},
					Description: "One report (JSON, plain text with an optional date line, or an HTML article) is answered 201 with its id and its places as GeoJSON, " +
						"or 200 when its content or its Idempotency-Key was seen before. A batch (JSON Lines, an RSS or Atom feed, or files as multipart/form-data) is answered 200, or 207 when some records were rejected. " +
						"A server with a write token wants it as Authorization: Bearer TOKEN.",
					Parameters: []apiParameter{{Name: "Idempotency-Key", In: "header", Description: "A key that stores the report once, however often it is sent.", Schema: typed("string", "")}},
					RequestBody: &apiRequestBody{Description: "The report, or a batch.", Required: true, Content: map[string]apiMedia{
						mimeJSON: {Schema: ref("newReport")}, "text/plain": {}, "text/html": {}, "application/x-ndjson": {},
						"application/rss+xml": {}, "application/atom+xml": {}, "multipart/form-data": {},
					}},
					Responses: map[string]apiResponse{
						"201": jsonResponse("The report, stored.", ref("reportWithPlaces")),
						"200": jsonResponse("The report stored before, or a batch's outcome.", schema{}),
						"207": jsonResponse("A batch, some of whose records were rejected.", schema{}),
						"401": errorResponse, "413": errorResponse, "415": errorResponse, "422": errorResponse,
					}},
			},
			"/api/geoparse": {Servers: site, Post: &apiOperation{Summary: "Geoparse a text, storing nothing", OperationID: "geoparse", Tags: []string{"Dateline"},
				Description: "The places and dates of one report (as POST /api/reports reads it: JSON {text, date, lang, ...} or {url}, plain text, or an HTML article), " +
					"as the FeatureCollection `dateline geoparse` writes: every mention with its place, date, sentence and the other candidates. Nothing is stored; " +
					"the limits and errors are ingest's. A read: a read-only token may make it.",
				RequestBody: &apiRequestBody{Description: "The report.", Required: true, Content: map[string]apiMedia{
					mimeJSON: {Schema: ref("newReport")}, "text/plain": {}, "text/html": {},
				}},
				Responses: map[string]apiResponse{
					"200": {Description: "Its places and dates.", Content: map[string]apiMedia{mimeGeoJSON: {Schema: ref("featureCollectionGeoJSON")}}},
					"400": errorResponse, "401": errorResponse, "413": errorResponse, "415": errorResponse, "422": errorResponse,
				}}},
			"/export/events.{format}": {Servers: site, Get: apiOp("exportEvents", "Every event of a view, as a file",
				"The events the view's query selects (the parameters of /api/events; limit keeps the first ones, offset is ignored), streamed in the order of the list: "+
					"GeoJSON (a FeatureCollection), GeoJSON Lines (a Feature a line), CSV (lon, lat and WKT columns, the sentence, the date with its precision and first and last days) "+
					"or KML (a Placemark an event with a TimeSpan, for Google Earth's time slider). Sent as an attachment, dateline-events.FORMAT.",
				append([]apiParameter{{Name: "format", In: "path", Required: true, Description: "The file's format.", Schema: enum("", "geojson", "geojsonl", "csv", "kml")}}, eventsParams...),
				map[string]apiResponse{
					"200": {Description: "The file.", Content: map[string]apiMedia{mimeGeoJSON: {}, "application/x-ndjson": {}, "text/csv": {}, "application/vnd.google-earth.kml+xml": {}}},
					"400": errorResponse,
				})},
			"/tiles/events.json": {Servers: site, Get: apiOp("eventTilesJSON", "The TileJSON of a view's event tiles",
				"TileJSON 3.0.0 for MapLibre, OpenLayers or QGIS: the URL template of the view's vector tiles, with its query, and their one layer, events.",
				eventsParams, map[string]apiResponse{"200": jsonResponse("The TileJSON document.", typed("object", "")), "400": errorResponse})},
			"/tiles/events/{z}/{x}/{y}": {Servers: site, Get: apiOp("eventTile", "A vector tile of a view's events",
				"A Mapbox Vector Tile (web mercator, XYZ scheme) of one layer, events: the view's events inside the tile in clusters of 16 of its pixels, "+
					"each a point with count, and geonameid, name and kind when it holds one place, report_id, title and date when it holds one event.",
				append([]apiParameter{
					{Name: "z", In: "path", Required: true, Description: "The zoom, 0 to 20.", Schema: schema{"type": "integer", "minimum": 0, "maximum": tileMaxZoom}},
					{Name: "x", In: "path", Required: true, Description: "The column.", Schema: schema{"type": "integer", "minimum": 0}},
					{Name: "y", In: "path", Required: true, Description: "The row, then .mvt (12.mvt).", Schema: schema{"type": "string", "pattern": "^[0-9]+\\.mvt$"}},
				}, eventsParams...),
				map[string]apiResponse{"200": {Description: "The tile.", Content: map[string]apiMedia{mimeMVT: {}}}, "400": errorResponse})},
			"/api/reports/{id}": {Servers: site,
				Get: apiOp("getReport", "A report and its places", "",
					[]apiParameter{pathParam("id", "The report's id."), query("f", "json: the report and its places; geojson: its places alone.", enum("", "json", "geojson"))},
					map[string]apiResponse{
						"200": {Description: "The report.", Content: map[string]apiMedia{mimeJSON: {Schema: ref("reportWithPlaces")}, mimeGeoJSON: {Schema: ref("featureCollectionGeoJSON")}}},
						"404": errorResponse,
					}),
				Delete: &apiOperation{Summary: "Delete a report", OperationID: "deleteReport", Tags: []string{"Dateline"},
					Parameters: []apiParameter{pathParam("id", "The report's id.")},
					Responses:  map[string]apiResponse{"204": {Description: "Deleted."}, "404": errorResponse, "413": errorResponse}},
			},
		},
		Components: apiComponents{Schemas: apiSchemas()},
	}
	return doc
}

// apiSchemas are the schemas the document refers to.
func apiSchemas() map[string]schema {
	link := object([]string{"href", "rel"}, map[string]schema{
		"href": typed("string", ""), "rel": typed("string", ""), "type": typed("string", ""), "title": typed("string", ""),
	})
	links := array(ref("link"))
	point := object([]string{"type", "coordinates"}, map[string]schema{
		"type": enum("", "Point"), "coordinates": schema{"type": "array", "minItems": 2, "maxItems": 2, "items": typed("number", "")},
	})
	str := func(d string) schema { return typed("string", d) }
	props := object(nil, map[string]schema{
		"name":           str("The place's name in the gazetteer."),
		"geonameid":      typed("integer", "The place's GeoNames id."),
		"kind":           enum("How big a thing the place is.", "place", "admin", "country", "region"),
		"feature_code":   str("The place's GeoNames feature code."),
		"country_code":   str("The place's country, ISO 3166-1 alpha-2."),
		"admin1":         str("The place's first-level division, GeoNames' code."),
		"population":     typed("integer", "The place's population, GeoNames'."),
		"text":           str("The place's name as the sentence writes it."),
		"sentence":       str("The sentence that mentions the place."),
		"start":          typed("integer", "Where text starts in sentence, in code points."),
		"end":            typed("integer", "Where text ends in sentence, in code points."),
		"date":           str("The event's date at its precision: 2017, 2017-11, 2017-11-16, or a range of such (2017-10-03/2017-10-05)."),
		"date_precision": enum("The precision of date.", "year", "month", "day"),
		"date_start":     schema{"type": "string", "format": "date", "description": "The first day of date."},
		"date_end":       schema{"type": "string", "format": "date", "description": "The last day of date."},
		"confidence":     typed("number", "How sure the geoparser is of the place, 0 to 1."),
		"corrected":      typed("boolean", "A reader chose the place by hand."),
		"report_id":      str("The report's id."),
		"title":          str("The report's title."),
		"url":            str("The report's address."),
		"source":         str("The report's source."),
		"lang":           str("The report's language."),
		"published":      str("The report's date."),
	})
	multiPoint := object([]string{"type", "coordinates"}, map[string]schema{
		"type": enum("", "MultiPoint"), "coordinates": array(schema{"type": "array", "minItems": 2, "maxItems": 2, "items": typed("number", "")}),
	})
	geometry := schema{"oneOf": []schema{point, multiPoint}, "nullable": true, "description": "A Point (events, places), a MultiPoint or null (reports)."}
	feature := object([]string{"type", "geometry", "properties"}, map[string]schema{
		"type": enum("", "Feature"), "id": schema{"oneOf": []schema{typed("integer", "An event's id, a place's GeoNames id."), typed("string", "A report's id.")}},
		"geometry": geometry, "properties": schema{"oneOf": []schema{ref("eventProperties"), ref("placeProperties"), ref("reportProperties")}}, "links": links,
	})
	dateProp := func(d string) schema { return schema{"type": "string", "format": "date", "description": d} }
	placeProps := object(nil, map[string]schema{
		"geonameid": typed("integer", "The place's GeoNames id."), "name": str("The place's name in the gazetteer."),
		"kind":         enum("How big a thing the place is.", "place", "admin", "country", "region"),
		"feature_code": str("The place's GeoNames feature code."), "country_code": str("The place's country, ISO 3166-1 alpha-2."),
		"admin1": str("The place's first-level division, GeoNames' code."), "population": typed("integer", "The place's population, GeoNames'."),
		"events":     typed("integer", "How many of the events the query selects lie there."),
		"date_start": dateProp("The first day of those events' dates; absent when none is dated."),
		"date_end":   dateProp("The last day of those events' dates; absent when none is dated."),
		"page":       schema{"type": "string", "format": "uri", "description": "The place's page."},
	})
	reportProps := object(nil, map[string]schema{
		"title": str("The report's title."), "source": str("The report's source."), "url": str("The report's address."), "lang": str("The report's language."),
		"published":  str("The report's date at its precision: 2017, 2017-11, 2017-11-16; absent when undated."),
		"date_start": dateProp("The first day of published."), "date_end": dateProp("The last day of published."),
		"mentions": typed("integer", "How many mentions of places it has."),
		"page":     schema{"type": "string", "format": "uri", "description": "The report's page."},
	})
	return map[string]schema{
		"link": link,
		"exception": object([]string{"code"}, map[string]schema{"code": str(""), "description": str(""), "parameter": str("The query parameter the error is about."),
			"offset": schema{"type": "integer", "minimum": 0, "description": "Where the filter's problem lies: the byte offset, from 0."},
			"token":  str("The filter's text at offset."), "path": str("Where the problem of a filter in CQL2 JSON lies: $.args[1]..."),
			"error": str(""), "request_id": str("")}),
		"error": object([]string{"error"}, map[string]schema{"error": str("The message, for users."), "request_id": str("The request's id, which the server's log has.")}),
		"landingPage": object([]string{"links"}, map[string]schema{
			"title": str(""), "description": str(""), "links": links,
		}),
		"confClasses": object([]string{"conformsTo"}, map[string]schema{"conformsTo": array(str("")), "links": links}),
		"extent": object(nil, map[string]schema{
			"spatial": object(nil, map[string]schema{
				"bbox": array(schema{"type": "array", "minItems": 4, "maxItems": 6, "items": typed("number", "")}), "crs": str(""),
			}),
			"temporal": object(nil, map[string]schema{
				"interval": array(schema{"type": "array", "minItems": 2, "maxItems": 2, "items": schema{"type": "string", "format": "date-time", "nullable": true}}),
				"trs":      str(""),
			}),
		}),
		"collection": object([]string{"id", "links"}, map[string]schema{
			"id": str(""), "title": str(""), "description": str(""), "links": links, "extent": ref("extent"),
			"itemType": str(""), "crs": array(str("")),
		}),
		"queryables": object([]string{"$schema", "$id", "type", "properties"}, map[string]schema{
			"$schema": str("The dialect: JSON Schema 2020-12."), "$id": str("The document's URI."), "type": enum("", "object"),
			"title": str(""), "description": str(""),
			"properties":           schema{"type": "object", "additionalProperties": typed("object", "The schema of one queryable: type, format, title, description, enum; the geometry's $ref.")},
			"additionalProperties": typed("boolean", "false: a filter names these properties and no other."),
		}),
		"collections":      object([]string{"links", "collections"}, map[string]schema{"links": links, "collections": array(ref("collection"))}),
		"eventProperties":  props,
		"placeProperties":  placeProps,
		"reportProperties": reportProps,
		"featureGeoJSON":   feature,
		"featureCollectionGeoJSON": object([]string{"type", "features"}, map[string]schema{
			"type": enum("", "FeatureCollection"), "features": array(ref("featureGeoJSON")), "links": links,
			"numberMatched": schema{"type": "integer", "minimum": 0}, "numberReturned": schema{"type": "integer", "minimum": 0},
		}),
		"place": object(nil, map[string]schema{
			"geonameid": typed("integer", ""), "name": str(""), "lat": typed("number", ""), "lon": typed("number", ""),
			"feature_code": str(""), "country_code": str(""), "admin1": str(""), "population": typed("integer", ""),
			"kind": str(""), "label": str(""),
		}),
		"report": object(nil, map[string]schema{
			"id": str(""), "title": str(""), "source": str(""), "url": str(""), "date": str("The report's date, at its precision."),
			"lang": str(""), "text": str(""), "hash": str(""), "created": schema{"type": "string", "format": "date-time"},
		}),
		"newReport": object([]string{"text"}, map[string]schema{
			"text": str("The report's text."), "title": str(""), "source": str(""), "url": str(""), "date": str(""), "lang": str(""),
		}),
		"reportWithPlaces": object(nil, map[string]schema{"id": str(""), "report": ref("report"), "geojson": ref("featureCollectionGeoJSON")}),
	}
}

// apiDocument is GET /api: the OpenAPI document, or its readable page.
func (s *Server) apiDocument(c echo.Context, f ogc.Format) error {
	if err := ogc.CheckCommon(c.QueryParams()); err != nil {
		return err
	}
	doc := apiDocument(baseURL(c))
	links := []ogc.Link{
		{Href: ogcURL(c, "/api", formatQuery(f)), Rel: "self", Type: mediaOf(f, ogc.MediaOpenAPI)},
		{Href: ogcURL(c, "/api", formatQuery(other(f))), Rel: "alternate", Type: mediaOf(other(f), ogc.MediaOpenAPI)},
	}
	return s.ogcSend(c, f, ogc.MediaOpenAPI, doc, views.APIDocView(apiDocView(c, doc)), links)
}

// apiDocView is the document as its page shows it: every operation, by path.
func apiDocView(c echo.Context, doc apiDoc) views.APIDoc {
	v := views.APIDoc{Head: views.Head{Title: "API"}, Title: doc.Info.Title, Version: doc.Info.Version,
		Description: doc.Info.Description, JSONURL: ogcURL(c, "/api", formatQuery(ogc.JSON))}
	base := baseURL(c)
	for _, key := range slices.Sorted(maps.Keys(doc.Paths)) {
		p := doc.Paths[key]
		server := doc.Servers[0].URL
		if len(p.Servers) > 0 {
			server = p.Servers[0].URL
		}
		path := strings.TrimPrefix(server, base) + key
		for _, m := range []struct {
			method string
			op     *apiOperation
		}{{http.MethodGet, p.Get}, {http.MethodPost, p.Post}, {http.MethodDelete, p.Delete}} {
			if m.op == nil {
				continue
			}
			op := views.APIOperation{Method: m.method, Path: path, Summary: m.op.Summary, Description: m.op.Description}
			for _, prm := range m.op.Parameters {
				op.Parameters = append(op.Parameters, views.APIParameter{Name: prm.Name, In: prm.In, Type: schemaType(prm.Schema),
					Description: prm.Description, Required: prm.Required})
			}
			for _, status := range slices.Sorted(maps.Keys(m.op.Responses)) {
				r := m.op.Responses[status]
				op.Responses = append(op.Responses, views.APIResponse{Status: status, Description: r.Description, Types: slices.Sorted(maps.Keys(r.Content))})
			}
			v.Operations = append(v.Operations, op)
		}
	}
	return v
}

// schemaType is a schema's type as the page says it: "integer", "string: json, html", "array of number".
func schemaType(s schema) string {
	t, _ := s["type"].(string)
	if vs, ok := s["enum"].([]string); ok {
		return t + ": " + strings.Join(vs, ", ")
	}
	if t == "array" {
		if items, ok := s["items"].(schema); ok {
			return "array of " + schemaType(items)
		}
	}
	return t
}
