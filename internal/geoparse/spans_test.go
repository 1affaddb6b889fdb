package geoparse_test

import (
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/report"
)

// marked splits a sentence whose given spans are written [[like this]] into the text and the spans.
func marked(t *testing.T, s string) (string, []geoparse.Span) {
	t.Helper()
	var b strings.Builder
	var spans []geoparse.Span
	for {
		i := strings.Index(s, "[[")
		if i < 0 {
			b.WriteString(s)
			return b.String(), spans
		}
		j := strings.Index(s[i:], "]]")
		if j < 0 {
			t.Fatalf("unclosed span in %q", s)
		}
		b.WriteString(s[:i])
		start := b.Len()
		b.WriteString(s[i+2 : i+j])
		spans = append(spans, geoparse.Span{Start: start, End: b.Len()})
		s = s[i+j+2:]
	}
}

// TestGoldSpanCases are sentences of our own read in gold-span mode: every given span must be resolved,
// to the place the sentence means.
func TestGoldSpanCases(t *testing.T) {
	p := realParser(t)
	cases := []struct {
		name string
		text string
		want []place
	}{
		{"a demonym is its people's country", "[[Norwegian]] fishermen sailed home past the [[Danish]] coast.",
			[]place{{"Norwegian", "NO", "", report.KindCountry}, {"Danish", "DK", "", report.KindCountry}}},
		{"a people in the plural", "The [[Peruvians]] and the [[Chileans]] met at the border talks.",
			[]place{{"Peruvians", "PE", "", report.KindCountry}, {"Chileans", "CL", "", report.KindCountry}}},
		{"a demonym is not a hamlet of a like name", "The [[Hungarian]] minister spoke after the [[Turkish]] envoy.",
			[]place{{"Hungarian", "HU", "", report.KindCountry}, {"Turkish", "TR", "", report.KindCountry}}},
		{"a country that is also a demonym stays the country", "Aid reached the [[Philippines]] on Friday.",
			[]place{{"Philippines", "PH", "", report.KindCountry}}},
		{"a list of states is not a town qualified by a state", "Flu cases rose in [[Oregon]], [[California]], [[Missouri]] and [[Nevada]] this week.",
			[]place{{"Oregon", "US", "OR", report.KindAdmin}, {"California", "US", "CA", report.KindAdmin},
				{"Missouri", "US", "MO", report.KindAdmin}, {"Nevada", "US", "NV", report.KindAdmin}}},
		{"a state among its sibling states", "Storms hit [[Georgia]] on Monday before moving into [[Alabama]] and [[Florida]].",
			[]place{{"Georgia", "US", "GA", report.KindAdmin}, {"Alabama", "US", "AL", report.KindAdmin}, {"Florida", "US", "FL", report.KindAdmin}}},
		{"the state that holds a town of the name is no sibling", "[[Nevada]] is a small city in Vernon County, [[Missouri]]. The mayor of [[Nevada]] spoke.",
			[]place{{"Nevada", "US", "MO", report.KindPlace}, {"Missouri", "US", "MO", report.KindAdmin}, {"Nevada", "US", "MO", report.KindPlace}}},
		{"the state a text keeps naming outweighs one named once", "The mill in [[Windsor]] closed. [[Vermont]] wool had made it rich; [[Vermont]] farmers sold it there and shipped it down the river to [[Connecticut]]. The [[Vermont]] legislature first met in [[Windsor]].",
			[]place{{"Windsor", "US", "VT", report.KindPlace}, {"Vermont", "US", "VT", report.KindAdmin}, {"Vermont", "US", "VT", report.KindAdmin},
				{"Connecticut", "US", "CT", report.KindAdmin}, {"Vermont", "US", "VT", report.KindAdmin}, {"Windsor", "US", "VT", report.KindPlace}}},
		{"a country named again and again is not its capital", "Tourists returning from [[Mexico]] were tested. [[Mexico]] closed its schools, and officials in [[Mexico]] said the outbreak began in [[Veracruz]].",
			[]place{{"Mexico", "MX", "", report.KindCountry}, {"Mexico", "MX", "", report.KindCountry}, {"Mexico", "MX", "", report.KindCountry}, {"Veracruz", "MX", "", report.KindPlace}}},
		{"the state a name was resolved to counts, though before reading it was likelier a country", "[[Madison]] is a small city in Morgan County, Georgia, where the county court sits.",
			[]place{{"Madison", "US", "GA", report.KindPlace}}},
		{"the state named in the town's own sentence, another state elsewhere", "[[Rochester]] is a city in Minnesota, on a fork of the river. Its first doctors had trained in New York.",
			[]place{{"Rochester", "US", "MN", report.KindPlace}}},
		{"a town near a place the text is sure of, however far back it was named", "Budget talks opened in [[Chattanooga]] on Monday. Delegates came from [[France]], [[Spain]], [[Italy]], [[Germany]], [[Poland]], [[Austria]], [[Hungary]], [[Greece]], [[Portugal]], [[Belgium]], [[Denmark]], [[Sweden]], [[Norway]] and [[Finland]]. The talks go on in [[Cleveland]] next week.",
			[]place{{"Chattanooga", "US", "TN", report.KindPlace}, {"France", "FR", "", report.KindCountry}, {"Spain", "ES", "", report.KindCountry}, {"Italy", "IT", "", report.KindCountry},
				{"Germany", "DE", "", report.KindCountry}, {"Poland", "PL", "", report.KindCountry}, {"Austria", "AT", "", report.KindCountry}, {"Hungary", "HU", "", report.KindCountry},
				{"Greece", "GR", "", report.KindCountry}, {"Portugal", "PT", "", report.KindCountry}, {"Belgium", "BE", "", report.KindCountry}, {"Denmark", "DK", "", report.KindCountry},
				{"Sweden", "SE", "", report.KindCountry}, {"Norway", "NO", "", report.KindCountry}, {"Finland", "FI", "", report.KindCountry}, {"Cleveland", "US", "TN", report.KindPlace}}},
		{"a state's own name, however often written, is no evidence for its towns of that name", "The [[Minnesota]] Department of Transportation closed the road between Granite Falls and Canby, and the [[Minnesota]] State Patrol urged drivers to follow the detour; [[Minnesota]] crews were out all night.",
			[]place{{"Minnesota", "US", "MN", report.KindAdmin}, {"Minnesota", "US", "MN", report.KindAdmin}, {"Minnesota", "US", "MN", report.KindAdmin}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, spans := marked(t, tc.text)
			wantPlaces(t, tc.text, p.ResolveSpans(text, spans).Mentions, tc.want, "span")
		})
	}
}
