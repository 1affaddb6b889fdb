package web

import (
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes is every route of the server, in one place.
func (s *Server) routes(e *echo.Echo) {
	e.Use(requestID, s.logRequests, recoverPanics, bodyLimit(s.maxBody), frameAncestors("'none'"))
	zip := middleware.GzipWithConfig(middleware.GzipConfig{Level: 6, MinLength: 1024})
	embeddable := frameAncestors(strings.Join(s.frameAncestors, " "))

	e.GET("/healthz", s.health)

	api := e.Group("/api")
	api.POST("/reports", s.createReports)
	api.GET("/reports", s.listReports)
	api.GET("/reports/:id", s.getReport)
	api.DELETE("/reports/:id", s.deleteReport)
	api.GET("/events", s.listEvents)

	// Pages, their GeoJSON twins and the map's data: one query string drives them all.
	e.GET("/", s.explore, zip)
	e.GET("/events.geojson", s.listEvents, zip)
	e.GET("/clusters.geojson", s.clusters, zip)
	e.GET("/popup", s.popup, zip)
	e.GET("/map.svg", s.mapImage, zip)
	e.GET("/reports/:id", s.reportPage, zip)
	e.POST("/reports/:id/mentions/:mention", s.correctMention)
	e.GET("/places/:id", s.placePage, zip)
	e.GET("/about", s.about, zip)
	e.GET("/ingest", s.ingestPage, zip)
	e.POST("/ingest", s.ingestForm, zip)

	// Embeds: the only routes other sites may frame.
	e.GET("/embed", s.embed, embeddable, zip)
	e.GET("/embed/map", s.embed, embeddable, zip)
	e.GET("/embed/timeline", s.embed, embeddable, zip)
	e.GET("/embed/map.svg", s.mapImage, embeddable, zip)
	e.GET("/oembed", s.oembed)

	e.GET("/basemap/:file", s.basemap, zip)
	e.GET("/assets/*", s.assetFile, zip)
}
