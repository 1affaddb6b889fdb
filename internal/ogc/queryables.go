package ogc

import (
	"github.com/datelinehq/dateline/internal/report"
)

// MediaSchema is the media type of a JSON Schema, the queryables' document.
const MediaSchema = "application/schema+json"

// RelQueryables is the relation of a link to a collection's queryables (Part 3).
const RelQueryables = "http://www.opengis.net/def/rel/ogc/1.0/queryables"

// JSONSchema2020 is the dialect of the queryables' document.
const JSONSchema2020 = "https://json-schema.org/draft/2020-12/schema"

// GeoJSONPoint is the schema of a GeoJSON Point, which the geometry's queryable refers to.
const GeoJSONPoint = "https://geojson.org/schema/Point.json"

// Queryables is the document of a collection's queryables: a JSON Schema (2020-12) of an object
// whose properties are those a filter may name, and no other (Part 3, /req/queryables).
type Queryables struct {
	Schema               string                   `json:"$schema"`
	ID                   string                   `json:"$id"`
	Type                 string                   `json:"type"`
	Title                string                   `json:"title,omitempty"`
	Description          string                   `json:"description,omitempty"`
	Properties           map[string]QueryableProp `json:"properties"`
	AdditionalProperties bool                     `json:"additionalProperties"`
}

// QueryableProp is the schema of one queryable.
type QueryableProp struct {
	Ref         string   `json:"$ref,omitempty"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Type        string   `json:"type,omitempty"`
	Format      string   `json:"format,omitempty"`
	Enum        []string `json:"enum,omitempty"`
}

// queryableTitles are the queryables' short names, for people.
var queryableTitles = map[string]string{
	"name": "Place", "geonameid": "GeoNames id", "kind": "Kind of place", "feature_code": "Feature code",
	"country_code": "Country", "admin1": "First-level division", "text": "Name in the report",
	"confidence": "Confidence", "corrected": "Corrected", "report_id": "Report id", "title": "Report title",
	"source": "Source", "url": "Report address", "lang": "Language", "published": "Report date",
	"date": "Event date", "geometry": "Point",
}

// QueryableTitle is a queryable's short name, for people: its name when it has none.
func QueryableTitle(name string) string {
	if t, ok := queryableTitles[name]; ok {
		return t
	}
	return name
}

// QueryableSchema is the JSON Schema of a queryable: its type in JSON Schema's words, a date as
// a string of format date (an event's date is at most as precise as a day), the geometry as a
// GeoJSON Point of format geometry-point.
func QueryableSchema(q report.Queryable) QueryableProp {
	p := QueryableProp{Title: QueryableTitle(q.Name), Description: q.Description, Enum: q.Enum}
	switch q.Type {
	case report.QueryDate:
		p.Type, p.Format = "string", "date"
	case report.QueryGeometry:
		p.Ref, p.Format = GeoJSONPoint, "geometry-point"
	default:
		p.Type = string(q.Type)
	}
	if q.Nullable {
		p.Description += " It may be missing: IS NULL holds then, and every other condition on it is unknown."
	}
	return p
}

// EventQueryables is the queryables' document of the events, whose URI is id.
func EventQueryables(id string) Queryables {
	doc := Queryables{Schema: JSONSchema2020, ID: id, Type: "object", Title: "Events",
		Description: "The properties of events that a filter (CQL2 text or JSON) may name.",
		Properties:  map[string]QueryableProp{}}
	for _, q := range report.Queryables() {
		doc.Properties[q.Name] = QueryableSchema(q)
	}
	return doc
}
