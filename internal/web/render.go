package web

import (
	"bytes"
	"fmt"

	"github.com/a-h/templ"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// render renders a component into a buffer, then sends it: a failed render is a real 500, never
// half a page.
func render(c echo.Context, status int, page templ.Component) error {
	var buf bytes.Buffer
	c.Response().Header().Add("Vary", "Accept-Language")
	c.Response().Header().Add("Vary", "Cookie")
	ctx := views.WithTheme(views.WithLocale(c.Request().Context(), locale(c)), themeOf(c))
	if err := page.Render(ctx, &buf); err != nil {
		return fmt.Errorf("web: render %s: %w", c.Path(), err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// baseURL is the server's public URL, or the scheme and host the client used (a host that
// hostCheck let through).
func baseURL(c echo.Context) string {
	if s, ok := c.Get(publicURLKey).(string); ok && s != "" {
		return s
	}
	return c.Scheme() + "://" + c.Request().Host
}

// publicURLKey holds the configured public URL in the echo context, for baseURL.
const publicURLKey = "dateline.publicURL"
