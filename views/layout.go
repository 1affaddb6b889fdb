// Package views holds Dateline's pages and embeds as templ components. Each page's templ file
// has its view models beside it (explore.go, reportpage.go, place.go, ingest.go, embed.go,
// error.go; this file the frame's), built by the web package; they never see the store or the
// request.
package views

import (
	"strings"

	"context"

	"github.com/a-h/templ"
	"github.com/datelinehq/dateline/internal/viewquery"
)

// Head is what a page's head needs.
type Head struct {
	Title string
	// OEmbed is the oEmbed discovery URL of the page, absolute, or empty.
	OEmbed string
	Theme  viewquery.Theme // empty follows the page's default
}

// Tiles is the basemap of the Leaflet maps: a tile layer's URL template and its attribution, or,
// when URL is empty, the offline Natural Earth countries.
type Tiles struct {
	URL, Attribution string
}

// Origin is the scheme and host the tiles come from, for a content policy: "https://*.tile.example"
// for "https://{s}.tile.example/{z}/{x}/{y}.png"; "" when offline.
func (t Tiles) Origin() string {
	scheme, rest, ok := strings.Cut(t.URL, "://")
	if !ok {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	return scheme + "://" + strings.ReplaceAll(host, "{s}", "*")
}

// Attrs are the map element's data attributes that name the tile layer; none when offline.
func (t Tiles) Attrs() templ.Attributes {
	if t.URL == "" {
		return templ.Attributes{}
	}
	return templ.Attributes{"data-tiles": t.URL, "data-tiles-attribution": t.Attribution}
}

type themeKey struct{}

// WithTheme is ctx with the theme the reader chose for the site (the theme cookie); the zero
// Theme follows the system's.
func WithTheme(ctx context.Context, t viewquery.Theme) context.Context {
	return context.WithValue(ctx, themeKey{}, t)
}

// ThemeOf is the theme the reader chose, or "" to follow the system's.
func ThemeOf(ctx context.Context) viewquery.Theme {
	t, _ := ctx.Value(themeKey{}).(viewquery.Theme)
	return t
}
