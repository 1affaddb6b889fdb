package web

import (
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"
)

// locale is the language of the interface: ?ui=en or ?ui=fr, kept by the page's links; else the
// first of English and French in Accept-Language; else English. (lang= is taken: it filters
// the reports by their language.)
func locale(c echo.Context) views.Locale {
	u := c.Request().URL
	l := views.Locale{Lang: "en", Path: u.Path, RawQuery: u.RawQuery}
	if ui := viewquery.UILang(c.QueryParam("ui")); ui != "" {
		l.Lang, l.Param = ui, ui
		return l
	}
	tags, _, _ := language.ParseAcceptLanguage(c.Request().Header.Get("Accept-Language"))
	for _, tag := range tags {
		switch base, _ := tag.Base(); base.String() {
		case "en", "fr":
			l.Lang = base.String()
			return l
		}
	}
	return l
}
