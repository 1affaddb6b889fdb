package web

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/datelinehq/dateline/assets"
	"github.com/datelinehq/dateline/geodata"
	"github.com/labstack/echo/v4"
)

// assetFile is GET and HEAD /assets/*: our CSS and JavaScript, and the vendored front-end libraries.
func (s *Server) assetFile(c echo.Context) error {
	name := strings.TrimPrefix(c.Request().URL.Path, "/assets/")
	if st, err := fs.Stat(assets.FS, name); err != nil || st.IsDir() {
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	req := c.Request()
	if req.Method == http.MethodHead {
		// Served as a GET, so that the compression's headers are the GET's; net/http drops the body.
		req = req.Clone(req.Context())
		req.Method = http.MethodGet
	}
	http.ServeFileFS(c.Response(), req, assets.FS, name)
	return nil
}

// basemap is GET /basemap/countries-110m.json and countries-50m.json: the Natural Earth
// countries (world-atlas TopoJSON) the maps draw, served by Dateline itself; water-110m.json and
// water-50m.json, Natural Earth's lakes and rivers (TopoJSON); and labels-en.json and
// labels-fr.json, the place labels (see basemapLabels).
func (s *Server) basemap(c echo.Context) error {
	var data []byte
	switch c.Param("file") {
	case "countries-110m.json":
		data = geodata.Countries110m
	case "countries-50m.json":
		data = geodata.Countries50m
	case "water-110m.json", "water-50m.json":
		var err error
		if data, err = s.water[c.Param("file")](); err != nil {
			return err
		}
	default:
		if lang, ok := labelsLang(c.Param("file")); ok {
			return s.basemapLabels(c, lang)
		}
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, mimeJSON, data)
}
