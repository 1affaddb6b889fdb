package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// pageIn gets an HTML page with an Accept-Language header.
func (ts *testServer) pageIn(t testing.TB, path, acceptLanguage string) string {
	t.Helper()
	res, body := ts.do(t, http.MethodGet, path, "", nil, "Accept-Language", acceptLanguage)
	wantStatus(t, res, body, http.StatusOK)
	if v := res.Header.Values("Vary"); !strings.Contains(strings.Join(v, ","), "Accept-Language") {
		t.Errorf("%s: Vary %q does not name Accept-Language", path, v)
	}
	return string(body)
}

func TestLanguages(t *testing.T) {
	ts := newDemoServer(t, nil)
	const day = "?from=2017-11-16&to=2017-11-16"
	french := []string{`<html lang="fr"`, ">Filtrer</button>", ">Chronologie</h2>", "<label>Du <input", `aria-label="Carte des événements"`,
		" événements</span>", ">16 novembre 2017</time>", `<script id="dateline-messages" type="application/json">`,
		`"brush":"sélecteur de période"`, `"cleared":"Période effacée."`, `"events":"%d événements"`, `"range":"du %s au %s : %s. Entrée garde cette période."`,
		`"keys.day":"Les flèches déplacent la période d’un cran (jour), Maj et les flèches l’allongent ou la raccourcissent, Entrée la garde, Échap l’efface."`, `aria-label="Événements par jour, du 16 novembre 2017 à la veille du 17 novembre 2017"`,
		">Ajouter des articles</a>", ">ville<", `placeholder="Raqqa, &#34;une phrase&#34;, préfixe*"`}
	english := []string{`<html lang="en"`, `"brush":"date range brush"`, `"events":"%d events"`, ">Filter</button>", ">Timeline</h2>", "<label>From <input", " events</span>", ">16 November 2017</time>", ">Add reports</a>"}
	for _, tt := range []struct {
		name, path, acceptLanguage string
		want, not                  []string
	}{
		{"English by default", "/" + day, "", english, []string{"Filtrer"}},
		{"French from Accept-Language", "/" + day, "fr-CA,fr;q=0.9,en;q=0.8", french, []string{">Filter<", `name="ui"`, `href="/ingest?ui=fr"`}},
		{"French from a later Accept-Language tag", "/" + day, "de-DE, fr;q=0.5", french, nil},
		{"French from ?ui=fr, kept by the links and the form", "/" + day + "&ui=fr", "", append(french,
			`<input type="hidden" name="ui" value="fr">`, `href="/?ui=fr"`, `href="/ingest?ui=fr"`, `&amp;ui=fr"`), nil},
		{"?ui=en wins over a French Accept-Language", "/" + day + "&ui=en", "fr-FR", english, []string{"Filtrer", ">16 novembre 2017</time>"}},
		{"an unknown ?ui is ignored", "/" + day + "&ui=xx", "fr", french, []string{"ui=xx"}},
		{"a month-precision date in French", "/?q=Markada", "fr", []string{">novembre 2017</time>"}, nil},
		{"the about page in French", "/about", "fr", []string{"<h1>À propos de Dateline</h1>", "GeoNames", "CC BY 4.0", "world-countries"}, []string{"About Dateline"}},
		{"the ingest page in French", "/ingest?ui=fr", "", []string{`action="/ingest?ui=fr"`, ">Aperçu</button>", ">Enregistrer</button>", "<legend>À son sujet (facultatif)</legend>"}, []string{">Preview<"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			html := ts.pageIn(t, tt.path, tt.acceptLanguage)
			for _, want := range tt.want {
				if !strings.Contains(html, want) {
					t.Errorf("the page has no %s", want)
				}
			}
			for _, not := range tt.not {
				if strings.Contains(html, not) {
					t.Errorf("the page has %s", not)
				}
			}
		})
	}

	t.Run("the report and place pages in French", func(t *testing.T) {
		res, body := ts.post(t, "text/plain", readSeed(t))
		wantStatus(t, res, body, http.StatusOK)
		seed := parseReport(t, body)
		html := ts.pageIn(t, "/reports/"+seed.ID+"?ui=fr", "")
		for _, want := range []string{`<html lang="fr"`, ">Dates trouvées</h2>", `<time datetime="2017-11-16">16 novembre 2017</time> (jour)`,
			`<time datetime="2017-11">novembre 2017</time>`, ">Pas un lieu</option>", ">Confiance</th>", `/mentions/`, `?ui=fr"`} {
			if !strings.Contains(html, want) {
				t.Errorf("the report page has no %s", want)
			}
		}
		place := ts.pageIn(t, "/places/"+placeIDOf(t, ts, "Raqqa"), "fr")
		for _, want := range []string{">sur la carte</a>", " événements", " octobre 2017 au ", "ville"} {
			if !strings.Contains(place, want) {
				t.Errorf("the place page has no %s", want)
			}
		}
	})
}
