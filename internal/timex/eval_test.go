package timex

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// devGold is the shared dev set, from the repository root's sibling folder shared/eval.
const devGold = "../../../shared/eval/dev.gold.jsonl"

type goldReport struct {
	ID       string `json:"id"`
	Lang     string `json:"lang"`
	Date     string `json:"date"`
	Text     string `json:"text"`
	Toponyms []struct {
		Start int    `json:"start"` // code points
		End   int    `json:"end"`
		Name  string `json:"name"`
		Date  string `json:"date"`
	} `json:"toponyms"`
}

func loadGold(t *testing.T) []goldReport {
	t.Helper()
	if _, err := os.Stat(devGold); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("no dev set at %s", devGold)
	}
	return readGold(t, devGold)
}

// readGold reads a gold file of the dev set's form, one report a line.
func readGold(t *testing.T, path string) []goldReport {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rs []goldReport
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r goldReport
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rs = append(rs, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatalf("%s: no reports", path)
	}
	return rs
}

// byteOffsets maps code point offsets to byte offsets: offs[i] is the byte offset of code point i.
func byteOffsets(s string) []int {
	offs := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

// TestDevDates scores DateFor on the dev set's dated toponyms as score.py does: a prediction is right when
// it equals the gold date or is a more precise date inside it.
func TestDevDates(t *testing.T) {
	rs := loadGold(t)
	for _, c := range []struct{ name, lang string }{{"lang given", "gold"}, {"lang guessed", ""}} {
		t.Run(c.name, func(t *testing.T) {
			right, dated := 0, 0
			for _, r := range rs {
				ref, err := ParseReportDate(r.Date)
				if err != nil {
					t.Fatalf("%s: %v", r.ID, err)
				}
				lang := c.lang
				if lang == "gold" {
					lang = r.Lang
				}
				d := NewDoc(r.Text, lang, ref)
				offs := byteOffsets(r.Text)
				for _, g := range r.Toponyms {
					start, end := offs[g.Start], offs[g.End]
					got := d.DateFor(start, end).String()
					if g.Date == "" {
						continue
					}
					dated++
					if got == g.Date || strings.HasPrefix(got, g.Date+"-") {
						right++
					} else {
						t.Logf("%s %q: got %s, want %s", r.ID, g.Name, got, g.Date)
					}
				}
			}
			if dated == 0 {
				t.Fatal("dev set has no dated toponyms")
			}
			acc := float64(right) / float64(dated)
			t.Logf("date accuracy %.3f (%d of %d)", acc, right, dated)
			if acc < 0.90 {
				t.Errorf("date accuracy %.3f is below the bar of 0.90", acc)
			}
		})
	}
}
