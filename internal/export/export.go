// Package export writes a stream of events as a file in one of the formats GIS tools and
// spreadsheets read: GeoJSON, GeoJSON Lines, CSV and KML. It writes each event as it comes, so that
// an export of any size takes the memory of one event and a buffer.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"iter"
	"strconv"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// Format is a file format of an export.
type Format string

const (
	GeoJSON      Format = "geojson"  // one FeatureCollection (RFC 7946)
	GeoJSONLines Format = "geojsonl" // one Feature a line (newline-delimited GeoJSON)
	CSV          Format = "csv"      // a row an event, lon/lat and WKT columns (RFC 4180)
	KML          Format = "kml"      // a Placemark an event, dated by a TimeSpan (OGC KML 2.2)
)

// Formats are the export formats, in the order a menu lists them.
var Formats = []Format{GeoJSON, GeoJSONLines, CSV, KML}

// ParseFormat reads a format's name, as Formats spell it.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", report.Errorf(report.Invalid, "no export format %q: give geojson, geojsonl, csv or kml", s)
}

// ContentType is the media type of a file in f.
func (f Format) ContentType() string {
	switch f {
	case GeoJSONLines:
		return "application/x-ndjson" // newline-delimited: RFC 8142's application/geo+json-seq wants RS separators
	case CSV:
		return "text/csv; charset=utf-8; header=present"
	case KML:
		return "application/vnd.google-earth.kml+xml"
	}
	return "application/geo+json"
}

// Label is how a menu names f.
func (f Format) Label() string {
	switch f {
	case GeoJSONLines:
		return "GeoJSON Lines"
	case CSV:
		return "CSV"
	case KML:
		return "KML"
	}
	return "GeoJSON"
}

// Columns are the CSV export's columns, in order. WKT is a POINT in longitude, latitude (the name
// GDAL's CSV driver reads as the geometry); start and end are the first and last days of the date,
// whatever its precision.
var Columns = []string{
	"id", "lon", "lat", "WKT", "name", "geonameid", "kind", "feature_code", "country_code", "admin1",
	"text", "date", "precision", "start", "end", "sentence", "confidence", "corrected",
	"report_id", "title", "source", "url", "lang", "published",
}

// Write writes the events of events to w in f, and returns how many it wrote. It stops at the
// first error of the stream or of w; what was written by then is a cut-short file.
func Write(w io.Writer, f Format, events iter.Seq2[report.Event, error]) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	var e encoder
	switch f {
	case GeoJSON, GeoJSONLines:
		e = &geojsonEncoder{w: bw, lines: f == GeoJSONLines}
	case CSV:
		e = &csvEncoder{w: csv.NewWriter(bw)}
	case KML:
		e = &kmlEncoder{w: bw}
	default:
		return 0, fmt.Errorf("export: no format %q", f)
	}
	n := 0
	if err := e.begin(); err != nil {
		return 0, err
	}
	for ev, err := range events {
		if err != nil {
			return n, err
		}
		if err := e.event(&ev); err != nil {
			return n, err
		}
		n++
	}
	if err := e.end(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

type encoder interface {
	begin() error
	event(*report.Event) error
	end() error
}

type geojsonEncoder struct {
	w     *bufio.Writer
	lines bool
	buf   []byte
	n     int
}

func (g *geojsonEncoder) begin() error {
	if g.lines {
		return nil
	}
	_, err := g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

func (g *geojsonEncoder) event(e *report.Event) error {
	g.buf = g.buf[:0]
	if !g.lines && g.n > 0 {
		g.buf = append(g.buf, ',')
	}
	g.n++
	props := report.EventProperties(e)
	var err error
	if g.buf, err = report.AppendFeature(g.buf, e.MentionID, e.Place.Lon, e.Place.Lat, &props); err != nil {
		return err
	}
	if g.lines {
		g.buf = append(g.buf, '\n')
	}
	_, err = g.w.Write(g.buf)
	return err
}

func (g *geojsonEncoder) end() error {
	if g.lines {
		return nil
	}
	_, err := g.w.WriteString("]}\n")
	return err
}

type csvEncoder struct {
	w   *csv.Writer
	row []string
}

func (c *csvEncoder) begin() error { return c.w.Write(Columns) }

func (c *csvEncoder) event(e *report.Event) error {
	p := &e.Place
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	start, end := "", ""
	if !e.Date.IsZero() {
		start, end = e.Date.Start().Format(time.DateOnly), e.Date.Last().Format(time.DateOnly)
	}
	published := ""
	if !e.Published.IsZero() {
		published = e.Published.String()
	}
	c.row = append(c.row[:0],
		strconv.FormatInt(e.MentionID, 10), num(p.Lon), num(p.Lat), "POINT ("+num(p.Lon)+" "+num(p.Lat)+")",
		p.Name, strconv.FormatInt(p.ID, 10), string(p.Kind()), p.FeatureCode, p.CountryCode, p.Admin1,
		e.Text, dateString(e.Date), precision(e.Date), start, end, e.Sentence,
		strconv.FormatFloat(e.Confidence, 'f', 3, 64), strconv.FormatBool(e.Corrected),
		e.ReportID, e.Title, e.Source, e.URL, e.Lang, published,
	)
	return c.w.Write(c.row)
}

func (c *csvEncoder) end() error {
	c.w.Flush()
	return c.w.Error()
}

type kmlEncoder struct {
	w *bufio.Writer
}

func (k *kmlEncoder) begin() error {
	_, err := k.w.WriteString(xml.Header + `<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Dateline events</name>` + "\n")
	return err
}

// text writes s escaped for XML character data.
func (k *kmlEncoder) text(s string) {
	xml.EscapeText(k.w, []byte(s)) // a bufio.Writer keeps its first error
}

func (k *kmlEncoder) event(e *report.Event) error {
	p := &e.Place
	w := k.w
	fmt.Fprintf(w, `<Placemark id="m%d"><name>`, e.MentionID)
	k.text(p.Name)
	w.WriteString("</name><description>")
	k.text(e.Sentence)
	w.WriteString("</description>")
	if !e.Date.IsZero() {
		// from the first instant of the date's first day to the last of its last (Google Earth's slider)
		w.WriteString("<TimeSpan><begin>" + e.Date.Start().Format("2006-01-02T15:04:05Z") + "</begin><end>" +
			e.Date.End().Add(-time.Second).Format("2006-01-02T15:04:05Z") + "</end></TimeSpan>")
	}
	w.WriteString("<ExtendedData>")
	for _, d := range [][2]string{
		{"text", e.Text}, {"date", dateString(e.Date)}, {"precision", precision(e.Date)},
		{"geonameid", strconv.FormatInt(p.ID, 10)}, {"kind", string(p.Kind())}, {"country_code", p.CountryCode},
		{"confidence", strconv.FormatFloat(e.Confidence, 'f', 3, 64)}, {"report_id", e.ReportID}, {"title", e.Title},
		{"source", e.Source}, {"url", e.URL},
	} {
		w.WriteString(`<Data name="` + d[0] + `"><value>`)
		k.text(d[1])
		w.WriteString("</value></Data>")
	}
	w.WriteString("</ExtendedData><Point><coordinates>")
	w.WriteString(strconv.FormatFloat(p.Lon, 'f', -1, 64) + "," + strconv.FormatFloat(p.Lat, 'f', -1, 64))
	_, err := w.WriteString("</coordinates></Point></Placemark>\n")
	return err
}

func (k *kmlEncoder) end() error {
	_, err := k.w.WriteString("</Document></kml>\n")
	return err
}

func dateString(d report.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func precision(d report.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Precision.String()
}
