package report

import "testing"

func TestBestSpelling(t *testing.T) {
	sp := func(texts ...any) []Spelling {
		var out []Spelling
		for i := 0; i < len(texts); i += 2 {
			out = append(out, Spelling{PlaceID: 1, Lang: "fr", Text: texts[i].(string), Count: texts[i+1].(int)})
		}
		return out
	}
	tests := []struct {
		in   []Spelling
		want string
	}{
		{nil, ""},
		{sp("Raqqa", 3, "Rakka", 1), "Raqqa"},
		{sp("Rakka", 1, "Raqqa", 3), "Raqqa"},
		{sp("RAQQA", 9, "Raqqa", 1), "Raqqa"}, // mixed case wins over more datelines
		{sp("ABU KAMAL", 2), "Abu Kamal"},
		{sp("AL-BAB", 1, "DEIR EZ-ZOR", 3), "Deir Ez-Zor"},
		{sp("Alep", 2, "Halab", 2), "Alep"}, // a tie: the first
		{sp("", 4, "Mossoul", 1), "Mossoul"},
	}
	for _, tt := range tests {
		if got := BestSpelling(tt.in); got != tt.want {
			t.Errorf("BestSpelling(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
