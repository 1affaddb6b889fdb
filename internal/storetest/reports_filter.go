package storetest

import (
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

// testReportsFiltered: reports by source, language, words and the box their events lie in, with
// CountReports agreeing with the pages.
func testReportsFiltered(t *testing.T, s Store) {
	seed(t, s)
	europe := orb.Bound{Min: orb.Point{-10, 35}, Max: orb.Point{40, 60}}
	japan := orb.Bound{Min: orb.Point{129, 30}, Max: orb.Point{146, 46}}
	pacific := orb.Bound{Min: orb.Point{170, -60}, Max: orb.Point{-60, 60}} // across the antimeridian: Lima
	tests := []struct {
		name string
		f    report.ReportFilter
		want string // titles' first words, newest first
	}{
		{"all", report.ReportFilter{}, "Floods Séisme Drought Notes"},
		{"a source", report.ReportFilter{Source: "wire"}, "Floods Séisme"},
		{"a language", report.ReportFilter{Lang: "fr"}, "Séisme"},
		{"words", report.ReportFilter{Q: "rain"}, "Floods Drought"},
		{"events in Europe", report.ReportFilter{BBox: &europe}, "Floods Séisme Notes"},
		{"events in Japan", report.ReportFilter{BBox: &japan}, "Séisme"},
		{"events across the antimeridian", report.ReportFilter{BBox: &pacific}, "Drought"},
		{"Europe, in English, in 2022", report.ReportFilter{BBox: &europe, Lang: "en", From: day(2022, 1, 1), To: day(2022, 12, 31)}, "Floods"},
		{"none", report.ReportFilter{Source: "wire", Lang: "de"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			f := tt.f
			f.Limit = 1
			for {
				page, err := s.ListReports(t.Context(), f)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range page.Reports {
					got = append(got, strings.Fields(r.Title)[0])
				}
				if page.Next == "" {
					break
				}
				f.Cursor = page.Next
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("ListReports: %q, want %q", got, tt.want)
			}
			n, err := s.CountReports(t.Context(), tt.f)
			if want := len(strings.Fields(tt.want)); err != nil || n != want {
				t.Errorf("CountReports = %d, %v; want %d", n, err, want)
			}
		})
	}
	_, err := s.ListReports(t.Context(), report.ReportFilter{Q: `"unclosed`})
	wantKind(t, "ListReports with an unclosed quote", err, report.Invalid)
	bad := orb.Bound{Min: orb.Point{0, 10}, Max: orb.Point{10, 100}}
	_, err = s.CountReports(t.Context(), report.ReportFilter{BBox: &bad})
	wantKind(t, "CountReports of latitude 100", err, report.Invalid)
}
