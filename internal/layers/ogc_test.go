package layers_test

import (
	"strings"
	"testing"
)

// TestOGCParamsKnowTheDomainAlone: internal/ogc, which reads the OGC API's query strings, imports
// the domain, viewquery's parameter error and the CQL2 parser of Dateline's packages, and nothing
// of the web; the CQL2 parser imports the domain alone.
func TestOGCParamsKnowTheDomainAlone(t *testing.T) {
	watchSources(t)
	for _, p := range imports(t, "internal/ogc") {
		if strings.HasPrefix(p, module) && p != module+"internal/report" && p != module+"internal/viewquery" && p != module+"internal/cql2" {
			t.Errorf("internal/ogc imports %s", p)
		}
	}
	for _, p := range imports(t, "internal/cql2") {
		if strings.HasPrefix(p, module) && p != module+"internal/report" {
			t.Errorf("internal/cql2 imports %s", p)
		}
	}
	for _, p := range deps(t, "internal/cql2") {
		if forbidden(p) {
			t.Errorf("internal/cql2 depends on %s", p)
		}
	}
	for _, p := range deps(t, "internal/ogc") {
		if forbidden(p) {
			t.Errorf("internal/ogc depends on %s", p)
		}
	}
}
