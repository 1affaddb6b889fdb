package layers_test

import (
	"strings"
	"testing"
)

// TestOGCParamsKnowTheDomainAlone: internal/ogc, which reads the OGC API's query strings, imports
// the domain and viewquery's parameter error of Dateline's packages, and nothing of the web.
func TestOGCParamsKnowTheDomainAlone(t *testing.T) {
	watchSources(t)
	for _, p := range imports(t, "internal/ogc") {
		if strings.HasPrefix(p, module) && p != module+"internal/report" && p != module+"internal/viewquery" {
			t.Errorf("internal/ogc imports %s", p)
		}
	}
	for _, p := range deps(t, "internal/ogc") {
		if forbidden(p) {
			t.Errorf("internal/ogc depends on %s", p)
		}
	}
}
