package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes is every route of the server, in one place.
func (s *Server) routes(e *echo.Echo) {
	e.Use(s.securityHeaders, requestID, s.logRequests, s.rateLimit(s.rateLimitPerSecond, s.rateBurst), shed(s.maxInFlight, s.workers, s.queueBurst, s.queueWait, time.Second),
		recoverPanics, s.hostCheck, bodyLimit(s.maxBody), s.access, deadline(s.readDeadline))
	e.Use(s.noteWrites)
	zip := middleware.GzipWithConfig(middleware.GzipConfig{Level: 6, MinLength: 1024})
	embeddable := s.embeddable()

	get(e, "/healthz", s.health)
	get(e, "/signin", s.signinPage, zip)
	e.POST("/signin", s.signin)
	e.POST("/signout", s.signout)

	api := e.Group("/api")
	api.POST("/reports", s.createReports)
	api.POST("/geoparse", s.geoparseText)
	get(api, "/reports", s.listReports)
	get(api, "/reports/:id", s.getReport)
	api.DELETE("/reports/:id", s.deleteReport, noBody)
	get(api, "/events", s.listEvents)
	get(api, "/places", s.searchPlaces)

	// Pages, their GeoJSON twins and the map's data: one query string drives them all.
	get(e, "/", s.explore, zip)
	get(e, "/events.geojson", s.listEvents, zip)
	get(e, "/export/events.:format", s.exportEvents, zip)
	get(e, "/tiles/events.json", s.tileJSON, zip)
	get(e, "/tiles/events/:z/:x/:y", s.eventTile, zip)
	get(e, "/clusters.geojson", s.clusters, zip)
	get(e, "/popup", s.popup, zip)
	get(e, "/map.svg", s.mapImage, zip)
	get(e, "/reports/:id", s.reportPage, zip)
	e.POST("/reports/:id/mentions/:mention", s.correctMention)
	e.POST("/reports/:id/mentions", s.addMention)
	e.POST("/reports/:id/delete", s.deleteReportPage, noBody)
	get(e, "/places/:id", s.placePage, zip)
	get(e, "/about", s.about, zip)
	get(e, "/ingest", s.ingestPage, zip)
	e.POST("/ingest", s.ingestForm, zip)
	e.POST("/theme", s.setTheme)

	// Embeds: the only routes other sites may frame.
	get(e, "/embed", s.embed, embeddable, zip)
	get(e, "/embed/map", s.embed, embeddable, zip)
	get(e, "/embed/timeline", s.embed, embeddable, zip)
	get(e, "/embed/map.svg", s.mapImage, embeddable, zip)
	get(e, "/oembed", s.oembed)

	get(e, "/basemap/:file", s.basemap, zip)
	get(e, "/assets/*", s.assetFile, zip)
	s.ogcRoutes(e)
}

// router is what get needs of an echo.Echo or an echo.Group.
type router interface {
	Match(methods []string, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) []*echo.Route
}

// get routes GET and HEAD to h: a HEAD is answered as the GET, with the same headers, and
// net/http leaves out the body.
func get(r router, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.Match([]string{http.MethodGet, http.MethodHead}, path, h, m...)
}
