package web

import (
	"net/http"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/labstack/echo/v4"
)

// PlaceFinder finds gazetteer places by the start of a name, in any language, and by GeoNames id.
type PlaceFinder interface {
	Search(q string, n int) []report.Place
	Place(id int64) (report.Place, bool)
}

// Place search answers: how many at most, by default and at most.
const (
	defaultPlaceResults = 10
	maxPlaceResults     = 50
)

// placeResult is a place as the search box shows it.
type placeResult struct {
	report.Place
	Kind  report.PlaceKind `json:"kind"`
	Label string           `json:"label"` // "Karachi (place, PK, 05)", what a choice shows
}

// searchPlaces is GET /api/places?q=NAME&limit=N: the gazetteer's places whose names start with
// q, in any language (see gazetteer.Finder), for the search boxes of the pages.
func (s *Server) searchPlaces(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if q == "" {
		return report.Errorf(report.Invalid, "q is empty: give the start of a place's name")
	}
	if len(q) > 200 {
		return report.Errorf(report.Invalid, "q is longer than 200 bytes")
	}
	n, err := viewquery.WholeNumber(c.QueryParams(), "limit")
	if err != nil {
		return err
	}
	if n == 0 {
		n = defaultPlaceResults
	}
	res := []placeResult{}
	if s.places != nil {
		lang := locale(c).Lang
		for _, p := range s.places.Search(q, min(n, maxPlaceResults)) {
			res = append(res, placeResult{Place: p, Kind: p.Kind(), Label: placeLabel(p, s.placeName(p, lang), string(p.Kind()))})
		}
	}
	return writeJSON(c, http.StatusOK, mimeJSON, map[string]any{"places": res})
}

// placeLabel tells a place from its homonyms: "Concord (place, US, NH)", kind the name of its
// kind in the page's language.
func placeLabel(p report.Place, name, kind string) string {
	var b strings.Builder
	b.WriteString(name + " (" + kind)
	if p.CountryCode != "" {
		b.WriteString(", " + p.CountryCode)
	}
	if p.Admin1 != "" && p.Kind() == report.KindPlace {
		b.WriteString(", " + p.Admin1) // Concord in New Hampshire is not Concord in California
	}
	b.WriteString(")")
	return b.String()
}
