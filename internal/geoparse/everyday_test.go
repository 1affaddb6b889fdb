package geoparse_test

import (
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/geoparse"
	"github.com/datelinehq/dateline/internal/report"
)

// place is what a test expects of one mention: the text matched, its country, and its first-level
// division ("" when any will do) and kind.
type place struct {
	text, cc, admin1 string
	kind             report.PlaceKind
}

// wantPlaces checks that ms are the places want, in order: each as written, its country, its kind
// and, when want names one, its first-level division.
func wantPlaces(t *testing.T, text string, ms []report.Mention, want []place, what string) {
	t.Helper()
	var got []string
	for _, m := range ms {
		got = append(got, m.Text+"/"+m.Place.CountryCode+"/"+m.Place.Admin1+"/"+string(m.Place.Kind()))
	}
	if len(ms) != len(want) {
		t.Fatalf("%q: got %v, want %v", text, got, want)
	}
	for i, w := range want {
		m := ms[i]
		if m.Text != w.text || m.Place.CountryCode != w.cc || m.Place.Kind() != w.kind ||
			(w.admin1 != "" && m.Place.Admin1 != w.admin1) {
			t.Errorf("%q: %s %d is %s (%s), want %+v", text, what, i, got[i], m.Place.Name, w)
		}
	}
}

