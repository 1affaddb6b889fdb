package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// TokenStore holds the access tokens (see `dateline token`).
type TokenStore interface {
	Tokens(ctx context.Context) ([]report.Token, error)
}

// tokenCookie holds the secret of a reader who signed in on /signin.
const tokenCookie = "dateline_token"

// openRoute reports the paths that need no token even on a private server: signing in and out, the theme switch, the
// health check and what the sign-in page itself loads.
func openRoute(path string) bool {
	switch path {
	case "/signin", "/signout", "/theme", "/healthz", "/about":
		return true
	}
	return strings.HasPrefix(path, "/assets/") || strings.HasPrefix(path, "/basemap/")
}

// access refuses writes that browsers say another site sent, and asks for a token where the
// configuration wants one: for every write (POST, DELETE...)
// when s.writeToken, for reads too when s.readToken. The token comes from an Authorization
// Bearer header or the sign-in cookie; a read-only token cannot write.
func (s *Server) access(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		write := req.Method != http.MethodGet && req.Method != http.MethodHead && req.Method != http.MethodOptions
		if write && s.crossOrigin.Check(req) != nil {
			// A browser says another site sent it (Sec-Fetch-Site, Origin): whatever its content
			// type, no write. Clients that are not browsers send neither header.
			return echo.NewHTTPError(http.StatusForbidden, "another site cannot write here")
		}
		if req.Method == http.MethodPost && req.URL.Path == "/api/geoparse" {
			write = false // it stores nothing: a read, which a read-only token may make
		}
		if (write && !s.writeToken || !write && !s.readToken) || openRoute(req.URL.Path) {
			return next(c)
		}
		tok, ok, err := s.tokenOf(req)
		switch {
		case err != nil:
			return err
		case !ok:
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="dateline"`)
			return echo.NewHTTPError(http.StatusUnauthorized, "this needs an access token: send it as \"Authorization: Bearer TOKEN\", or sign in at /signin")
		case write && tok.ReadOnly:
			return echo.NewHTTPError(http.StatusForbidden, "token "+tok.Name+" only reads")
		}
		return next(c)
	}
}

// tokenOf is the token the request carries, if it is one of the store's.
func (s *Server) tokenOf(req *http.Request) (report.Token, bool, error) {
	secret, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
	if !ok {
		if ck, err := req.Cookie(tokenCookie); err == nil {
			secret = ck.Value
		}
	}
	return s.lookupToken(req.Context(), secret)
}

// lookupToken is the store's token of secret, if any.
func (s *Server) lookupToken(ctx context.Context, secret string) (report.Token, bool, error) {
	secret = strings.TrimSpace(secret)
	if secret == "" || s.tokens == nil {
		return report.Token{}, false, nil
	}
	ts, err := s.tokens.Tokens(ctx)
	if err != nil {
		return report.Token{}, false, err
	}
	tok, ok := report.TokenFor(ts, secret)
	return tok, ok, nil
}

// signinPage is GET /signin: a form that exchanges a token for a cookie.
func (s *Server) signinPage(c echo.Context) error {
	return render(c, http.StatusOK, views.Signin(views.SigninPage{Head: views.Head{Title: locale(c).T("Sign in")}, Next: localPath(c.QueryParam("next"))}))
}

// signin is POST /signin, token=SECRET&next=PATH: a known token is kept in a cookie the browser
// sends back alone (HttpOnly, SameSite=Strict, Secure over HTTPS), for 30 days.
func (s *Server) signin(c echo.Context) error {
	if err := s.crossOrigin.Check(c.Request()); err != nil {
		return echo.NewHTTPError(http.StatusForbidden, "a form of another site cannot sign in")
	}
	form, err := formFields(c)
	if err != nil {
		return err
	}
	secret := strings.TrimSpace(form.Get("token"))
	next := localPath(form.Get("next"))
	req := c.Request()
	_, ok, err := s.lookupToken(req.Context(), secret)
	if err != nil {
		return err
	}
	if !ok {
		v := views.SigninPage{Head: views.Head{Title: locale(c).T("Sign in")}, Next: next, Problem: locale(c).T("This token is not one of this server's.")}
		return render(c, http.StatusUnauthorized, views.Signin(v))
	}
	c.SetCookie(&http.Cookie{Name: tokenCookie, Value: secret, Path: "/", MaxAge: int((30 * 24 * time.Hour).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: req.TLS != nil || strings.HasPrefix(s.publicURL, "https://")})
	return c.Redirect(http.StatusSeeOther, next)
}

// signout is POST /signout: the cookie is cleared.
func (s *Server) signout(c echo.Context) error {
	if err := s.crossOrigin.Check(c.Request()); err != nil {
		return echo.NewHTTPError(http.StatusForbidden, "a form of another site cannot sign out")
	}
	form, err := formFields(c)
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: tokenCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return c.Redirect(http.StatusSeeOther, localPath(form.Get("next")))
}

// localPath is path when it is a path of this site, else "/": a form's return address never
// leads elsewhere ("//evil.example", "/\evil.example", "https://...").
func localPath(path string) string {
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") || strings.HasPrefix(path, "/\\") {
		return "/"
	}
	return path
}

// hostCheck answers 421 to a request for a host this server is not: only loopback names and
// the public URL's host are, so that a page of another site cannot reach a server on a private
// address by DNS rebinding.
func (s *Server) hostCheck(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		host := c.Request().Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.ToLower(strings.Trim(host, "[]"))
		if !s.hosts[host] {
			return echo.NewHTTPError(http.StatusMisdirectedRequest, "this server does not answer for host "+url.QueryEscape(host))
		}
		c.Set(publicURLKey, s.publicURL)
		return next(c)
	}
}

// allowedHosts are the loopback names and the public URL's host.
func allowedHosts(publicURL string) map[string]bool {
	hosts := map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}
	if u, err := url.Parse(publicURL); err == nil && u.Hostname() != "" {
		hosts[strings.ToLower(u.Hostname())] = true
	}
	return hosts
}
