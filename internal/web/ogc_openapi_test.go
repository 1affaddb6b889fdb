package web_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/ogc"
	"github.com/datelinehq/dateline/internal/sqlite"
	"github.com/datelinehq/dateline/internal/web"
	"github.com/labstack/echo/v4"
)

// openAPIDoc is what the tests read of the OpenAPI document.
type openAPIDoc struct {
	OpenAPI string
	Servers []struct{ URL string }
	Paths   map[string]map[string]json.RawMessage
}

type openAPIOperation struct {
	OperationID string
	Parameters  []struct {
		Name, In string
		Required bool
	}
	Responses map[string]json.RawMessage
}

// apiDoc gets and parses /api.
func apiDoc(t *testing.T, ts *testServer) (openAPIDoc, []byte) {
	t.Helper()
	res, body := ts.get(t, "/api", http.StatusOK, "Accept", "application/vnd.oai.openapi+json;version=3.0")
	if ct := res.Header.Get("Content-Type"); ct != ogc.MediaOpenAPI {
		t.Errorf("Content-Type %q, want %s", ct, ogc.MediaOpenAPI)
	}
	var doc openAPIDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.0.3" || len(doc.Servers) != 1 {
		t.Fatalf("openapi %q, servers %v", doc.OpenAPI, doc.Servers)
	}
	return doc, body
}

// fullPaths are the document's operations by full path ({param} as echo's :param, no trailing
// slash) and method (GET, POST...): the path of its server, and its own.
func fullPaths(t *testing.T, doc openAPIDoc) map[string][]string {
	t.Helper()
	braces := regexp.MustCompile(`\{([^}]+)\}`)
	ops := map[string][]string{}
	for key, item := range doc.Paths {
		server := doc.Servers[0].URL
		if raw, ok := item["servers"]; ok {
			var servers []struct{ URL string }
			if err := json.Unmarshal(raw, &servers); err != nil || len(servers) == 0 {
				t.Fatalf("path %s: servers %s", key, raw)
			}
			server = servers[0].URL
		}
		u, err := url.Parse(server)
		if err != nil {
			t.Fatal(err)
		}
		path := routePath(braces.ReplaceAllString(u.Path+key, ":$1"))
		for method := range item {
			if method != "servers" && method != "parameters" {
				ops[path] = append(ops[path], strings.ToUpper(method))
			}
		}
	}
	return ops
}

// routePath is a route's path without its trailing slash.
func routePath(p string) string {
	if p != "/" {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// documented reports whether a route's path is one the OpenAPI document must describe.
func documented(path string) bool {
	return path == "/ogc" || strings.HasPrefix(path, "/ogc/") || path == "/api" || strings.HasPrefix(path, "/api/") ||
		strings.HasPrefix(path, "/export/") || strings.HasPrefix(path, "/tiles/")
}

// TestOpenAPIMatchesRoutes: every GET route under /ogc and /api is in the OpenAPI document,
// and every operation the document names is routed, so that the document cannot drift from
// the server. The items' parameters are those the server reads.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	a, err := loadAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	h := web.New(web.Config{Logger: slog.New(slog.DiscardHandler), Reports: store, Events: store, Analyzer: a})
	e, ok := h.(*echo.Echo)
	if !ok {
		t.Fatalf("web.New returns a %T, not an *echo.Echo", h)
	}
	routed := map[string][]string{} // path -> methods
	for _, r := range e.Routes() {
		if documented(r.Path) && r.Method != http.MethodHead && r.Method != http.MethodOptions && !strings.HasSuffix(r.Path, "*") {
			routed[routePath(r.Path)] = append(routed[routePath(r.Path)], r.Method)
		}
	}

	ts := newServer(t, nil)
	doc, _ := apiDoc(t, ts)
	ops := fullPaths(t, doc)
	for path, methods := range routed {
		for _, m := range methods {
			if m == http.MethodGet && !slices.Contains(ops[path], m) {
				t.Errorf("GET %s is routed but not in the OpenAPI document", path)
			}
		}
	}
	for path, methods := range ops {
		for _, m := range methods {
			if !slices.Contains(routed[path], m) {
				t.Errorf("the OpenAPI document names %s %s, which is not routed", m, path)
			}
		}
	}
	if len(ops) < 10 {
		t.Errorf("the document has %d paths", len(ops))
	}

	// Every operation's path parameters are declared; the OGC resources take the parameters the
	// server reads.
	braces := regexp.MustCompile(`\{([^}]+)\}`)
	for key, item := range doc.Paths {
		for method, raw := range item {
			if method == "servers" {
				continue
			}
			var op openAPIOperation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatal(err)
			}
			if op.OperationID == "" || len(op.Responses) == 0 {
				t.Errorf("%s %s: operationId %q, %d responses", method, key, op.OperationID, len(op.Responses))
			}
			var query []string
			for _, m := range braces.FindAllStringSubmatch(key, -1) {
				if !slices.ContainsFunc(op.Parameters, func(p struct {
					Name, In string
					Required bool
				}) bool {
					return p.Name == m[1] && p.In == "path" && p.Required
				}) {
					t.Errorf("%s %s: the path parameter %s is not declared", method, key, m[1])
				}
			}
			for _, p := range op.Parameters {
				if p.In == "query" {
					query = append(query, p.Name)
				}
			}
			want := []string(nil)
			switch {
			case key == "/collections/{collectionId}/items":
				want = ogc.ItemParams
			case strings.HasPrefix(key, "/export/") || strings.HasPrefix(key, "/tiles/"):
				want = viewParams // the view's query, as /api/events reads it
			case !strings.HasPrefix(key, "/api/"):
				want = []string{"f", "ui"}
			}
			if want != nil && !slices.Equal(query, want) {
				t.Errorf("%s %s: query parameters %q, the server reads %q", method, key, query, want)
			}
		}
	}
}

// viewParams are the query parameters of a view that the site's data routes read.
var viewParams = []string{"bbox", "from", "to", "q", "place", "country", "source", "lang", "limit", "offset"}

// TestOpenAPIDocument: the document is the landing page's service-desc, its $refs resolve, and
// its page (service-doc) shows every operation.
func TestOpenAPIDocument(t *testing.T) {
	ts := newServer(t, nil)
	doc, body := apiDoc(t, ts)
	if u := doc.Servers[0].URL; u != ts.URL+"/ogc" {
		t.Errorf("server %q, want the landing page %s/ogc", u, ts.URL)
	}
	var all map[string]any
	if err := json.Unmarshal(body, &all); err != nil {
		t.Fatal(err)
	}
	schemas := all["components"].(map[string]any)["schemas"].(map[string]any)
	refs := regexp.MustCompile(`"\$ref":"#/components/schemas/([^"]+)"`).FindAllStringSubmatch(string(body), -1)
	if len(refs) < 10 {
		t.Errorf("%d $refs", len(refs))
	}
	for _, m := range refs {
		if _, ok := schemas[m[1]]; !ok {
			t.Errorf("$ref %s does not resolve", m[1])
		}
	}

	_, page := ts.get(t, "/api", http.StatusOK, "Accept", "text/html")
	for path, methods := range fullPaths(t, doc) {
		for _, m := range methods {
			// The page writes {param}; the routes :param.
			want := regexp.MustCompile(`:([A-Za-z]+)`).ReplaceAllString(path, "{$1}")
			if !strings.Contains(string(page), "<code>"+m+" "+want) {
				t.Errorf("the page does not document %s %s", m, want)
			}
		}
	}
}
