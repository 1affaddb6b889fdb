package web

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/internal/viewquery"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

// reportPage is GET /reports/:id: the report's text with its mentions marked and linked, the
// dates found, a small map, and a form per mention to correct it.
func (s *Server) reportPage(c echo.Context) error {
	r, err := s.reports.GetReport(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	loc := locale(c)
	v := views.ReportPage{
		Head: views.Head{Title: cmp.Or(r.Title, loc.Tf("Report %s", r.ID))},
		ID:   r.ID, Title: r.Title, Source: r.Source, URL: r.URL, Lang: r.Lang, Date: r.Published,
		Tiles:     s.tiles,
		AddAction: loc.Link(views.ReportPath("/reports/", r.ID) + "/mentions"), DeleteAction: loc.Link(views.ReportPath("/reports/", r.ID) + "/delete"),
	}
	var towns, all *orb.Bound
	dates := map[report.Date]int{} // index in v.Dates
	places := 0
	for _, m := range r.Mentions {
		if !m.NotAPlace {
			places++
		}
	}
	if places > 0 {
		v.Download = views.Download{GeoJSON: views.ReportPath("/api/reports/", r.ID) + "?f=geojson", Places: places, File: "dateline-report.geojson"}
	}
	name := func(p report.Place) string { return s.placeName(p, loc.Lang) }
	v.Segments = markMentions(r.Text, r.Mentions, name, func(m report.Mention) {
		v.Mentions = append(v.Mentions, mentionRow(loc, r.ID, m, name))
		if m.NotAPlace {
			return
		}
		if d := m.Date; !d.IsZero() {
			i, ok := dates[d]
			if !ok {
				i = len(v.Dates)
				dates[d] = i
				v.Dates = append(v.Dates, views.DateFound{Date: d})
			}
			v.Dates[i].Places = append(v.Dates[i].Places, m.Text)
		}
		pt := m.Place.Point()
		all = extend(all, pt)
		if m.Place.Kind() == report.KindPlace {
			towns = extend(towns, pt)
		}
	})
	if towns == nil {
		towns = all
	}
	if towns != nil {
		v.Bound = viewquery.FormatBBox(towns.Pad(0.5))
	}
	return render(c, http.StatusOK, views.Report(v))
}

// markMentions splits text into plain runs and the mentions that can be drawn (in order, not
// overlapping, inside the text), each with its place's name as name gives it, and calls each for
// every drawn mention.
func markMentions(text string, ms []report.Mention, name func(report.Place) string, each func(report.Mention)) []views.Segment {
	var segs []views.Segment
	pos := 0
	for _, m := range ms {
		if m.Start < pos || m.End > len(text) || m.Start >= m.End {
			continue // overlapping or out of the text: not drawn
		}
		if m.Start > pos {
			segs = append(segs, views.Segment{Text: text[pos:m.Start]})
		}
		segs = append(segs, views.Segment{
			Text: text[m.Start:m.End], MentionID: m.ID, PlaceID: m.Place.ID, Name: name(m.Place),
			Kind: string(m.Place.Kind()), NotAPlace: m.NotAPlace,
		})
		pos = m.End
		each(m)
	}
	return append(segs, views.Segment{Text: text[pos:]})
}

func extend(b *orb.Bound, p orb.Point) *orb.Bound {
	if b == nil {
		nb := p.Bound()
		return &nb
	}
	nb := b.Extend(p)
	return &nb
}

// mentionRow is a mention with the choices of its correction form: its place, the other
// candidates the resolver scored, and "not a place"; places are called as name calls them.
func mentionRow(loc views.Locale, reportID string, m report.Mention, name func(report.Place) string) views.MentionRow {
	row := views.MentionRow{
		ID: m.ID, Text: m.Text, Name: name(m.Place), Kind: string(m.Place.Kind()), Country: m.Place.CountryCode,
		Date: m.Date, Confidence: strconv.FormatFloat(m.Confidence, 'f', 2, 64), PlaceID: m.Place.ID,
		Corrected: m.Corrected, NotAPlace: m.NotAPlace,
		Action: loc.Link(fmt.Sprintf("%s/mentions/%d", views.ReportPath("/reports/", reportID), m.ID)),
	}
	label := func(p report.Place) string { return placeLabel(p, name(p), loc.Kind(string(p.Kind()))) }
	row.Choices = append(row.Choices, views.Choice{Value: strconv.FormatInt(m.Place.ID, 10), Label: label(m.Place), Selected: !m.NotAPlace})
	seen := map[int64]bool{m.Place.ID: true}
	for _, a := range m.Alternatives {
		if !seen[a.ID] {
			seen[a.ID] = true
			row.Choices = append(row.Choices, views.Choice{Value: strconv.FormatInt(a.ID, 10), Label: label(a.Place)})
		}
	}
	row.Choices = append(row.Choices, views.Choice{Value: "none", Label: loc.T("Not a place"), Selected: m.NotAPlace})
	return row
}

// correctMention is POST /reports/:id/mentions/:mention, a form with place=GEONAMEID (the
// mention's place or one of its candidates) or place=none (not a place), or search=NAME, a
// place of the gazetteer found by its name. The choice is stored, and the browser goes back to
// the mention on the report page.
func (s *Server) correctMention(c echo.Context) error {
	if err := s.crossOrigin.Check(c.Request()); err != nil {
		return echo.NewHTTPError(http.StatusForbidden, "a form of another site cannot correct a report")
	}
	ctx := c.Request().Context()
	id := c.Param("id")
	mid, err := strconv.ParseInt(c.Param("mention"), 10, 64)
	if err != nil {
		return report.Errorf(report.NotFound, "report %q has no mention %q", id, c.Param("mention"))
	}
	r, err := s.reports.GetReport(ctx, id)
	if err != nil {
		return err
	}
	var m *report.Mention
	for i := range r.Mentions {
		if r.Mentions[i].ID == mid {
			m = &r.Mentions[i]
		}
	}
	if m == nil {
		return report.Errorf(report.NotFound, "report %q has no mention %d", id, mid)
	}
	form, err := formFields(c)
	if err != nil {
		return err
	}
	place, err := s.chosenPlace(form.Get("place"), form.Get("search"), m)
	if err != nil {
		return err
	}
	if err := s.reports.CorrectMention(ctx, id, mid, place); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("%s#m-%d", locale(c).Link(views.ReportPath("/reports/", id)), mid))
}

