package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// health is GET /healthz: the server is up.
func (s *Server) health(c echo.Context) error {
	return writeJSON(c, http.StatusOK, mimeJSON, map[string]string{"status": "ok"})
}
