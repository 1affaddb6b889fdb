package web

import (
	"cmp"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// The size of an embed, in CSS pixels, when the embedding page does not bound it.
const (
	embedWidth  = 720
	embedHeight = 560
)

// embed is GET /embed, /embed/map and /embed/timeline: the explore page's map, timeline, or both,
// for the same query string, without the site's chrome; theme=light|dark. embed.js tells the
// embedding page the height by postMessage.
func (s *Server) embed(c echo.Context) error {
	q, f, err := s.viewQuery(c)
	if err != nil {
		return err
	}
	path := c.Request().URL.Path
	q.Page = 0
	site := q
	site.Theme = ""
	v := views.EmbedPage{
		Head:     views.Head{Title: locale(c).T("Events"), OEmbed: oembedLink(c), Theme: cmp.Or(q.Theme, viewquery.Light)},
		Map:      path != "/embed/timeline",
		Timeline: path != "/embed/map",
		Link:     baseURL(c) + site.URL("/"),
		MapImage: mapImageURL("/embed/map.svg", q, embedWidth, 360),
		Tiles:    s.tiles,
	}
	if v.Timeline {
		if v.Bins, err = s.timeline(c, path, q, f); err != nil {
			return err
		}
	}
	if v.Map {
		b, err := s.initialBound(c.Request().Context(), f)
		if err != nil {
			return err
		}
		if b != nil {
			v.Bound = viewquery.FormatBBox(*b)
		}
	}
	f.Limit = 1
	page, err := s.events.QueryEvents(c.Request().Context(), f)
	if err != nil {
		return err
	}
	v.Total = page.Total
	v.Bins.Total = page.Total // the events, not the sum of the bars
	v.Exports = exports(q)
	v.Dots = page.Total > s.dotsOver
	return render(c, http.StatusOK, views.EmbedView(v))
}

// iframe is the HTML that embeds the view q at path of the server at base; its title in the
// language that q's ui chose, else English.
func iframe(base, path string, q viewquery.Query, width, height int) string {
	title := views.Locale{Lang: q.UI}.T(embedTitle)
	return fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" style="border:0;max-width:100%%" title="%s" loading="lazy"></iframe>`,
		html.EscapeString(base+q.URL(path)), width, height, html.EscapeString(title))
}

// embedTitle is the title of an embed, in English (the key of views' catalogue).
const embedTitle = "Dateline: events on a map and a timeline"

// oembedLink is the oEmbed discovery URL of the page requested.
func oembedLink(c echo.Context) string {
	base := baseURL(c)
	return base + "/oembed?format=json&url=" + url.QueryEscape(base+c.Request().URL.RequestURI())
}

// oembedBody is an oEmbed 1.0 response of type rich.
type oembedBody struct {
	Type         string `json:"type"`
	Version      string `json:"version"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	// The map of the view, rendered on the server (/map.svg).
	ThumbnailURL    string `json:"thumbnail_url"`
	ThumbnailWidth  int    `json:"thumbnail_width"`
	ThumbnailHeight int    `json:"thumbnail_height"`
}

// oembed is GET /oembed?url=&maxwidth=&maxheight=&format=json: the iframe of a view of this
// server (the explore page, an embed, or a place page), within maxwidth and maxheight. The title
// is in the language of the url's ui, else of the oEmbed request (its ui, else Accept-Language).
func (s *Server) oembed(c echo.Context) error {
	if f := c.QueryParam("format"); f != "" && f != "json" {
		return echo.NewHTTPError(http.StatusNotImplemented, fmt.Sprintf("format %q is not served: only json", f))
	}
	raw := c.QueryParam("url")
	if raw == "" {
		return report.Errorf(report.Invalid, "url is required")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.HasSuffix(baseURL(c), "://"+u.Host) && u.Host != c.Request().Host {
		return report.Errorf(report.NotFound, "%q is not a view of this Dateline", raw)
	}
	maxWidth, err := viewquery.WholeNumber(c.QueryParams(), "maxwidth")
	if err != nil {
		return err
	}
	maxHeight, err := viewquery.WholeNumber(c.QueryParams(), "maxheight")
	if err != nil {
		return err
	}
	path, height := "/embed", embedHeight
	var place int64
	switch p := strings.TrimSuffix(u.Path, "/"); {
	case p == "" || p == "/embed":
	case p == "/embed/map":
		path, height = p, 420
	case p == "/embed/timeline":
		path, height = p, 200
	case strings.HasPrefix(p, "/places/"):
		if place, err = strconv.ParseInt(strings.TrimPrefix(p, "/places/"), 10, 64); err != nil || place <= 0 {
			return report.Errorf(report.NotFound, "%q is not a view of this Dateline", raw)
		}
	default:
		return report.Errorf(report.NotFound, "%q is not a view of this Dateline", raw)
	}
	q, err := s.query.Parse(u.Query())
	if err != nil {
		return err
	}
	q.Page, q.Limit, q.Offset = 0, 0, 0 // the view, not a page of its list
	if place != 0 {
		q.Place = place
	}
	l := locale(c)
	if q.UI != "" {
		l.Lang = q.UI
	}
	width := embedWidth
	if maxWidth > 0 {
		width = min(width, maxWidth)
	}
	thumbHeight := width * 7 / 12
	if maxHeight > 0 {
		height = min(height, maxHeight)
		thumbHeight = min(thumbHeight, maxHeight)
	}
	c.Response().Header().Add("Vary", "Accept-Language")
	return writeJSON(c, http.StatusOK, mimeJSON, oembedBody{
		Type: "rich", Version: "1.0", Title: l.T(embedTitle),
		ProviderName: "Dateline", ProviderURL: baseURL(c) + "/",
		HTML: iframe(baseURL(c), path, q, width, height), Width: width, Height: height,
		ThumbnailURL: baseURL(c) + mapImageURL("/map.svg", q, width, thumbHeight), ThumbnailWidth: width, ThumbnailHeight: thumbHeight,
	})
}

// frameSource is one source of a frame-ancestors directive: a scheme ("https:"), a host with an
// optional scheme, port and leading wildcard, '*', 'self' or 'none'.
var frameSource = regexp.MustCompile(`^(\*|'self'|'none'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*://)?(\*\.)?[a-zA-Z0-9.-]+(:([0-9]+|\*))?(/[A-Za-z0-9._~!$&()*+=:@%/-]*)?)$`) // a path of RFC 3986 characters: no quote, separator or space

// ParseFrameAncestors reads the sites allowed to embed Dateline, separated by spaces or commas,
// as sources of a CSP frame-ancestors directive; "*" (any site) when s is blank.
func ParseFrameAncestors(s string) ([]string, error) {
	srcs := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(srcs) == 0 {
		return []string{"*"}, nil
	}
	for _, src := range srcs {
		if !frameSource.MatchString(src) {
			return nil, fmt.Errorf("frame ancestors: %q is not a CSP source (https://news.example, *.example.org, 'self', *)", src)
		}
	}
	return srcs, nil
}
