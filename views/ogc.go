package views

import (
	"context"
	"fmt"
	"strings"

	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/internal/report"
)

// OGCLanding is the HTML of the OGC API's landing page, /ogc.
type OGCLanding struct {
	Head        Head
	Title       string
	Description string
	Links       []ogc.Link
}

// OGCConformance is the HTML of /ogc/conformance: the conformance classes.
type OGCConformance struct {
	Head    Head
	Classes []string
	Links   []ogc.Link
}

// OGCCollection is one collection, on the list of collections and on its own page.
type OGCCollection struct {
	ID, Title, Description string
	URL                    string // the collection's HTML page
	ItemsURL               string // its items' HTML page
	QueryablesURL          string // its queryables' HTML page
	// BBox is the extent of its features, west,south,east,north; empty when it has none.
	BBox string
	// From and To are the first and the last day of its features' dates; zero when none is dated.
	From, To report.Date
	Links    []ogc.Link
}

// OGCCollections is the HTML of /ogc/collections.
type OGCCollections struct {
	Head        Head
	Collections []OGCCollection
	Links       []ogc.Link
}

// OGCCollectionPage is the HTML of /ogc/collections/{id}.
type OGCCollectionPage struct {
	Head       Head
	Collection OGCCollection
}

// OGCFeature is an event as the HTML of the items lists it and its own page shows it.
type OGCFeature struct {
	ID       int64
	URL      string // its own HTML page
	Lon, Lat float64
	Country  string
	Event    EventItem
}

// OGCPlace is a place of the places collection, as the HTML of its items lists it and its own
// page shows it: where the events selected lie, and how many they are.
type OGCPlace struct {
	ID                         int64
	URL                        string // its own HTML page
	Name, Kind, Country, Admin string
	FeatureCode                string
	Population                 int64
	Lon, Lat                   float64
	Events                     int
	// From and To are the first and the last day of its events' dates; zero when none is dated.
	From, To report.Date
}

// OGCReport is a report of the reports collection, as the HTML of its items lists it and its own
// page shows it.
type OGCReport struct {
	ID                        string
	URL                       string // its own HTML page
	Title, Source, Lang, Link string // Link is the report's own address
	Published                 report.Date
	Mentions                  int // the places it mentions
}

// OGCItems is the HTML of /ogc/collections/{id}/items: one page of its features, events, places
// or reports (one of Features, Places and Reports is set).
type OGCItems struct {
	Head                     Head
	Collection               string // its title
	CollectionURL            string
	Matched, Returned, Limit int
	Features                 []OGCFeature
	Places                   []OGCPlace
	Reports                  []OGCReport
	Next, Prev               string // the HTML of the next and previous pages, or empty
	// The filter's parameters as the request wrote them, for the form.
	BBox, Datetime, Q, Filter, FilterLang string
	QueryablesURL                         string // the HTML page of what a filter may name
	Links                                 []ogc.Link
}

// OGCQueryables is the HTML of /ogc/collections/{id}/queryables: the properties a filter may name.
type OGCQueryables struct {
	Head                    Head
	Collection              string // its title
	CollectionURL, ItemsURL string
	Queryables              []OGCQueryable
	Links                   []ogc.Link
}

// OGCQueryable is one property a filter may name.
type OGCQueryable struct {
	Name, Title, Type, Description string
	Enum                           []string
}

// OGCFeaturePage is the HTML of /ogc/collections/{id}/items/{featureId}.
type OGCFeaturePage struct {
	Head          Head
	Collection    string
	CollectionURL string
	Feature       OGCFeature
	Links         []ogc.Link
}

// OGCPlacePage is the HTML of /ogc/collections/places/items/{featureId}.
type OGCPlacePage struct {
	Head          Head
	Collection    string
	CollectionURL string
	Place         OGCPlace
	Links         []ogc.Link
}

// OGCReportPage is the HTML of /ogc/collections/reports/items/{featureId}.
type OGCReportPage struct {
	Head          Head
	Collection    string
	CollectionURL string
	Report        OGCReport
	Links         []ogc.Link
}

