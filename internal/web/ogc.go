package web

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// FeatureStore is what the OGC API - Features resources need of the event store beyond
// EventStore: pages of keyset paging, forward and backward, and one event by its id. The server
// finds it on its EventStore (the SQLite store has it); without it, /ogc's features are a 501.
type FeatureStore interface {
	EventsAfter(ctx context.Context, f report.EventFilter, after report.EventKey, n int) ([]report.Event, error)
	EventsBefore(ctx context.Context, f report.EventFilter, before report.EventKey, n int) ([]report.Event, error)
	GetEvent(ctx context.Context, id int64) (report.Event, error)
}

// ogcBase is the path of the OGC API - Features landing page.
const ogcBase = "/ogc"

// eventsCollection is the id of the collection of events.
const eventsCollection = ogc.Events

// collections are the ids of the collections, in the order /ogc/collections lists them.
var collections = []string{ogc.Events, ogc.Places, ogc.Reports}

// ogcRoutes routes OGC API - Features Part 1 (Core) under /ogc, its conformance classes core,
// geojson, html and oas30, Part 3 (Filtering: the events' queryables, and filter in CQL2 on
// their items), and the API's OpenAPI document at /api. Every resource is JSON and
// HTML (f=json|html, else Accept), sends its links in Link headers too, an ETag (If-None-Match
// is answered 304), and Access-Control-Allow-Origin: *; HEAD is answered as GET.
func (s *Server) ogcRoutes(e *echo.Echo) {
	zip := middleware.GzipWithConfig(middleware.GzipConfig{Level: 6, MinLength: 1024})
	get(e, ogcBase, s.ogcHandler(s.ogcLanding), zip)
	get(e, ogcBase+"/", s.ogcHandler(s.ogcLanding), zip)
	get(e, ogcBase+"/conformance", s.ogcHandler(s.ogcConformance), zip)
	get(e, ogcBase+"/collections", s.ogcHandler(s.ogcCollections), zip)
	get(e, ogcBase+"/collections/:collectionId", s.ogcHandler(s.ogcCollection), zip)
	get(e, ogcBase+"/collections/:collectionId/queryables", s.ogcHandler(s.ogcQueryables), zip)
	get(e, ogcBase+"/collections/:collectionId/items", s.ogcHandler(s.ogcItems), zip)
	get(e, ogcBase+"/collections/:collectionId/items/:featureId", s.ogcHandler(s.ogcItem), zip)
	get(e, "/api", s.ogcHandler(s.apiDocument), zip)
	e.OPTIONS(ogcBase, corsPreflight)
	e.OPTIONS(ogcBase+"/*", corsPreflight)
	e.OPTIONS("/api", corsPreflight)
}

// corsPreflight answers a browser's preflight of a cross-origin read (one that sends
// If-None-Match, say): any origin may read, nobody may write.
func corsPreflight(c echo.Context) error {
	h := c.Response().Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match")
	h.Set("Access-Control-Max-Age", "86400")
	return c.NoContent(http.StatusNoContent)
}

// ogcHandler serves a resource in the representation the request negotiates, with the headers
// every OGC resource sends. An error is answered here, in that representation (JSON, with the
// parameter it names, unless the client asked for HTML); it is still returned, for the log.
func (s *Server) ogcHandler(h func(echo.Context, ogc.Format) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		hd := c.Response().Header()
		hd.Set("Access-Control-Allow-Origin", "*")
		hd.Set("Access-Control-Expose-Headers", "ETag, Link")
		hd.Add("Vary", "Accept")
		format, err := ogc.Negotiate(c.QueryParam("f"), c.Request().Header.Get("Accept"))
		if err == nil {
			err = h(c, format)
		}
		if err != nil && !c.Response().Committed {
			if werr := s.ogcError(c, format, err); werr != nil {
				s.log.Error("web: write error response", "id", requestIDOf(c), "error", werr)
			}
		}
		return err
	}
}

