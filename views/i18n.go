package views

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// Locale is the language of the interface, "en" or "fr". Param is the ?ui= of the URL when it
// chose the language, so that links keep it; empty when Accept-Language did. Path and RawQuery
// are the page's, for the links that switch language.
type Locale struct {
	Lang, Param    string
	Path, RawQuery string
}

type localeKey struct{}

// WithLocale is ctx with the locale the components render in.
func WithLocale(ctx context.Context, l Locale) context.Context {
	return context.WithValue(ctx, localeKey{}, l)
}

// LocaleOf is the locale of ctx; English when it has none.
func LocaleOf(ctx context.Context) Locale {
	if l, ok := ctx.Value(localeKey{}).(Locale); ok && l.Lang != "" {
		return l
	}
	return Locale{Lang: "en"}
}

// T translates a message of the interface, written in English; a message without a
// translation stays English.
func (l Locale) T(msg string) string {
	if l.Lang == "fr" {
		if s, ok := french[msg]; ok {
			return s
		}
	}
	return msg
}

// Tf translates a format, then fills it.
func (l Locale) Tf(format string, args ...any) string { return fmt.Sprintf(l.T(format), args...) }

// Link is path, with ?ui= when the URL chose the language.
func (l Locale) Link(path string) string {
	if l.Param == "" {
		return path
	}
	return path + "?ui=" + l.Param
}

// Switch is the page in the language lang.
func (l Locale) Switch(lang string) string {
	q, _ := url.ParseQuery(l.RawQuery)
	q.Set("ui", lang)
	return l.Path + "?" + q.Encode()
}

// Back is the page's own path and query, where a form that changes a setting returns; its ui
// is the one the URL chose, if any.
func (l Locale) Back() string {
	if l.Path == "" {
		return "/"
	}
	q, _ := url.ParseQuery(l.RawQuery)
	q.Del("ui")
	if l.Param != "" {
		q.Set("ui", l.Param)
	}
	if len(q) == 0 {
		return l.Path
	}
	return l.Path + "?" + q.Encode()
}

// Events is "1 event", "3 events", in the locale.
func (l Locale) Events(n int) string { return l.count(n, "%d event", "%d events") }

// Places is "1 place", "3 places", in the locale.
func (l Locale) Places(n int) string { return l.count(n, "%d place", "%d places") }

func (l Locale) count(n int, one, many string) string {
	if n == 1 || n == 0 && l.Lang == "fr" { // French counts zero in the singular
		return l.Tf(one, n)
	}
	return l.Tf(many, n)
}

// Kind names a place kind for readers: town, province, country, region.
func (l Locale) Kind(kind string) string {
	switch kind {
	case "place":
		return l.T("town")
	case "admin":
		return l.T("province")
	}
	return l.T(kind)
}

// Date is d at its precision as readers of the locale write it: "16 November 2017",
// "November 2017", "2017"; "16 novembre 2017", "1er novembre 2017", "novembre 2017". The zero
// Date is "undated".
func (l Locale) Date(d report.Date) string {
	if d.IsRange() {
		return l.dateRange(d.First(), d.Final())
	}
	switch d.Precision {
	case report.PrecisionNone:
		return l.T("undated")
	case report.PrecisionYear:
		return strconv.Itoa(d.Year)
	case report.PrecisionMonth:
		return l.month(d.Start())
	}
	return l.day(d.Start())
}

// dateRange writes the range from first to last (two dates of the same precision) without saying
// twice what both share: "3–5 October 2017", "du 3 au 5 octobre 2017", "28 September – 2 October 2017",
// "June–November 2017", "de juin à novembre 2017".
func (l Locale) dateRange(first, last report.Date) string {
	a, b := first.Start(), last.Start()
	var from string // first, less what last says for both
	switch {
	case first.Precision == report.PrecisionMonth && a.Year() == b.Year():
		from = l.month(a)
		from = from[:len(from)-len(strconv.Itoa(a.Year()))-1]
	case first.Precision == report.PrecisionMonth:
		from = l.month(a)
	case a.Year() != b.Year():
		from = l.day(a)
	case a.Month() != b.Month():
		from = l.day(a)
		from = from[:len(from)-len(strconv.Itoa(a.Year()))-1]
	default:
		from = l.day(a)
		from = from[:strings.IndexByte(from, ' ')]
	}
	to := l.Date(last)
	if l.Lang == "fr" {
		if first.Precision == report.PrecisionMonth {
			return elide("de", from) + " à " + to
		}
		return "du " + from + " au " + to
	}
	if strings.Contains(from, " ") {
		return from + " – " + to // "28 September – 2 October 2017", "December 2016 – February 2017"
	}
	return from + "–" + to
}

