package layers_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/datelinehq/dateline/"

// watchSources stats every Go file of the module: go test caches a result by the files the
// test itself opens or stats, not by those `go list` reads, so without this a change of imports
// elsewhere would leave a stale pass in the cache.
func watchSources(t *testing.T) {
	t.Helper()
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "../.." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") || d.Name() == "go.mod" {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// deps lists the packages pkg imports, directly or not, with `go list -deps`.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", module+pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

// imports lists the packages pkg imports directly.
func imports(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, module+pkg).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

// stores are the packages that implement the store; each depends on the domain alone.
var stores = []string{"internal/sqlite", "internal/storetest"}

func TestDomainImportsNoInternalPackage(t *testing.T) {
	watchSources(t)
	for _, p := range imports(t, "internal/report") {
		if strings.HasPrefix(p, module) {
			t.Errorf("internal/report imports %s", p)
		}
	}
}

func TestStoresDependOnTheDomainAlone(t *testing.T) {
	watchSources(t)
	for _, s := range stores {
		for _, p := range deps(t, s) {
			if strings.HasPrefix(p, module) && p != module+s && p != module+"internal/report" {
				t.Errorf("%s depends on %s", s, p)
			}
			if forbidden(p) {
				t.Errorf("%s depends on %s", s, p)
			}
		}
	}
}

func TestQueryStringOwnerKnowsTheDomainAlone(t *testing.T) {
	watchSources(t)
	for _, p := range imports(t, "internal/viewquery") {
		if strings.HasPrefix(p, module) && p != module+"internal/report" {
			t.Errorf("internal/viewquery imports %s", p)
		}
	}
}

func TestIntakeAndViewsKnowNothingOfTheWeb(t *testing.T) {
	watchSources(t)
	for _, pkg := range []string{"internal/intake", "views"} {
		for _, p := range deps(t, pkg) {
			if p == module+"internal/web" || strings.HasPrefix(p, "github.com/labstack/echo") {
				t.Errorf("%s depends on %s", pkg, p)
			}
		}
	}
	if slices.Contains(deps(t, "internal/intake"), module+"views") {
		t.Errorf("internal/intake depends on the views")
	}
}

// forbidden reports whether a store may not depend on p: the web, the views, echo, templ.
func forbidden(p string) bool {
	return p == module+"internal/web" || p == module+"views" ||
		strings.HasPrefix(p, "github.com/labstack/echo") || strings.HasPrefix(p, "github.com/a-h/templ")
}
