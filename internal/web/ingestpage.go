package web

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/datelinehq/dateline/internal/ingest"
	"github.com/datelinehq/dateline/internal/report"
	"github.com/datelinehq/dateline/views"
	"github.com/labstack/echo/v4"
)

// ingestPage is GET /ingest: a form to paste a report or upload files.
func (s *Server) ingestPage(c echo.Context) error {
	return render(c, http.StatusOK, views.Ingest(views.IngestPage{Head: views.Head{Title: locale(c).T("Add reports")}}))
}

// ingestForm is POST /ingest, the ingest page's form (multipart/form-data, or urlencoded
// without files): pasted text with an optional title, source, url, date and lang, and files,
// read as POST /api/reports reads them. action=preview shows the places and dates found and
// stores nothing; action=save stores each report in its own transaction, like a batch of the
// API, then goes to the report page, or shows what became of each when there are several.
// Nothing read is an error page with the form, 4xx.
func (s *Server) ingestForm(c echo.Context) error {
	if err := s.crossOrigin.Check(c.Request()); err != nil {
		return echo.NewHTTPError(http.StatusForbidden, "a form of another site cannot add reports")
	}
	fields, files, err := readForm(c)
	if err != nil {
		return err
	}
	form := views.IngestForm{
		Text: fields.Get("text"), Title: strings.TrimSpace(fields.Get("title")), Source: fields.Get("source"),
		URL: strings.TrimSpace(fields.Get("url")), Date: strings.TrimSpace(fields.Get("date")), Lang: strings.TrimSpace(fields.Get("lang")),
	}
	preview := fields.Get("action") != "save"
	v := views.IngestPage{Head: views.Head{Title: locale(c).T("Add reports")}, Form: form}
	if int64(len(form.Text)) > s.maxReport {
		v.Form.Text = "" // not sent back
	}

	b := s.newBatch(c)
	emit := b.emit
	if preview {
		emit = func(it ingest.Item) error {
			r := s.intake.Analyse(it)
			v.Previews = append(v.Previews, previewOf(it.Origin, &r, func(p report.Place) string { return s.placeName(p, locale(c).Lang) }))
			return nil
		}
	}
	if err := s.readIngestForm(b, form, files, emit); err != nil {
		return err
	}
	if b.firstFail == nil && len(v.Previews)+len(b.body.Created)+len(b.body.Duplicates) == 0 {
		// files that are all blank lines: nothing read, nothing rejected (the API says the same)
		names := make([]string, len(files))
		for i, f := range files {
			names[i] = f.name
		}
		b.bad(ingest.Problem{Origin: strings.Join(names, ", "), Err: report.Errorf(report.Invalid, "the files hold no reports")})
	}
	for _, p := range b.body.Rejected {
		v.Problems = append(v.Problems, views.Problem{Origin: p.Origin, Message: p.Error})
	}
	created, dups := b.body.Created, b.body.Duplicates
	switch {
	case len(v.Previews)+len(created)+len(dups) == 0:
		status, _ := statusOf(c.Request(), b.firstFail)
		return render(c, status, views.Ingest(v))
	case !preview && len(created) == 1 && len(dups)+len(v.Problems) == 0:
		return c.Redirect(http.StatusSeeOther, locale(c).Link(views.ReportPath("/reports/", created[0].ID)))
	case !preview:
		v.Saved = &views.IngestSummary{}
		for _, it := range created {
			v.Saved.Created = append(v.Saved.Created, views.SavedReport{Origin: it.Origin, ID: it.ID})
		}
		for _, it := range dups {
			v.Saved.Duplicates = append(v.Saved.Duplicates, views.SavedReport{Origin: it.Origin, ID: it.ID})
		}
		v.Form = views.IngestForm{}
	}
	return render(c, http.StatusOK, views.Ingest(v))
}

// readForm reads the fields and the files of the form's body.
func readForm(c echo.Context) (url.Values, []upload, error) {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, nil, fmt.Errorf("web: read form: %w", err)
	}
	mt, params, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	switch mt {
	case "multipart/form-data":
		if params["boundary"] == "" {
			return nil, nil, echo.NewHTTPError(http.StatusBadRequest, "multipart/form-data without a boundary")
		}
		return readMultipart(body, params["boundary"])
	case "application/x-www-form-urlencoded":
		fields, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, nil, echo.NewHTTPError(http.StatusBadRequest, "malformed form body")
		}
		return fields, nil, nil
	}
	return nil, nil, report.Errorf(report.Unsupported, "send the form as multipart/form-data")
}

// readIngestForm reads the pasted text and the files into emit, and what cannot be read into
// b.bad. The form's date and source are the defaults of every report; its title, url and lang
// complete the pasted one.
func (s *Server) readIngestForm(b *batch, form views.IngestForm, files []upload, emit func(ingest.Item) error) error {
	opts := s.ingestOptions()
	opts.Source = strings.TrimSpace(form.Source)
	if form.Date != "" {
		d, err := report.ParseDate(form.Date)
		if err != nil {
			b.bad(ingest.Problem{Origin: "date", Err: err})
			return nil
		}
		opts.DefaultDate = d
	}
	lang := strings.ToLower(form.Lang)
	if lang != "" && (len(lang) < 2 || len(lang) > 3 || strings.Trim(lang, "abcdefghijklmnopqrstuvwxyz") != "") {
		b.bad(ingest.Problem{Origin: "lang", Err: report.Errorf(report.Invalid, "lang %q is not a language code like \"fr\"", form.Lang)})
		return nil
	}
	if strings.TrimSpace(form.Text) == "" && len(files) == 0 {
		b.bad(ingest.Problem{Origin: "text", Err: report.Errorf(report.Invalid, "text is empty: paste a report, or choose files")})
		return nil
	}
	if strings.TrimSpace(form.Text) != "" {
		complete := func(it ingest.Item) error {
			r := &it.Report
			r.Title, r.URL, r.Lang = cmp.Or(r.Title, form.Title), cmp.Or(r.URL, form.URL), cmp.Or(r.Lang, lang)
			return emit(it)
		}
		if err := ingest.Read(b.ctx(), strings.NewReader(form.Text), "text", "text/plain", opts, complete, b.bad); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := ingest.Read(b.ctx(), bytes.NewReader(f.data), f.name, f.contentType, opts, emit, b.bad); err != nil {
			return err
		}
	}
	return nil
}

// previewOf is a report read and analysed, not stored: its text with the mentions marked, and
// its places, called as name calls them.
func previewOf(origin string, r *report.Report, name func(report.Place) string) views.Preview {
	p := views.Preview{Origin: origin, Title: r.Title, Date: r.Published, Lang: r.Lang}
	p.Segments = markMentions(r.Text, r.Mentions, name, func(m report.Mention) {
		p.Places = append(p.Places, views.PreviewPlace{
			Text: m.Text, Name: name(m.Place), Kind: string(m.Place.Kind()), Country: m.Place.CountryCode, Date: m.Date,
		})
	})
	return p
}