// ogcErrorBody is an error of the OGC API: the standard's exception (code, description), the
// parameter it is about, and the members of the site's other JSON errors.
type ogcErrorBody struct {
	Code        string `json:"code"`
	Description string `json:"description"`
	Parameter   string `json:"parameter,omitempty"`
	// Offset, Token and Path say where a filter's problem lies, when the parser knows: the byte
	// offset in the filter and the text found there, or the path in CQL2 JSON.
	Offset    *int   `json:"offset,omitempty"`
	Token     string `json:"token,omitempty"`
	Path      string `json:"path,omitempty"`
	Error     string `json:"error"`
	RequestID string `json:"request_id"`
}

// ogcError answers err: its status and message for users (see userError), as JSON or HTML.
func (s *Server) ogcError(c echo.Context, format ogc.Format, err error) error {
	status, msg := userError(c.Request(), err)
	c.Response().Header().Del("Link")
	id := requestIDOf(c)
	if format == ogc.HTML {
		return render(c, status, views.ErrorView(views.ErrorPage{Status: status, Message: msg.In(locale(c)), RequestID: id}))
	}
	body := ogcErrorBody{Description: msg.String(), Error: msg.String(), RequestID: id}
	body.Parameter, _ = ogc.ParamOf(err)
	var fe *ogc.FilterError
	if errors.As(err, &fe) {
		if fe.Offset >= 0 {
			body.Offset = &fe.Offset
		}
		body.Token, body.Path = fe.Token, fe.Path
	}
	switch {
	case body.Parameter != "":
		body.Code = "InvalidParameterValue"
	case status == http.StatusNotFound:
		body.Code = "NotFound"
	case status < 500:
		body.Code = "InvalidRequest"
	default:
		body.Code = "ServerError"
	}
	return writeJSON(c, status, mimeJSON, body)
}

// ogcSend sends a resource: v as JSON of the media type mediaType, or page as HTML; its links
// in Link headers too; a weak ETag of its bytes, and 304 Not Modified when If-None-Match has it.
func (s *Server) ogcSend(c echo.Context, format ogc.Format, mediaType string, v any, page templ.Component, links []ogc.Link) error {
	var body []byte
	contentType := mediaType
	if format == ogc.HTML {
		var buf bytes.Buffer
		c.Response().Header().Add("Vary", "Accept-Language")
		c.Response().Header().Add("Vary", "Cookie")
		ctx := views.WithTheme(views.WithLocale(c.Request().Context(), locale(c)), themeOf(c))
		if err := page.Render(ctx, &buf); err != nil {
			return fmt.Errorf("web: render %s: %w", c.Path(), err)
		}
		body, contentType = buf.Bytes(), echo.MIMETextHTMLCharsetUTF8
	} else if raw, ok := v.(rawJSON); ok {
		body = raw
	} else {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("web: encode %s: %w", c.Path(), err)
		}
		body = buf.Bytes()
	}
	h := c.Response().Header()
	for _, l := range links {
		h.Add("Link", l.Header())
	}
	sum := sha256.Sum256(body)
	etag := `W/"` + hex.EncodeToString(sum[:16]) + `"`
	h.Set("ETag", etag)
	if matchesETag(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, contentType, body)
}

// matchesETag reports whether an If-None-Match header holds etag, or is "*", by the weak
// comparison RFC 9110 prescribes for it.
func matchesETag(ifNoneMatch, etag string) bool {
	weak := func(t string) string { return strings.TrimPrefix(strings.TrimSpace(t), "W/") }
	for _, t := range strings.Split(ifNoneMatch, ",") {
		if t = strings.TrimSpace(t); t == "*" || t != "" && weak(t) == weak(etag) {
			return true
		}
	}
	return false
}