// chosenPlace is the place a correction form chose: the gazetteer place its search field names,
// when filled ("Karachi", or a suggestion "Karachi (place, PK) #1174872"), else the mention's
// place or candidate of the place field; nil for "none", not a place.
func (s *Server) chosenPlace(choice, search string, m *report.Mention) (*report.Place, error) {
	if search = strings.TrimSpace(search); search != "" {
		p, err := s.findPlace(search)
		return &p, err
	}
	if choice == "none" {
		return nil, nil
	}
	if pid, err := strconv.ParseInt(choice, 10, 64); err == nil {
		if pid == m.Place.ID {
			return &m.Place, nil
		}
		for i := range m.Alternatives {
			if m.Alternatives[i].ID == pid {
				return &m.Alternatives[i].Place, nil
			}
		}
	}
	return nil, report.Errorf(report.Invalid, "place %q is not a candidate of %q: choose one of the list, search another, or not a place", choice, m.Text)
}

// findPlace is the gazetteer place a search field names: the id after "#" of a suggestion, else
// the first place the name finds.
func (s *Server) findPlace(search string) (report.Place, error) {
	if s.places == nil {
		return report.Place{}, report.Errorf(report.Invalid, "this server has no gazetteer to search %q in", search)
	}
	if i := strings.LastIndexByte(search, '#'); i >= 0 {
		if id, err := strconv.ParseInt(strings.TrimSpace(search[i+1:]), 10, 64); err == nil {
			if p, ok := s.places.Place(id); ok {
				return p, nil
			}
		}
		search = search[:i]
	}
	name, _, _ := strings.Cut(search, " (") // a suggestion's label without its id
	if ps := s.places.Search(name, 1); len(ps) > 0 {
		return ps[0], nil
	}
	return report.Place{}, report.Errorf(report.Invalid, "no place is named %q", strings.TrimSpace(name))
}

// addMention is POST /reports/:id/mentions, a form with text=AS WRITTEN and search=PLACE: the
// first place in the report's text that reads text and is no mention yet becomes a mention of
// the place, kept through reindexes (see report.AddedMention). The browser goes to it.
func (s *Server) addMention(c echo.Context) error {
	if err := s.crossOrigin.Check(c.Request()); err != nil {
		return echo.NewHTTPError(http.StatusForbidden, "a form of another site cannot change a report")
	}
	ctx := c.Request().Context()
	id := c.Param("id")
	r, err := s.reports.GetReport(ctx, id)
	if err != nil {
		return err
	}
	form, err := formFields(c)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(form.Get("text"))
	if text == "" {
		return report.Errorf(report.Invalid, "text is empty: write the place's name as the report writes it")
	}
	place, err := s.findPlace(form.Get("search"))
	if err != nil {
		return err
	}
	start := freeOccurrence(r, text)
	if start < 0 {
		return report.Errorf(report.Invalid, "the report has no %q outside its mentions", text)
	}
	m, err := s.reports.AddMention(ctx, id, start, start+len(text), place)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("%s#m-%d", locale(c).Link(views.ReportPath("/reports/", id)), m.ID))
}

// freeOccurrence is the offset of the first text in r.Text that overlaps no mention, or -1.
func freeOccurrence(r *report.Report, text string) int {
	for from := 0; ; {
		i := strings.Index(r.Text[from:], text)
		if i < 0 {
			return -1
		}
		start := from + i
		if !slices.ContainsFunc(r.Mentions, func(m report.Mention) bool { return m.Start < start+len(text) && start < m.End }) {
			return start
		}
		from = start + 1
	}
}

// deleteReportPage is POST /reports/:id/delete, the report page's delete button: the report, its
// mentions and its corrections are deleted, and the browser goes to the explore page.
func (s *Server) deleteReportPage(c echo.Context) error {
	if err := s.crossOrigin.Check(c.Request()); err != nil {
		return echo.NewHTTPError(http.StatusForbidden, "a form of another site cannot delete a report")
	}
	if err := s.reports.DeleteReport(c.Request().Context(), c.Param("id")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, locale(c).Link("/"))
}
