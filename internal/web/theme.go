package web

import (
	"net/http"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/labstack/echo/v4"
)

// themeCookie keeps the colours the reader chose for the site: light or dark; without it the
// pages follow the system's (prefers-color-scheme). site.js writes it too.
const themeCookie = "theme"

// themeOf is the theme the request's cookie chose, or "" for the system's.
func themeOf(c echo.Context) viewquery.Theme {
	ck, err := c.Cookie(themeCookie)
	if err != nil {
		return ""
	}
	switch t := viewquery.Theme(ck.Value); t {
	case viewquery.Light, viewquery.Dark:
		return t
	}
	return ""
}

// setTheme is POST /theme, the theme switch without JavaScript: theme=light|dark, or empty for
// the system's, then back to the page (back, a path of this site).
func (s *Server) setTheme(c echo.Context) error {
	if err := s.crossOrigin.Check(c.Request()); err != nil {
		return echo.NewHTTPError(http.StatusForbidden, "a form of another site")
	}
	form, err := formFields(c)
	if err != nil {
		return err
	}
	ck := &http.Cookie{Name: themeCookie, Path: "/", SameSite: http.SameSiteLaxMode, HttpOnly: false}
	switch t := viewquery.Theme(form.Get("theme")); t {
	case viewquery.Light, viewquery.Dark:
		ck.Value, ck.MaxAge = string(t), int((365 * 24 * time.Hour).Seconds())
	case "":
		ck.MaxAge = -1
	default:
		return report.Errorf(report.Invalid, "theme %q: want light, dark or nothing", t)
	}
	c.SetCookie(ck)
	return c.Redirect(http.StatusSeeOther, localPath(form.Get("back")))
}