// TestEverydayCases are sentences of our own with the names a new user tried and found missing or
// misread (issue 8): each must be found, resolved to the right place, and nothing else may be read.
func TestEverydayCases(t *testing.T) {
	p := realParser(t)
	cases := []struct {
		name string
		text string
		want []place
	}{
		{"country aliases", "Britain and the U.S. signed the deal with the Philippines on Monday.",
			[]place{{"Britain", "GB", "", report.KindCountry}, {"U.S.", "US", "", report.KindCountry}, {"Philippines", "PH", "", report.KindCountry}}},
		{"Turkey is the country", "Refugees crossed from Syria into Turkey last week.",
			[]place{{"Syria", "SY", "", report.KindCountry}, {"Turkey", "TR", "", report.KindCountry}}},
		{"dateline in capitals with a month abbreviation", "KARACHI, Aug 29 - Heavy rain flooded the streets on Tuesday.",
			[]place{{"KARACHI", "PK", "", report.KindPlace}}},
		{"dateline with a dash", "BEIRUT - A blast shook the port district.",
			[]place{{"BEIRUT", "LB", "", report.KindPlace}}},
		{"dateline with a dotted state abbreviation", "CHARLESTON, W.Va. -- The governor declared an emergency.",
			[]place{{"CHARLESTON", "US", "WV", report.KindPlace}, {"W.Va.", "US", "WV", report.KindAdmin}}},
		{"French regions", "Il pleut en Corse, mais à Brest, en Bretagne, le ciel est clair.",
			[]place{{"Corse", "FR", "94", report.KindAdmin}, {"Brest", "FR", "53", report.KindPlace}, {"Bretagne", "FR", "53", report.KindAdmin}}},
		{"divisions in their own language", "Die Polizei in Bayern meldet Schnee.",
			[]place{{"Bayern", "DE", "02", report.KindAdmin}}},
		{"Nord-Kivu", "Les combats au Nord-Kivu ont repris.", []place{{"Nord-Kivu", "CD", "", report.KindAdmin}}},
		{"Sicilia", "Lo sbarco in Sicilia è avvenuto ieri.", []place{{"Sicilia", "IT", "15", report.KindAdmin}}},
		{"town in a county and a state", "Fire destroyed the town of Paradise in Butte County, California.",
			[]place{{"Paradise", "US", "CA", report.KindPlace}, {"Butte County", "US", "CA", report.KindAdmin}, {"California", "US", "CA", report.KindAdmin}}},
		{"town and its state", "Snow fell in Bangor, Maine, overnight.",
			[]place{{"Bangor", "US", "ME", report.KindPlace}, {"Maine", "US", "ME", report.KindAdmin}}},
		{"a square is not a town of another country", "La foule s'est rassemblée place de la Concorde à Paris.",
			[]place{{"Paris", "FR", "", report.KindPlace}}},
		{"months, titles and common words", "Read the report. Sgt. Read said on Dec 3 that the U.S. Army would help.",
			[]place{{"U.S.", "US", "", report.KindCountry}}},
		{"a place before an organisation word", "The Gainesville Police Department arrested two men in Gainesville, Florida.",
			[]place{{"Gainesville", "US", "FL", report.KindPlace}, {"Gainesville", "US", "FL", report.KindPlace}, {"Florida", "US", "FL", report.KindAdmin}}},
		{"an organisation reading is not spread to a big town", "CTV Edmonton reported the fire. Crews in Edmonton worked all night.",
			[]place{{"Edmonton", "CA", "", report.KindPlace}}},
		{"continents", "Authorities across Europe and Africa banned poultry imports.",
			[]place{{"Europe", "", "", report.KindRegion}, {"Africa", "", "", report.KindRegion}}},
		{"a list of states", "Flu cases rose in Oregon, California, Missouri and Nevada this week.",
			[]place{{"Oregon", "US", "OR", report.KindAdmin}, {"California", "US", "CA", report.KindAdmin},
				{"Missouri", "US", "MO", report.KindAdmin}, {"Nevada", "US", "NV", report.KindAdmin}}},
		{"a state among its sibling states", "Storms hit Georgia on Monday before moving into Alabama and Florida.",
			[]place{{"Georgia", "US", "GA", report.KindAdmin}, {"Alabama", "US", "AL", report.KindAdmin}, {"Florida", "US", "FL", report.KindAdmin}}},
		{"a disease named after a place is not the place", "Doctors in Uganda confirmed two cases of Marburg virus and one of Lassa fever.",
			[]place{{"Uganda", "UG", "", report.KindCountry}}},
		{"an initial is not a place", "The foreign minister of Spain said the E.U. promised aid. Tests found E. coli in the lettuce.",
			[]place{{"Spain", "ES", "", report.KindCountry}}},
		{"a word that is only another name of a foreign town the text says nothing of", "Fans cheered as Madiba arrived in Johannesburg, and he drove a Hummer to the clinic.",
			[]place{{"Johannesburg", "ZA", "", report.KindPlace}}},
		{"an everyday word is no old name of a town abroad", "The Trojan spread through computers at a bank in Ohio.",
			[]place{{"Ohio", "US", "", report.KindAdmin}}},
		{"a place in an institution's name", "She asked the Ohio Supreme Court, then the Texas Southern University board, to help; Jordan Henderson said no.",
			[]place{{"Ohio", "US", "OH", report.KindAdmin}, {"Texas", "US", "TX", report.KindAdmin}}},
		{"a surname after a middle initial, and later alone", "Capt. Roy A. Nelson said the music was loud. Nelson said the tenant left for Denver.",
			[]place{{"Denver", "US", "CO", report.KindPlace}}},
		{"a county before an office", "Records show that Laurel County Clerk Dean Johnson spoke in London, Kentucky.",
			[]place{{"Laurel County", "US", "KY", report.KindAdmin}, {"London", "US", "KY", report.KindPlace}, {"Kentucky", "US", "KY", report.KindAdmin}}},
		{"a place after a compass point", "Schools in Northeast Georgia and North Texas cut budgets.",
			[]place{{"Georgia", "US", "GA", report.KindAdmin}, {"Texas", "US", "TX", report.KindAdmin}}},
		{"an initialism without its dots, in capitals only", "Horses in regional NSW were quarantined; the Nsw rule is new.",
			[]place{{"NSW", "AU", "02", report.KindAdmin}}},
		{"a division's abbreviation qualifies a place or follows a locative", "The U.N. mission flew from Fresno, Calif., to Juba.",
			[]place{{"Fresno", "US", "CA", report.KindPlace}, {"Calif", "US", "CA", report.KindAdmin}, {"Juba", "SS", "", report.KindPlace}}},
		{"a currency is not its country", "Libya paid US$460 million, and A$2 million went to Benghazi.",
			[]place{{"Libya", "LY", "", report.KindCountry}, {"Benghazi", "LY", "", report.KindPlace}}},
		{"a sentence opened by a word of time", "Today Chicago is quiet. Hier Marseille était calme.",
			[]place{{"Chicago", "US", "IL", report.KindPlace}, {"Marseille", "FR", "", report.KindPlace}}},
		{"an institution named by its head noun", "Samples went to the Center for Disease Control in Atlanta, and the Church of Scientology declined to comment.",
			[]place{{"Atlanta", "US", "GA", report.KindPlace}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantPlaces(t, tc.text, p.Parse(tc.text).Mentions, tc.want, "mention")
		})
	}
}

