package web

import (
	"cmp"
	"fmt"
	"net/http"
	"strconv"

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
		Tiles: s.tiles,
	}
	var towns, all *orb.Bound
	dates := map[report.Date]int{} // index in v.Dates
	v.Segments = markMentions(r.Text, r.Mentions, func(m report.Mention) {
		v.Mentions = append(v.Mentions, mentionRow(loc, r.ID, m))
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
		pt := orb.Point{m.Place.Lon, m.Place.Lat}
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
// overlapping, inside the text), and calls each for every drawn mention.
func markMentions(text string, ms []report.Mention, each func(report.Mention)) []views.Segment {
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
			Text: text[m.Start:m.End], MentionID: m.ID, PlaceID: m.Place.ID, Name: m.Place.Name,
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
// candidates the resolver scored, and "not a place".
func mentionRow(loc views.Locale, reportID string, m report.Mention) views.MentionRow {
	row := views.MentionRow{
		ID: m.ID, Text: m.Text, Name: m.Place.Name, Kind: string(m.Place.Kind()), Country: m.Place.CountryCode,
		Date: m.Date, Confidence: strconv.FormatFloat(m.Confidence, 'f', 2, 64), PlaceID: m.Place.ID,
		Corrected: m.Corrected, NotAPlace: m.NotAPlace,
		Action: loc.Link(fmt.Sprintf("/reports/%s/mentions/%d", reportID, m.ID)),
	}
	label := func(p report.Place) string {
		return fmt.Sprintf("%s (%s, %s)", p.Name, loc.Kind(string(p.Kind())), p.CountryCode)
	}
	row.Choices = append(row.Choices, views.Choice{Value: strconv.FormatInt(m.Place.ID, 10), Label: label(m.Place), Selected: !m.NotAPlace})
	for _, a := range m.Alternatives {
		if a.ID != m.Place.ID {
			row.Choices = append(row.Choices, views.Choice{Value: strconv.FormatInt(a.ID, 10), Label: label(a.Place)})
		}
	}
	row.Choices = append(row.Choices, views.Choice{Value: "none", Label: loc.T("Not a place"), Selected: m.NotAPlace})
	return row
}

// correctMention is POST /reports/:id/mentions/:mention, a form with place=GEONAMEID (the
// mention's place or one of its candidates) or place=none (not a place). The choice is stored,
// and the browser goes back to the mention on the report page.
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
	choice := c.FormValue("place")
	var place *report.Place
	if choice != "none" {
		pid, err := strconv.ParseInt(choice, 10, 64)
		switch {
		case err != nil:
		case pid == m.Place.ID:
			place = &m.Place
		default:
			for i := range m.Alternatives {
				if m.Alternatives[i].ID == pid {
					place = &m.Alternatives[i].Place
				}
			}
		}
		if place == nil {
			return report.Errorf(report.Invalid, "place %q is not a candidate of %q: choose one of the list, or not a place", choice, m.Text)
		}
	}
	if err := s.reports.CorrectMention(ctx, id, mid, place); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("%s#m-%d", locale(c).Link("/reports/"+id), mid))
}