// ogcURL is the absolute URL of path with the query v.
func ogcURL(c echo.Context, path string, v url.Values) string {
	u := baseURL(c) + path
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

// formatQuery is the query string of a resource in the representation f.
func formatQuery(f ogc.Format) url.Values { return url.Values{"f": {f.String()}} }

// other is the other representation.
func other(f ogc.Format) ogc.Format {
	if f == ogc.HTML {
		return ogc.JSON
	}
	return ogc.HTML
}

// mediaOf is the media type of the representation f of a resource whose JSON is jsonType.
func mediaOf(f ogc.Format, jsonType string) string {
	if f == ogc.HTML {
		return ogc.MediaHTML
	}
	return jsonType
}

// selfLinks are the self and alternate links of the resource at path, whose JSON is jsonType,
// requested as f.
func selfLinks(c echo.Context, path string, f ogc.Format, jsonType string) []ogc.Link {
	return []ogc.Link{
		{Href: ogcURL(c, path, formatQuery(f)), Rel: "self", Type: mediaOf(f, jsonType), Title: "This document"},
		{Href: ogcURL(c, path, formatQuery(other(f))), Rel: "alternate", Type: mediaOf(other(f), jsonType), Title: "This document as " + strings.ToUpper(other(f).String())},
	}
}

// ogcLandingBody is the landing page's JSON.
type ogcLandingBody struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Links       []ogc.Link `json:"links"`
}

const (
	ogcTitle       = "Dateline"
	ogcDescription = "Events geoparsed from news reports: a place mentioned with a date, and the report that mentions it, as OGC API - Features."
)

// ogcLanding is the landing page, GET /ogc: links to the API's definition and documentation,
// the conformance classes and the collections.
func (s *Server) ogcLanding(c echo.Context, f ogc.Format) error {
	if err := ogc.CheckCommon(c.QueryParams()); err != nil {
		return err
	}
	links := append(selfLinks(c, ogcBase, f, ogc.MediaJSON),
		ogc.Link{Href: ogcURL(c, "/api", nil), Rel: "service-desc", Type: ogc.MediaOpenAPI, Title: "The API's definition (OpenAPI 3.0)"},
		ogc.Link{Href: ogcURL(c, "/api", formatQuery(ogc.HTML)), Rel: "service-doc", Type: ogc.MediaHTML, Title: "The API's documentation"},
		ogc.Link{Href: ogcURL(c, ogcBase+"/conformance", formatQuery(ogc.JSON)), Rel: "conformance", Type: ogc.MediaJSON, Title: "Conformance classes"},
		ogc.Link{Href: ogcURL(c, ogcBase+"/conformance", formatQuery(ogc.HTML)), Rel: "conformance", Type: ogc.MediaHTML, Title: "Conformance classes"},
		ogc.Link{Href: ogcURL(c, ogcBase+"/collections", formatQuery(ogc.JSON)), Rel: "data", Type: ogc.MediaJSON, Title: "Collections"},
		ogc.Link{Href: ogcURL(c, ogcBase+"/collections", formatQuery(ogc.HTML)), Rel: "data", Type: ogc.MediaHTML, Title: "Collections"},
	)
	body := ogcLandingBody{Title: ogcTitle, Description: ogcDescription, Links: links}
	page := views.OGCLandingView(views.OGCLanding{Head: views.Head{Title: "OGC API - Features"}, Title: ogcTitle, Description: ogcDescription, Links: links})
	return s.ogcSend(c, f, ogc.MediaJSON, body, page, links)
}

type ogcConformanceBody struct {
	ConformsTo []string   `json:"conformsTo"`
	Links      []ogc.Link `json:"links"`
}

// ogcConformance is GET /ogc/conformance.
func (s *Server) ogcConformance(c echo.Context, f ogc.Format) error {
	if err := ogc.CheckCommon(c.QueryParams()); err != nil {
		return err
	}
	links := selfLinks(c, ogcBase+"/conformance", f, ogc.MediaJSON)
	body := ogcConformanceBody{ConformsTo: ogc.ConformsTo, Links: links}
	page := views.OGCConformanceView(views.OGCConformance{Head: views.Head{Title: locale(c).OGCT("Conformance")}, Classes: ogc.ConformsTo, Links: links})
	return s.ogcSend(c, f, ogc.MediaJSON, body, page, links)
}

// ogcCollectionBody is a collection as /ogc/collections lists it and /ogc/collections/{id} shows it.
type ogcCollectionBody struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Links       []ogc.Link `json:"links"`
	Extent      *ogcExtent `json:"extent,omitempty"`
	ItemType    string     `json:"itemType"`
	CRS         []string   `json:"crs"`
}

type ogcExtent struct {
	Spatial  *ogcSpatial  `json:"spatial,omitempty"`
	Temporal *ogcTemporal `json:"temporal,omitempty"`
}