// APIDoc is the readable page of the OpenAPI document, /api?f=html.
type APIDoc struct {
	Head        Head
	Title       string
	Version     string
	Description string
	JSONURL     string // the OpenAPI document itself
	Operations  []APIOperation
}

// APIOperation is one method on one path of the API.
type APIOperation struct {
	Method, Path         string // GET, /ogc/collections/{collectionId}/items (the full path)
	Summary, Description string
	Parameters           []APIParameter
	Responses            []APIResponse
}

// APIParameter is a parameter of an operation.
type APIParameter struct {
	Name, In, Type, Description string
	Required                    bool
}

// APIResponse is a response of an operation.
type APIResponse struct {
	Status, Description string
	Types               []string // media types
}

// apiAnchor is the id of an operation's section: get-ogc-collections-collectionId-items.
func apiAnchor(op APIOperation) string {
	b := []byte(strings.ToLower(op.Method))
	for _, r := range op.Path {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b = append(b, byte(r))
		case r == '/':
			b = append(b, '-')
		}
	}
	return strings.TrimRight(string(b), "-")
}

// ogcFrench translates the messages of the OGC API's pages that the site's catalogue (i18n.go)
// does not have; ogcT looks here first, then there.
var ogcFrench = map[string]string{
	"Links":       "Liens",
	"Conformance": "Conformité",
	"This API implements these conformance classes of OGC API - Features and CQL2:": "Cette API met en œuvre ces classes de conformité d’OGC API - Features et de CQL2 :",
	"Spatial extent (west, south, east, north)":                                     "Étendue spatiale (ouest, sud, est, nord)",
	"Temporal extent":                     "Étendue temporelle",
	"none yet":                            "aucune pour l’instant",
	"Collections":                         "Collections",
	"Browse the features":                 "Parcourir les entités",
	"%d features match; %d on this page.": "%d entités correspondent ; %d sur cette page.",
	"No feature on this page.":            "Aucune entité sur cette page.",
	"Sentence":                            "Phrase",
	"Report":                              "Article",
	"Previous page":                       "Page précédente",
	"Next page":                           "Page suivante",
	"The collection":                      "La collection",
	"Point (longitude, latitude)":         "Point (longitude, latitude)",
	"The OpenAPI 3.0 document (JSON)":     "Le document OpenAPI 3.0 (JSON)",
	"Operations":                          "Opérations",
	"Parameter":                           "Paramètre",
	"In":                                  "Dans",
	"Type":                                "Type",
	"Description":                         "Description",
	"required":                            "obligatoire",
	"Responses":                           "Réponses",
	"Queryables":                          "Propriétés filtrables",
	"What a filter may name":              "Ce qu’un filtre peut nommer",
	"Property":                            "Propriété",
	"Values":                              "Valeurs",
	"Reports":                             "Articles",
	"Kind":                                "Type",
	"Published":                           "Publié",
	"Places mentioned":                    "Lieux cités",
	"First and last dates":                "Premières et dernières dates",
	"The place's page":                    "La page du lieu",
	"The report's page":                   "La page de l’article",
	"Population":                          "Population",
	"Address":                             "Adresse",
	"A filter names these properties of the events, in CQL2 text (the parameter filter) or CQL2 JSON (with filter-lang=cql2-json), for instance:": "Un filtre nomme ces propriétés des événements, en CQL2 texte (le paramètre filter) ou CQL2 JSON (avec filter-lang=cql2-json), par exemple :",
}

// OGCT translates a message of the OGC API's pages into the locale l.
func (l Locale) OGCT(msg string) string {
	if l.Lang == "fr" {
		if s, ok := ogcFrench[msg]; ok {
			return s
		}
	}
	return l.T(msg)
}

func otr(ctx context.Context, msg string) string { return LocaleOf(ctx).OGCT(msg) }

func otrf(ctx context.Context, format string, args ...any) string {
	return fmt.Sprintf(otr(ctx, format), args...)
}
