package report

import (
	"slices"
	"strings"
)

// QueryableType is the type of a queryable's values.
type QueryableType string

const (
	QueryString  QueryableType = "string"
	QueryInteger QueryableType = "integer"
	QueryNumber  QueryableType = "number"
	QueryBoolean QueryableType = "boolean"
	// QueryDate is a Date: a day, month or year, or a range of them, as ISO 8601 text (in JSON Schema,
	// a string of format date). Comparisons and the temporal operators read it as the days it covers.
	QueryDate QueryableType = "date"
	// QueryGeometry is a point, a GeoJSON Point; the spatial operators apply to it.
	QueryGeometry QueryableType = "geometry"
)

// Queryable is a property of events that a filter may use: one of the properties of the events'
// GeoJSON features, or their geometry.
type Queryable struct {
	Name        string
	Type        QueryableType
	Description string
	Enum        []string // the only values it takes, when they are few
	// Nullable is set when an event may lack the value (an empty string, an unknown date): IS NULL
	// holds for such an event, any other predicate on the value is unknown.
	Nullable bool
}

var queryables = []Queryable{
	{Name: "name", Type: QueryString, Description: "The place's name in the gazetteer."},
	{Name: "geonameid", Type: QueryInteger, Description: "The place's GeoNames id."},
	{Name: "kind", Type: QueryString, Enum: []string{string(KindPlace), string(KindAdmin), string(KindCountry), string(KindRegion)},
		Description: "How big a place it is: a town or other place, a first- or second-level division, a country, a region."},
	{Name: "feature_code", Type: QueryString, Description: "The place's GeoNames feature code: PPLC, PPLA, ADM1, PCLI, RGN..."},
	{Name: "country_code", Type: QueryString, Description: "The place's country, ISO 3166-1 alpha-2 in capitals."},
	{Name: "admin1", Type: QueryString, Nullable: true, Description: "The place's first-level division, a GeoNames admin1 code."},
	{Name: "text", Type: QueryString, Description: "The place's name as the report writes it."},
	{Name: "confidence", Type: QueryNumber, Description: "How sure the geoparser is of the place, 0 to 1; 1 for a place chosen by hand."},
	{Name: "corrected", Type: QueryBoolean, Description: "Whether a reader chose the place by hand."},
	{Name: "report_id", Type: QueryString, Description: "The id of the report that mentions the place."},
	{Name: "title", Type: QueryString, Nullable: true, Description: "The report's title."},
	{Name: "source", Type: QueryString, Nullable: true, Description: "The report's source."},
	{Name: "url", Type: QueryString, Nullable: true, Description: "The report's address."},
	{Name: "lang", Type: QueryString, Nullable: true, Description: "The report's language, an ISO 639-1 code."},
	{Name: "published", Type: QueryDate, Nullable: true, Description: "The report's date: a day, month or year."},
	{Name: "date", Type: QueryDate, Nullable: true,
		Description: "The date of the event the sentence reports: a day, month or year, or a range of them."},
	{Name: "geometry", Type: QueryGeometry, Description: "The place's point, longitude and latitude."},
}

// Queryables returns the properties of events that a filter may use, in a fixed order.
func Queryables() []Queryable {
	qs := slices.Clone(queryables)
	for i := range qs {
		qs[i].Enum = slices.Clone(qs[i].Enum)
	}
	return qs
}

// QueryableNamed returns the queryable of that name, exactly.
func QueryableNamed(name string) (Queryable, bool) {
	for _, q := range queryables {
		if q.Name == name {
			return q, true
		}
	}
	return Queryable{}, false
}

// unknownProperty is the error for a property that is no queryable.
func unknownProperty(name string) error {
	for _, q := range queryables {
		if strings.EqualFold(q.Name, name) {
			return Errorf(Invalid, "filter: unknown property %q: did you mean %q?", name, q.Name)
		}
	}
	names := make([]string, len(queryables))
	for i, q := range queryables {
		names[i] = q.Name
	}
	return Errorf(Invalid, "filter: unknown property %q: the queryables are %s", name, strings.Join(names, ", "))
}
