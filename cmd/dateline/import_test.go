package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
)

// runCmd runs the command line args in-process with stdin and returns its output.
func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(string) string { return "" }
	if err := run(context.Background(), append([]string{"dateline"}, args...), getenv, strings.NewReader(stdin), &out, &errOut); err != nil {
		t.Fatalf("dateline %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}

// writeFiles writes files (path: content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// openData opens the database of a data folder for the test to look at, and closes it at the end.
func openData(t *testing.T, dir string) store {
	t.Helper()
	s, err := openStore(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

const rss = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Rawa retaken</title><pubDate>Fri, 17 Nov 2017 10:00:00 GMT</pubDate><description>Iraqi forces retook Rawa, near Al-Qaim.</description></item>
<item><title>Abu Kamal</title><pubDate>Sun, 19 Nov 2017 10:00:00 GMT</pubDate><description>The Syrian army retook Abu Kamal on Sunday.</description></item>
</channel></rss>`

func TestImport(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	writeFiles(t, in, map[string]string{
		"a.txt": "date 2017-10-16\nIraqi forces entered Kirkuk on Monday.",
		"b.jsonl": `{"text":"Turkish troops entered Idlib on Thursday.","date":"2017-10-13"}` + "\n" +
			`{"text":"Clashes in Tal Afar.","date":"2017-02-30"}` + "\n" +
			`{"title":"Ghouta","text":"Shelling hit Douma on Tuesday.","date":"2017-11-15","lang":"en"}` + "\n",
		"c.html": `<html lang="en"><head><title>Mosul</title><meta property="article:published_time" content="2017-11-02"></head>
			<body><article><h1>Mosul</h1><p>Families are returning to the old city of Mosul, months after the battle.</p>
			<p>Many had spent the summer in camps near Erbil, waiting for the roads to open again.</p></article></body></html>`,
		"d.xml":     rss,
		"sub/e.txt": "date 2017-10-16\nIraqi forces entered Kirkuk on Monday.",
	})

	t.Run("a folder", func(t *testing.T) {
		out, errOut := runCmd(t, "", "import", "--data", data, in)
		want := "imported 6, duplicates 1, rejected 1\n" +
			"  " + filepath.Join(in, "b.jsonl") + `:2: date "2017-02-30": no such day` + "\n"
		if out != want {
			t.Errorf("summary\n%s\nwant\n%s", out, want)
		}
		if strings.Contains(errOut, "\r") {
			t.Errorf("progress written to a stderr that is not a terminal: %q", errOut)
		}
	})
	t.Run("the same folder again", func(t *testing.T) {
		out, _ := runCmd(t, "", "import", "--data", data, in)
		if !strings.HasPrefix(out, "imported 0, duplicates 7, rejected 1\n") {
			t.Errorf("summary %q", out)
		}
	})
	t.Run("standard input and a file", func(t *testing.T) {
		out, _ := runCmd(t, "date 2017-11\nFighting near Deir ez-Zor.", "import", "--data", data, "--source", "Notes", "-", filepath.Join(in, "a.txt"))
		if out != "imported 1, duplicates 1, rejected 0\n" {
			t.Errorf("summary %q", out)
		}
	})

	s := openData(t, data)
	page, err := s.ListReports(context.Background(), report.ReportFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]report.Report{}
	for _, r := range page.Reports {
		titles[r.Title+"|"+r.Published.String()] = r
	}
	if len(page.Reports) != 7 {
		t.Errorf("%d reports stored, want 7: %v", len(page.Reports), titles)
	}
	for _, key := range []string{"|2017-10-16", "|2017-10-13", "Ghouta|2017-11-15", "Mosul|2017-11-02", "Rawa retaken|2017-11-17", "Abu Kamal|2017-11-19", "|2017-11"} {
		if _, ok := titles[key]; !ok {
			t.Errorf("no report %q among %v", key, titles)
		}
	}
	if r := titles["|2017-11"]; r.Source != "Notes" {
		t.Errorf("standard input's report has source %q, want Notes", r.Source)
	}
	ev, err := s.QueryEvents(context.Background(), report.EventFilter{Q: "Douma"})
	if err != nil || ev.Total != 1 || ev.Events[0].Date.String() != "2017-11-14" {
		t.Errorf("Douma events: %+v, %v", ev, err)
	}
}

// TestImportRefusesUnreachableIDs: a record whose id no route could reach is rejected, with the
// rule, and the others are imported under their own ids.
func TestImportRefusesUnreachableIDs(t *testing.T) {
	data := t.TempDir()
	in := `{"id":"wire/2017/1","text":"Shelling hit Douma on Tuesday."}` + "\n" + `{"id":"000_57931d506f7e5e2f.txt","text":"Clashes in Tal Afar."}` + "\n"
	out, _ := runCmd(t, in, "import", "--data", data, "-")
	if !strings.HasPrefix(out, "imported 1, duplicates 0, rejected 1\n  stdin:1: id \"wire/2017/1\": ") || !strings.Contains(out, "letters, digits and - _ . ~ :") {
		t.Errorf("summary %q", out)
	}
	s := openData(t, data)
	if _, err := s.GetReport(context.Background(), "000_57931d506f7e5e2f.txt"); err != nil {
		t.Errorf("the report of a valid id: %v", err)
	}
}

func TestReindexKeepsCorrections(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	runCmd(t, "", "import", "--data", data, "../../internal/demo/reports/000_seed_raqqa_fr.txt")

	s := openData(t, data)
	page, err := s.ListReports(ctx, report.ReportFilter{})
	if err != nil || len(page.Reports) != 1 {
		t.Fatalf("%d reports, %v", len(page.Reports), err)
	}
	id := page.Reports[0].ID
	r, err := s.GetReport(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// The user says Markada is not a place and Abu Kamal is Al-Qaim; then the mentions are lost,
	// as if an older parser had found none.
	qaim := report.Place{ID: 388349, Name: "Al Qa'im", Lat: 34.37, Lon: 41.09, FeatureCode: "PPL", CountryCode: "IQ"}
	for _, m := range r.Mentions {
		switch m.Text {
		case "Markada":
			err = s.CorrectMention(ctx, id, m.ID, nil)
		case "Abu Kamal":
			err = s.CorrectMention(ctx, id, m.ID, &qaim)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ReplaceMentions(ctx, id, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()

	out, _ := runCmd(t, "", "reindex", "--data", data)
	if out != "reindexed 1 reports, 7 mentions\n" {
		t.Errorf("reindex said %q", out)
	}
	s = openData(t, data)
	r, err = s.GetReport(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range r.Mentions {
		got = append(got, m.Text+"="+m.Place.Name+map[bool]string{true: " (corrected)"}[m.Corrected]+map[bool]string{true: " (not a place)"}[m.NotAPlace])
		if m.Text == "Raqqa" && m.Date.String() != "2017-11-16" && m.Date.String() != "2017-11" {
			t.Errorf("Raqqa dated %s", m.Date)
		}
	}
	want := "Raqqa=Ar Raqqah Raqqa=Ar Raqqah Raqqa=Ar Raqqah France=France Markada=Markadah (corrected) (not a place) " +
		"Abu Kamal=Al Qa'im (corrected) Syrie=Syria"
	if strings.Join(got, " ") != want {
		t.Errorf("after reindex:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}
