package analyze

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// decodeLineSeeds are lines decodeLine reads (the first five) and lines it must leave to encoding/json.
var decodeLineSeeds = []string{
	`{"id": "lgl-1", "date": "2009-03-20", "text": "Alexandria woman charged."}` + "\n",
	`{"id": 7, "date": "2017-10-20", "text": "أعلنت القوات السيطرة على مدينة الرقة."}`,
	`{"id":-1.5e+3,"text":"x","lang":"fr","mentions":[{"start":0,"end":1},{"end":3,"start":2},{}]}`,
	` { "text" : "tab\there \"q\" \\ \/ \b\f\n\r \u00e9\u2028 \ud83d\ude00 \ud800 \udc00x \ud800\u0041" , "mentions" : [ ] } ` + "\r\n",
	`{"id": "geovirus-0", "date": null, "text": "x"}`,
	`{"id": {"a": "<x>"}, "text":"Bagdad & Paris\u2028 \"q\" \u00e9"}`,
	`{"Text": "case", "ID": 1}`,
	`{"text": "a", "text": "b"}`,
	`{"text": null, "id": null, "mentions": null}`,
	`{"text": nul}`,
	`{"text": nullx}`,
	`{"text": "bad utf-8 ` + "\xff\xfe" + `"}`,
	`{"text": "control ` + "\x01" + `"}`,
	`{"mentions": [{"start": 1.0, "end": 2}], "text": "x"}`,
	`{"mentions": [{"start": 99999999999999999999}], "text": "x"}`,
	`{"id": 01, "text": "x"}`,
	`{"text": "x",}`,
	`{"text": "x"} {}`,
	`{"text": "x", "title": "y"}`,
	`{"text": "\u12"}`,
	`{"text": "\x"}`,
	`[1, 2]`,
}

func TestDecodeLine(t *testing.T) {
	for i, line := range decodeLineSeeds {
		var rec jsonlInput
		var scratch []byte
		if read := decodeLine(line, &rec, &scratch); read != (i < 5) {
			t.Errorf("%q: read %v, want %v", line, read, i < 5)
		}
		checkDecodeLine(t, line)
	}
}

// FuzzDecodeLine checks that decodeLine reads every line it accepts as json.Unmarshal does.
func FuzzDecodeLine(f *testing.F) {
	for _, line := range decodeLineSeeds {
		f.Add(line)
	}
	f.Fuzz(checkDecodeLine)
}

func checkDecodeLine(t *testing.T, line string) {
	var got jsonlInput
	// a scratch buffer with room, and what the line before left in it: the strings unquoted go after
	scratch := append(make([]byte, 0, 64), "the line before"...)
	if !decodeLine(line, &got, &scratch) {
		return
	}
	if !strings.HasPrefix(string(scratch), "the line before") {
		t.Fatalf("%q: decodeLine wrote over the scratch buffer's bytes: %q", line, scratch)
	}
	var want jsonlInput
	if err := json.Unmarshal([]byte(line), &want); err != nil {
		t.Fatalf("%q: decodeLine reads %+v, json.Unmarshal fails: %v", line, got, err)
	}
	if !bytes.Equal(got.ID, want.ID) || got.Date != want.Date || got.Text != want.Text || got.Lang != want.Lang ||
		!reflect.DeepEqual(got.Mentions, want.Mentions) {
		t.Fatalf("%q: decodeLine reads\n%#v\njson.Unmarshal\n%#v", line, got, want)
	}
}