// elide writes a French preposition before a word, "de juin", "d’avril".
func elide(prep, w string) string {
	if strings.ContainsRune("aeiouâéèêîôûh", []rune(w)[0]) {
		return prep[:len(prep)-1] + "’" + w
	}
	return prep + " " + w
}

// day is "16 November 2017", "16 novembre 2017".
func (l Locale) day(t time.Time) string {
	if l.Lang != "fr" {
		return t.Format("2 January 2006")
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return day + " " + frenchMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// month is "November 2017", "novembre 2017".
func (l Locale) month(t time.Time) string {
	if l.Lang != "fr" {
		return t.Format("January 2006")
	}
	return frenchMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// shortDay is "Thu 16 Nov 2017", "jeu. 16 nov. 2017".
func (l Locale) shortDay(t time.Time) string {
	if l.Lang != "fr" {
		return t.Format("Mon ") + l.shortDate(t)
	}
	return frenchWeekdays[t.Weekday()] + " " + l.shortDate(t)
}

// shortDate is "16 Nov 2017", "16 nov. 2017".
func (l Locale) shortDate(t time.Time) string {
	if l.Lang != "fr" {
		return t.Format("2 Jan 2006")
	}
	return strconv.Itoa(t.Day()) + " " + l.shortMonth(t)
}

// shortMonth is "Nov 2017", "nov. 2017".
func (l Locale) shortMonth(t time.Time) string {
	if l.Lang != "fr" {
		return t.Format("Jan 2006")
	}
	return frenchShortMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// monthOnly is "Oct", "oct.".
func (l Locale) monthOnly(t time.Time) string {
	if l.Lang != "fr" {
		return t.Format("Jan")
	}
	return frenchShortMonths[t.Month()-1]
}

// tr and trf translate in the locale of a component's context.
func tr(ctx context.Context, msg string) string { return LocaleOf(ctx).T(msg) }

func trf(ctx context.Context, format string, args ...any) string {
	return LocaleOf(ctx).Tf(format, args...)
}

var (
	frenchMonths      = [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	frenchShortMonths = [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
	frenchWeekdays    = [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}
)

// french is the French catalogue, keyed by the English message.
var french = map[string]string{
	// Site
	"Site": "Site", "Explore": "Explorer", "Add reports": "Ajouter des articles", "About": "À propos",
	"Language of the interface": "Langue de l’interface",
	"Places from":               "Lieux :", "countries from": "pays :", "basemap from": "fond de carte :",
	"About and credits": "À propos et crédits", "Embed": "Intégrer",
	"Paste this code into your page. The script in":       "Collez ce code dans votre page. Le script",
	"describes how the frame tells your page its height.": "explique comment le cadre donne sa hauteur à votre page.",
	"Events": "Événements",
	// Explore
	"Explore events": "Explorer les événements", "From": "Du", "To": "Au", "Words": "Mots",
	`Raqqa, "a phrase", prefix*`: `Raqqa, "une phrase", préfixe*`, "Place id": "Id. du lieu",
	"Country": "Pays", "Source": "Source", "Language": "Langue", "Box": "Cadre", "Filter": "Filtrer",
	"Clear": "Effacer", "Map of events": "Carte des événements",
	"Map of the events: circles sized by their number, coloured by precision": "Carte des événements : cercles proportionnels à leur nombre, colorés selon la précision",
	"town": "ville", "province": "province", "country": "pays", "region": "région",
	"Timeline": "Chronologie", "day": "jour", "week": "semaine", "month": "mois", "year": "année",
	"Events per %s from %s to the day before %s":            "Événements par %s, du %s à la veille du %s",
	"%s; bars per %s, %s to %s (excluded).":                 "%s ; barres par %s, du %s au %s (exclu).",
	"Off the axis: events of %s to %s,":                     "Hors de l’axe : les événements du %s au %s,",
	"show them":                                             "les voir",
	"Drag across the bars, or pick a bar, to keep a range.": "Faites glisser sur les barres, ou choisissez-en une, pour garder une période.",
	"week of %s": "semaine du %s", "%s: %s": "%s : %s", ": ": " : ",
	"%d event": "%d événement", "%d events": "%d événements", "%d place": "%d lieu", "%d places": "%d lieux",
	"Pages": "Pages", "Previous": "Précédente", "Next": "Suivante", "Page %d of %d": "Page %d sur %d",
	"undated": "sans date", "Untitled report": "Article sans titre", "source": "source",
	"All %s here": "Les %s de ce lieu", "%s on Dateline": "%s sur Dateline",
	"Part of the filter is invalid: the events below leave it out.": "Une partie du filtre est invalide : les événements ci-dessous n’en tiennent pas compte.",
	"List only what the map shows":                                  "Ne lister que ce que montre la carte", "Legend of the map": "Légende de la carte",
	"grey: a region, or several places (select it to zoom in)": "gris : une région, ou plusieurs lieux (choisissez-le pour zoomer)",
	"size and number: how many events":                         "taille et nombre : combien d’événements",
	"dots: so many events that the map draws them small, without numbers (select one for its events, or zoom in; at the keyboard, Enter on the map opens the one nearest its centre)": "points : tant d’événements que la carte les dessine petits, sans nombres (choisissez-en un pour ses événements, ou zoomez ; au clavier, Entrée sur la carte ouvre le plus proche de son centre)",
	"faded: earlier steps of playback": "estompés : les étapes précédentes de la lecture",
	"Playback":                         "Lecture", "Back": "Reculer", "Play": "Lire", "Pause": "Pause", "Step": "Avancer", "Stop": "Arrêter",
	"Step %d of %d: %s": "Étape %d sur %d : %s",
	"Download":          "Télécharger", "these %s": "ces %s",
	"this report's %d places": "les %d lieux de cet article",
	"Theme":                   "Thème", "System": "Système", "Light": "Clair", "Dark": "Sombre", "Set": "Appliquer",
	"No event from %s to %s matches these filters. Widen the range or clear a filter.": "Aucun événement du %s au %s ne correspond à ces filtres. Élargissez la période ou retirez un filtre.",
	"No event from %s on matches these filters. Widen the range or clear a filter.":    "Aucun événement à partir du %s ne correspond à ces filtres. Élargissez la période ou retirez un filtre.",
	"No event up to %s matches these filters. Widen the range or clear a filter.":      "Aucun événement jusqu’au %s ne correspond à ces filtres. Élargissez la période ou retirez un filtre.",
	"No event matches these filters. Clear a filter to see more.":                      "Aucun événement ne correspond à ces filtres. Retirez un filtre pour en voir plus.",
	"No events yet: add reports to see them here.":                                     "Aucun événement pour l’instant : ajoutez des articles pour les voir ici.",
	// Report and place
	"language": "langue", "original": "original", "Map of the report's places": "Carte des lieux de l’article",
	"not a place": "pas un lieu", "Not a place": "Pas un lieu", "Dates found": "Dates trouvées", "No date.": "Aucune date.",
	"Places": "Lieux", "As written": "Tel qu’écrit", "Place": "Lieu", "Date": "Date", "Confidence": "Confiance",
	"Correct it": "Corriger", "(corrected)": "(corrigé)", "Place of %s": "Lieu de %s", "Save": "Enregistrer",
	"population %s": "population %s", "on the map": "sur la carte", "from %s to %s": "du %s au %s", "Map of %s": "Carte de %s",
	"Report %s": "Article %s",
	// Ingest
	"Not read": "Non lus", "Saved": "Enregistrés", "stored": "enregistré", "already stored": "déjà enregistré",
	"not stored": "non enregistré", "Text of a report": "Texte d’un article", "About it (optional)": "À son sujet (facultatif)",
	"Title": "Titre", "URL": "URL", "Or files": "Ou des fichiers",
	`Plain text (an optional first line "date 2017-11"), HTML articles, JSON, JSON Lines, RSS or Atom. The date and the source above apply to the reports without one.`: `Texte brut (une première ligne « date 2017-11 » facultative), articles HTML, JSON, JSON Lines, RSS ou Atom. La date et la source ci-dessus valent pour les articles qui n’en ont pas.`,
	"Preview": "Aperçu",
	// About
	"About Dateline": "À propos de Dateline", "Data and credits": "Données et crédits", "Machine-readable": "Pour les machines",
	// Scripts
	"date range brush": "sélecteur de période", "%s to %s: %s. Enter keeps this range.": "du %s au %s : %s. Entrée garde cette période.",
	"Range cleared.": "Période effacée.",
	"Arrow keys move the range by one %s, Shift and the arrow keys make it longer or shorter, Enter keeps it, Escape clears it.": "Les flèches déplacent la période d’un cran (%s), Maj et les flèches l’allongent ou la raccourcissent, Entrée la garde, Échap l’efface.",
	// oEmbed and map images
	"Dateline: events on a map and a timeline": "Dateline : les événements sur une carte et une chronologie",
	"Dateline: %s on a map of %s":              "Dateline : %s sur la carte de %s",
	// Errors
	"Bad request": "Requête invalide", "Page not found": "Page introuvable", "Method not allowed": "Méthode non permise",
	"Conflict": "Conflit", "Too large": "Trop volumineux", "Unsupported format": "Format non pris en charge",
	"Invalid input": "Données invalides", "Too many requests": "Trop de requêtes", "Internal error": "Erreur interne",
	"Not implemented": "Non pris en charge", "Service unavailable": "Service indisponible",
	"Request id:": "Identifiant de la requête :", "Back to the events": "Retour aux événements",
	"internal error": "erreur interne", "nothing at %s": "rien à l’adresse %s", "%s is not allowed on %s": "%s n’est pas permis sur %s",
	"the request body is larger than the %d-byte limit": "le corps de la requête dépasse la limite de %d octets",
	"Another place for %s":                              "Un autre lieu pour %s", "or search a place…": "ou cherchez un lieu…",
	"Add a place the parser missed": "Ajouter un lieu que l’analyse a manqué", "As written in the text": "Tel qu’écrit dans le texte",
	"select it in the text": "sélectionnez-le dans le texte", "search a place…": "cherchez un lieu…", "Add": "Ajouter",
	"Delete": "Supprimer", "Delete this report": "Supprimer cet article",
	"Delete this report, its places and their corrections?": "Supprimer cet article, ses lieux et leurs corrections ?",
}

// errorTitles are the headings of the error pages, by status; others have the status's text.
var errorTitles = map[int]string{
	http.StatusBadRequest:            "Bad request",
	http.StatusNotFound:              "Page not found",
	http.StatusMethodNotAllowed:      "Method not allowed",
	http.StatusConflict:              "Conflict",
	http.StatusRequestEntityTooLarge: "Too large",
	http.StatusUnsupportedMediaType:  "Unsupported format",
	http.StatusUnprocessableEntity:   "Invalid input",
	http.StatusTooManyRequests:       "Too many requests",
	http.StatusInternalServerError:   "Internal error",
	http.StatusNotImplemented:        "Not implemented",
	http.StatusServiceUnavailable:    "Service unavailable",
}

// errorTitle is the heading of the error page of status.
func errorTitle(ctx context.Context, status int) string {
	if t, ok := errorTitles[status]; ok {
		return tr(ctx, t)
	}
	return http.StatusText(status)
}

// scriptMessages are the messages of our JavaScript in the locale, by name: map.js and
// explore.js read them from the page (mapScripts) and fill the %s and %d themselves.
func scriptMessages(l Locale) map[string]string {
	m := map[string]string{
		"event":   l.T("%d event"),
		"events":  l.T("%d events"),
		"brush":   l.T("date range brush"),
		"range":   l.T("%s to %s: %s. Enter keeps this range."),
		"cleared": l.T("Range cleared."),
		"cluster": l.T("%s: %s"),
		"step":    l.T("Step %d of %d: %s"),
		"Play":    l.T("Play"),
		"Pause":   l.T("Pause"),
	}
	for _, size := range []report.BinSize{report.BinDay, report.BinWeek, report.BinMonth} {
		m["keys."+string(size)] = l.Tf("Arrow keys move the range by one %s, Shift and the arrow keys make it longer or shorter, Enter keeps it, Escape clears it.", l.T(string(size)))
	}
	return m
}