type ogcSpatial struct {
	BBox [][4]float64 `json:"bbox"`
	CRS  string       `json:"crs"`
}

type ogcTemporal struct {
	Interval [][2]*string `json:"interval"`
	TRS      string       `json:"trs"`
}

type ogcCollectionsBody struct {
	Links       []ogc.Link          `json:"links"`
	Collections []ogcCollectionBody `json:"collections"`
}

// eventsExtent is where and when the events are: the bound of their points (clusters at zoom 0)
// and the first and last days their dates cover (a histogram by day); zero when there are none.
func (s *Server) eventsExtent(ctx context.Context) (box *orb.Bound, first, last time.Time, err error) {
	cs, err := s.events.Clusters(ctx, report.EventFilter{}, 0)
	if err != nil {
		return nil, first, last, err
	}
	for _, cl := range cs {
		if box == nil {
			b := cl.Bound
			box = &b
		} else {
			*box = box.Union(cl.Bound)
		}
	}
	bins, err := s.events.Histogram(ctx, report.EventFilter{}, report.BinDay)
	if err != nil {
		return nil, first, last, err
	}
	if len(bins) > 0 {
		first, last = bins[0].Start, bins[len(bins)-1].Start
	}
	return box, first, last, nil
}

// eventsCollectionOf is the events' collection in the representation f, and as the HTML shows it.
func (s *Server) eventsCollectionOf(c echo.Context, f ogc.Format) (ogcCollectionBody, views.OGCCollection, error) {
	box, first, last, err := s.eventsExtent(c.Request().Context())
	if err != nil {
		return ogcCollectionBody{}, views.OGCCollection{}, err
	}
	col, v := collectionOfID(c, f, eventsCollection, box, first, last)
	return col, v, nil
}

// ogcCollections is GET /ogc/collections.
func (s *Server) ogcCollections(c echo.Context, f ogc.Format) error {
	if err := ogc.CheckCommon(c.QueryParams()); err != nil {
		return err
	}
	cols, vs, err := s.collectionsOf(c, f, collections...)
	if err != nil {
		return err
	}
	links := selfLinks(c, ogcBase+"/collections", f, ogc.MediaJSON)
	body := ogcCollectionsBody{Links: links, Collections: cols}
	page := views.OGCCollectionsView(views.OGCCollections{Head: views.Head{Title: locale(c).OGCT("Collections")}, Collections: vs, Links: links})
	return s.ogcSend(c, f, ogc.MediaJSON, body, page, links)
}

// collectionOf is the collection of the path: events, places or reports.
func collectionOf(c echo.Context) (string, error) {
	id := c.Param("collectionId")
	if !slices.Contains(collections, id) {
		return "", report.Errorf(report.NotFound, "no collection %q: the collections are %s", id, strings.Join(collections, ", "))
	}
	return id, nil
}

// ogcCollection is GET /ogc/collections/{collectionId}.
func (s *Server) ogcCollection(c echo.Context, f ogc.Format) error {
	id, err := collectionOf(c)
	if err != nil {
		return err
	}
	if err := ogc.CheckCommon(c.QueryParams()); err != nil {
		return err
	}
	cols, vs, err := s.collectionsOf(c, f, id)
	if err != nil {
		return err
	}
	body, v := cols[0], vs[0]
	page := views.OGCCollectionView(views.OGCCollectionPage{Head: views.Head{Title: body.Title}, Collection: v})
	return s.ogcSend(c, f, ogc.MediaJSON, body, page, body.Links)
}

// featureStore is the event store's FeatureStore.
func (s *Server) featureStore() (FeatureStore, error) {
	fs, ok := s.events.(FeatureStore)
	if !ok {
		return nil, echo.NewHTTPError(http.StatusNotImplemented, "this server's store does not page events as OGC API - Features needs")
	}
	return fs, nil
}

// ogcProperties are the properties of an event as an OGC feature: those of /api/events, and the
// first and last day of its date, as ISO dates that GIS tools read as dates (QGIS's temporal
// controller, GDAL's date fields).
type ogcProperties struct {
	report.FeatureProperties
	DateStart string `json:"date_start,omitempty"`
	DateEnd   string `json:"date_end,omitempty"`
}

