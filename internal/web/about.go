package web

import (
	"net/http"

	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// about is GET /about: what Dateline is, and the credits its data needs.
func (s *Server) about(c echo.Context) error {
	return render(c, http.StatusOK, views.About(views.Head{Title: locale(c).T("About")}))
}