// TestGoldSpansReadTheWholeText: in gold-span mode the state the article names elsewhere decides which
// Lima the given spans are.
func TestGoldSpansReadTheWholeText(t *testing.T) {
	text := "Lima is a city in Allen County, Ohio, United States. The population of Lima was 38,771."
	first := strings.Index(text, "Lima")
	second := strings.LastIndex(text, "Lima")
	res := realParser(t).ResolveSpans(text, []geoparse.Span{{Start: first, End: first + 4}, {Start: second, End: second + 4}})
	if len(res.Mentions) != 2 {
		t.Fatalf("want the two spans resolved, got %+v", res.Mentions)
	}
	for _, m := range res.Mentions {
		if m.Place.CountryCode != "US" || m.Place.Admin1 != "OH" {
			t.Errorf("%s at %d resolved to %s, %s %s; want Lima, Ohio", m.Text, m.Start, m.Place.Name, m.Place.Admin1, m.Place.CountryCode)
		}
	}
}

// TestOneSenseAndItsLimits: the mentions of a name share the place the text is surest of, but a
// qualifier ("Aurora, Illinois") settles its own mention only, the division that qualifies another
// mention is no evidence for the rest of its sentence, a name repeated does not vouch for its own state,
// and a town that has the name only as a foreign or former name yields to the towns whose name it is.
func TestOneSenseAndItsLimits(t *testing.T) {
	p := realParser(t)
	cases := []struct {
		name, text string
		want       []place
	}{
		{"a qualified mention keeps its sense to itself",
			"Aurora is a small city in Hamilton County, Nebraska. Its founders came from Aurora, Illinois, in 1871. Today Aurora has a hospital and two schools.",
			[]place{{"Aurora", "US", "NE", report.KindPlace}, {"Aurora", "US", "IL", report.KindPlace}, {"Aurora", "US", "NE", report.KindPlace}}},
		{"the qualifier of another mention is not the sentence's state",
			"Dundee is a town in Yamhill County, Oregon. Dundee is named after the birthplace of its founder, Dundee, Scotland. Dundee grows grapes.",
			[]place{{"Dundee", "US", "OR", report.KindPlace}, {"Dundee", "US", "OR", report.KindPlace}, {"Dundee", "GB", "SCT", report.KindPlace}, {"Dundee", "US", "OR", report.KindPlace}}},
		{"a county named again and again does not vouch for its own state",
			"Clark County is a rural county in the U.S. state of Missouri. Clark County has no interstate highway. Farmers in Clark County grow corn, and Clark County schools are small.",
			[]place{{"Clark County", "US", "MO", report.KindAdmin}, {"Clark County", "US", "MO", report.KindAdmin}, {"Clark County", "US", "MO", report.KindAdmin}, {"Clark County", "US", "MO", report.KindAdmin}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var ms []report.Mention
			for _, m := range p.Parse(tc.text).Mentions {
				if m.Text == tc.want[0].text {
					ms = append(ms, m)
				}
			}
			wantPlaces(t, tc.text, ms, tc.want, "mention")
		})
	}
}