// ogcFeature is the GeoJSON feature of e.
func ogcFeature(e *report.Event) *geojson.FeatureOf[ogcProperties] {
	p := ogcProperties{FeatureProperties: report.EventProperties(e)}
	if !e.Date.IsZero() {
		p.DateStart, p.DateEnd = e.Date.Start().Format(time.DateOnly), e.Date.Last().Format(time.DateOnly)
	}
	return &geojson.FeatureOf[ogcProperties]{Type: "Feature", ID: e.MentionID, Geometry: e.Place.Point(), Properties: p}
}

// appendOGCItems appends to b the page of items es as a FeatureCollection with its members
// numberMatched (matched), numberReturned and links: what json.Marshal writes for a
// geojson.FeatureCollectionOf of ogcFeatures, but for HTML characters, which it leaves as they
// are, without its reflection (a page holds up to 10,000 features).
func appendOGCItems(b []byte, es []report.Event, matched int, links []ogc.Link) ([]byte, error) {
	b = append(b, `{"features":[`...)
	for i := range es {
		if i > 0 {
			b = append(b, ',')
		}
		e := &es[i]
		p := report.EventProperties(e)
		var err error
		if b, err = report.AppendFeature(b, e.MentionID, e.Place.Lon, e.Place.Lat, &p); err != nil {
			return nil, err
		}
		if !e.Date.IsZero() { // ogcProperties' last members, inside the properties' closing brace
			b = append(b[:len(b)-2], `,"date_start":"`...)
			b = e.Date.Start().AppendFormat(b, time.DateOnly)
			b = append(b, `","date_end":"`...)
			b = e.Date.Last().AppendFormat(b, time.DateOnly)
			b = append(b, `"}}`...)
		}
	}
	b = append(b, `],"links":`...)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(links); err != nil {
		return nil, err
	}
	b = append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
	b = strconv.AppendInt(append(b, `,"numberMatched":`...), int64(matched), 10)
	b = strconv.AppendInt(append(b, `,"numberReturned":`...), int64(len(es)), 10)
	return append(b, ",\"type\":\"FeatureCollection\"}\n"...), nil
}

// rawJSON is a body ogcSend sends as it is: JSON already encoded, with its final newline.
type rawJSON []byte

// viewFeature is e as the HTML shows it.
func (s *Server) viewFeature(c echo.Context, e report.Event) views.OGCFeature {
	return views.OGCFeature{
		ID:  e.MentionID,
		URL: ogcURL(c, ogcBase+"/collections/"+eventsCollection+"/items/"+strconv.FormatInt(e.MentionID, 10), formatQuery(ogc.HTML)),
		Lon: e.Place.Lon, Lat: e.Place.Lat, Country: e.Place.CountryCode,
		Event: s.viewEvent(e, locale(c).Lang),
	}
}

// keyAfter is the key just after k's event: the page before it ends with that event.
func keyAfter(k report.EventKey) report.EventKey {
	k.MentionID++
	return k
}

