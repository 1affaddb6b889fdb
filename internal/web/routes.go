package web

import "github.com/labstack/echo/v4"

// routes is every route of the server, in one place.
func (s *Server) routes(e *echo.Echo) {
	e.Use(requestID, s.logRequests, recoverPanics, bodyLimit(s.maxBody))

	e.GET("/healthz", s.health)

	api := e.Group("/api")
	api.POST("/reports", s.createReports)
	api.GET("/reports", s.listReports)
	api.GET("/reports/:id", s.getReport)
	api.DELETE("/reports/:id", s.deleteReport)
	api.GET("/events", s.listEvents)
}