// ogcItems is GET /ogc/collections/{collectionId}/items: a page of the events the query selects,
// by date then id, undated last, with the exact number they are, and links to the pages after
// and before it. Its pages are keyset pages: the next page holds the events after this one's
// last, so that following next to the end gives each event once, reports stored meanwhile too
// when they sort after the page.
func (s *Server) ogcItems(c echo.Context, f ogc.Format) error {
	switch id, err := collectionOf(c); {
	case err != nil:
		return err
	case id == ogc.Places:
		return s.ogcPlaceItems(c, f)
	case id == ogc.Reports:
		return s.ogcReportItems(c, f)
	}
	it, err := ogc.Parser{Country: s.query.Country}.ParseItems(c.QueryParams())
	if err != nil {
		return err
	}
	fs, err := s.featureStore()
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// The first page and the count in one read when the store's page holds it (they are the
	// same events in the same order); else the count, and at once, on another of the store's
	// connections, the page from its cursor.
	first := it.After.IsZero() && it.Before.IsZero() && it.Limit < report.MaxEventLimit
	count := it.Filter
	count.Limit = 1
	if first {
		count.Limit = it.Limit + 1
	}
	var matched report.EventPage
	var countErr error
	counted := make(chan struct{})
	go func() {
		defer close(counted)
		matched, countErr = s.events.QueryEvents(ctx, count)
	}()
	var es []report.Event
	var next, prev *[2]report.EventKey // after and before of the next and previous pages
	var pageErr error
	switch {
	case first:
		<-counted
		if es = matched.Events; len(es) > it.Limit {
			es = es[:it.Limit]
			next = &[2]report.EventKey{es[len(es)-1].Key(), {}}
		}
	case !it.Before.IsZero():
		if es, pageErr = fs.EventsBefore(ctx, it.Filter, it.Before, it.Limit+1); pageErr != nil {
			break
		}
		if len(es) > it.Limit {
			es = es[1:]
			prev = &[2]report.EventKey{{}, es[0].Key()}
		}
		if len(es) > 0 {
			next = &[2]report.EventKey{es[len(es)-1].Key(), {}}
		} else {
			next = &[2]report.EventKey{} // nothing before: the first page starts there
		}
	default:
		if es, pageErr = fs.EventsAfter(ctx, it.Filter, it.After, it.Limit+1); pageErr != nil {
			break
		}
		if len(es) > it.Limit {
			es = es[:it.Limit]
			next = &[2]report.EventKey{es[len(es)-1].Key(), {}}
		}
		switch {
		case it.After.IsZero(): // the first page
		case len(es) > 0:
			prev = &[2]report.EventKey{{}, es[0].Key()}
		default: // past the end: the page before ends with the cursor's event
			prev = &[2]report.EventKey{{}, keyAfter(it.After)}
		}
	}
	<-counted
	if err := cmp.Or(countErr, pageErr); err != nil {
		return err
	}

	path := ogcBase + "/collections/" + eventsCollection + "/items"
	page := func(k [2]report.EventKey, g ogc.Format) string { return ogcURL(c, path, it.Query(k[0], k[1], g)) }
	self := [2]report.EventKey{it.After, it.Before}
	links := []ogc.Link{
		{Href: page(self, f), Rel: "self", Type: mediaOf(f, ogc.MediaGeoJSON), Title: "This page"},
		{Href: page(self, other(f)), Rel: "alternate", Type: mediaOf(other(f), ogc.MediaGeoJSON), Title: "This page as " + strings.ToUpper(other(f).String())},
	}
	if next != nil {
		links = append(links, ogc.Link{Href: page(*next, f), Rel: "next", Type: mediaOf(f, ogc.MediaGeoJSON), Title: "The next page"})
	}
	if prev != nil {
		links = append(links, ogc.Link{Href: page(*prev, f), Rel: "prev", Type: mediaOf(f, ogc.MediaGeoJSON), Title: "The previous page"})
	}
	links = append(links, ogc.Link{Href: ogcURL(c, ogcBase+"/collections/"+eventsCollection, formatQuery(f)), Rel: "collection", Type: mediaOf(f, ogc.MediaJSON), Title: "The collection"})

	var body any
	var view templ.Component
	if f == ogc.HTML {
		v := views.OGCItems{Head: views.Head{Title: locale(c).T("Events")}, Collection: locale(c).T("Events"),
			CollectionURL: ogcURL(c, ogcBase+"/collections/"+eventsCollection, formatQuery(ogc.HTML)),
			Matched:       matched.Total, Returned: len(es), Limit: it.Limit,
			BBox: c.QueryParam("bbox"), Datetime: c.QueryParam("datetime"), Q: c.QueryParam("q"),
			Filter: c.QueryParam("filter"), FilterLang: c.QueryParam("filter-lang"),
			QueryablesURL: ogcURL(c, ogcBase+"/collections/"+eventsCollection+"/queryables", formatQuery(ogc.HTML)), Links: links}
		for _, e := range es {
			v.Features = append(v.Features, s.viewFeature(c, e))
		}
		if next != nil {
			v.Next = page(*next, ogc.HTML)
		}
		if prev != nil {
			v.Prev = page(*prev, ogc.HTML)
		}
		view = views.OGCItemsView(v)
	} else {
		b, err := appendOGCItems(nil, es, matched.Total, links)
		if err != nil {
			return fmt.Errorf("web: encode %s: %w", c.Path(), err)
		}
		body = rawJSON(b)
	}
	return s.ogcSend(c, f, ogc.MediaGeoJSON, body, view, links)
}

// ogcQueryables is GET /ogc/collections/{collectionId}/queryables: the properties of events a
// filter may name (report.Queryables), as a JSON Schema (Part 3's queryables), or a page.
func (s *Server) ogcQueryables(c echo.Context, f ogc.Format) error {
	id, err := collectionOf(c)
	if err != nil {
		return err
	}
	if _, _, queryables := collectionInfo(id); !queryables {
		return report.Errorf(report.NotFound, "%s has no queryables: it takes no filter", id)
	}
	if err := ogc.CheckCommon(c.QueryParams()); err != nil {
		return err
	}
	col := ogcBase + "/collections/" + id
	path := col + "/queryables"
	links := append(selfLinks(c, path, f, ogc.MediaSchema),
		ogc.Link{Href: ogcURL(c, col, formatQuery(f)), Rel: "collection", Type: mediaOf(f, ogc.MediaJSON), Title: "The collection"})
	doc := ogc.EventQueryables(ogcURL(c, path, nil))
	l := locale(c)
	title, _, _ := collectionInfo(id)
	v := views.OGCQueryables{Head: views.Head{Title: l.OGCT("Queryables")}, Collection: l.OGCT(title),
		CollectionURL: ogcURL(c, col, formatQuery(ogc.HTML)), ItemsURL: ogcURL(c, col+"/items", formatQuery(ogc.HTML)), Links: links}
	for _, q := range report.Queryables() {
		p := ogc.QueryableSchema(q)
		typ := p.Type
		switch {
		case typ == "":
			typ = p.Format
		case p.Format != "":
			typ += " (" + p.Format + ")"
		}
		v.Queryables = append(v.Queryables, views.OGCQueryable{Name: q.Name, Title: p.Title, Type: typ, Description: p.Description, Enum: p.Enum})
	}
	// The document has no links of its own (additionalProperties false says what it describes):
	// they are in the Link headers, and on the page.
	return s.ogcSend(c, f, ogc.MediaSchema, doc, views.OGCQueryablesView(v), links)
}

// ogcItem is GET /ogc/collections/{collectionId}/items/{featureId}: one event, by its id.
func (s *Server) ogcItem(c echo.Context, f ogc.Format) error {
	col, err := collectionOf(c)
	if err != nil {
		return err
	}
	if err := ogc.CheckCommon(c.QueryParams()); err != nil {
		return err
	}
	switch col {
	case ogc.Places:
		return s.ogcPlaceItem(c, f)
	case ogc.Reports:
		return s.ogcReportItem(c, f)
	}
	id, err := strconv.ParseInt(c.Param("featureId"), 10, 64)
	if err != nil || id <= 0 {
		return report.Errorf(report.NotFound, "no feature %q in %s: its features' ids are whole numbers", c.Param("featureId"), eventsCollection)
	}
	fs, err := s.featureStore()
	if err != nil {
		return err
	}
	e, err := fs.GetEvent(c.Request().Context(), id)
	if err != nil {
		return err
	}
	path := ogcBase + "/collections/" + eventsCollection + "/items/" + strconv.FormatInt(id, 10)
	links := append(selfLinks(c, path, f, ogc.MediaGeoJSON),
		ogc.Link{Href: ogcURL(c, ogcBase+"/collections/"+eventsCollection, formatQuery(f)), Rel: "collection", Type: mediaOf(f, ogc.MediaJSON), Title: "The collection"})
	feature := ogcFeature(&e)
	feature.ExtraMembers = geojson.Properties{"links": links}
	v := views.OGCFeaturePage{Head: views.Head{Title: e.Place.Name}, Collection: locale(c).T("Events"),
		CollectionURL: ogcURL(c, ogcBase+"/collections/"+eventsCollection, formatQuery(ogc.HTML)),
		Feature:       s.viewFeature(c, e), Links: links}
	return s.ogcSend(c, f, ogc.MediaGeoJSON, feature, views.OGCFeatureView(v), links)
}
