package ingest

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

// result is what a Read or Walk gave: items, and problems as "kind: message".
type result struct {
	items    []Item
	problems []string
}

func (res *result) emit(it Item) error { res.items = append(res.items, it); return nil }

func (res *result) bad(t *testing.T) func(Problem) {
	return func(p Problem) {
		t.Helper()
		var e *report.Error
		if !errors.As(p.Err, &e) {
			t.Fatalf("problem at %s: %v is not a *report.Error", p.Origin, p.Err)
		}
		if !strings.HasPrefix(e.Message, p.Origin+": ") {
			t.Errorf("problem message %q does not start with its origin %q", e.Message, p.Origin)
		}
		res.problems = append(res.problems, string(e.Kind)+": "+e.Message)
	}
}

func read(t *testing.T, r io.Reader, name, contentType string, opts Options) result {
	t.Helper()
	var res result
	if err := Read(context.Background(), r, name, contentType, opts, res.emit, res.bad(t)); err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

func readFile(t *testing.T, path, contentType string, opts Options) result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return read(t, f, path, contentType, opts)
}

// check compares items and problems with the ones wanted. Items' hashes are checked against
// their text, then left out of the comparison.
func (res result) check(t *testing.T, want []Item, wantProblems ...string) {
	t.Helper()
	for i, it := range res.items {
		if it.Report.Hash != report.ContentHash(it.Report.Text) {
			t.Errorf("%s: hash %q is not the hash of the text", it.Origin, it.Report.Hash)
		}
		res.items[i].Report.Hash = ""
	}
	if len(res.items) != len(want) {
		t.Errorf("got %d items, want %d", len(res.items), len(want))
	}
	for i := range min(len(res.items), len(want)) {
		if got := res.items[i]; !reflect.DeepEqual(got, want[i]) {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, got, want[i])
		}
	}
	if !reflect.DeepEqual(res.problems, wantProblems) && (len(res.problems) > 0 || len(wantProblems) > 0) {
		t.Errorf("problems:\n got %q\nwant %q", res.problems, wantProblems)
	}
}

func TestReadFixtures(t *testing.T) {
	day := report.DayDate
	for _, tc := range []struct {
		name, path, contentType string
		opts                    Options
		want                    []Item
		problems                []string
	}{
		{
			name: "text with the date line of the seed, month precision, text from the same line",
			path: "testdata/dispatch-fr.txt",
			want: []Item{{Origin: "testdata/dispatch-fr.txt", Report: report.Report{
				Published: report.MonthDate(2017, 11),
				Text:      "Le convoi a quitté Raqqa à l'aube, escorté par des véhicules des Forces démocratiques syriennes. Selon un témoin joint par téléphone, plusieurs centaines de personnes se trouvaient à bord.\n\nÀ Deir ez-Zor, les habitants disent attendre des nouvelles de leurs proches.",
			}}},
		},
		{
			name: "text with title, source, url and lang headers and no date takes the default date",
			path: "testdata/notes-en.txt",
			opts: Options{DefaultDate: report.YearDate(2020), Source: "upload"},
			want: []Item{{Origin: "testdata/notes-en.txt", Report: report.Report{
				Title: "Floods cut the road between Mosul and Erbil", Source: "Field notes",
				URL: "https://example.org/notes/mosul-erbil", Lang: "en", Published: report.YearDate(2020),
				Text: "The road between Mosul and Erbil was closed on Tuesday after heavy rain.\nAid convoys waited near Bartella until the water went down.",
			}}},
		},
		{
			name: "text without header nor default date has an unknown date and the default source",
			path: "testdata/plain-es.txt", contentType: "text/plain; charset=utf-8",
			opts: Options{Source: "upload"},
			want: []Item{{Origin: "testdata/plain-es.txt", Report: report.Report{
				Source: "upload",
				Text:   "Las lluvias obligaron a cerrar el puerto de Valparaíso durante dos días.\nLos pescadores de Quintero esperan reanudar su trabajo el lunes.",
			}}},
		},
		{
			name:     "text with an impossible date is rejected with the line and the date",
			path:     "testdata/bad-date.txt",
			problems: []string{`invalid: testdata/bad-date.txt: line 1: date "2017-02-30": no such day`},
		},
		{
			name: "pretty-printed JSON object with unknown members",
			path: "testdata/report-de.json",
			want: []Item{{Origin: "testdata/report-de.json", Report: report.Report{
				Title: "Hochwasser in Passau", Source: "Beispiel-Zeitung", URL: "https://example.org/passau",
				Lang: "de", Published: day(2013, 6, 3),
				Text: "Die Donau ist in Passau über die Ufer getreten. In der Altstadt wurden Keller geräumt.",
			}}},
		},
		{
			name: "JSON Lines: good lines come through, bad lines are reported by number",
			path: "testdata/batch.jsonl",
			opts: Options{DefaultDate: day(2024, 1, 2)},
			want: []Item{
				{Origin: "testdata/batch.jsonl:1", Report: report.Report{ID: "eval-1", Published: report.MonthDate(2017, 11), Text: "Le convoi est arrivé à Manbij dans la nuit."}},
				{Origin: "testdata/batch.jsonl:5", Report: report.Report{Title: "خبر", Lang: "ar", Published: day(2016, 12, 18), Text: "وصلت قافلة المساعدات إلى حلب صباح الأحد."}},
				{Origin: "testdata/batch.jsonl:9", Report: report.Report{Source: "Wire", Published: day(2024, 1, 2), Text: "No date at all: the ferry left Dakar."}},
				{Origin: "testdata/batch.jsonl:10", Report: report.Report{Published: day(2019, 4, 30), Text: "Hora local en Caracas."}},
			},
			problems: []string{
				`invalid: testdata/batch.jsonl:3: date "2017-02-30": no such day`,
				`invalid: testdata/batch.jsonl:4: invalid JSON: unexpected end of JSON input`,
				`invalid: testdata/batch.jsonl:6: text is empty`,
				`invalid: testdata/batch.jsonl:7: not a JSON object`,
				`invalid: testdata/batch.jsonl:8: "date" must be a string, not a number`,
			},
		},
		{
			name: "HTML article without nav, ads or comments; date from article:published_time",
			path: "testdata/article-fr.html",
			want: []Item{{Origin: "testdata/article-fr.html", Report: report.Report{
				Title: "Crue de la Seine : Paris ferme ses quais", Source: "Le Quotidien d'Exemple",
				URL: "https://example.org/fr/crue-seine", Lang: "fr", Published: day(2018, 1, 24),
				Text: "La Seine a continué de monter mercredi à Paris, où les voies sur berge sont fermées à la circulation depuis lundi. Le niveau du fleuve atteignait 5,80 mètres au pont d'Austerlitz en fin de matinée, selon le service de prévision des crues.\n" +
					"En amont, à Melun et à Nemours, des habitants ont été évacués par les pompiers. La préfecture recommande aux riverains de surélever leurs meubles et de couper l'électricité dans les caves inondées.\n" +
					"Le pic de la crue est attendu samedi. Les musées du Louvre et d'Orsay ont fermé leurs salles les plus basses par précaution.",
			}}},
		},
		{
			name: "HTML article in Arabic dated by JSON-LD @graph",
			path: "testdata/article-ar.html",
			want: []Item{{Origin: "testdata/article-ar.html", Report: report.Report{
				Title: "عاصفة رملية تغلق مطار الكويت", Source: "صحيفة المثال", Lang: "ar", Published: day(2022, 5, 16),
				Text: "أعلنت سلطات الطيران المدني في الكويت تعليق الرحلات في مطار الكويت الدولي بعد أن غطت عاصفة رملية كثيفة البلاد صباح الاثنين، وانخفضت الرؤية إلى أقل من مئتي متر.\n" +
					"وامتدت العاصفة إلى البصرة في جنوب العراق، حيث نُقل عشرات الأشخاص إلى المستشفيات بسبب ضيق التنفس، بحسب مسؤولين في قطاع الصحة.\n" +
					"وتوقعت الأرصاد الجوية أن تتحسن الأحوال مساء الثلاثاء مع هبوب رياح شمالية غربية أخف.",
			}}},
		},
		{
			name: "HTML article in windows-1252 keeps the month precision of its <time datetime>",
			path: "testdata/article-en.html",
			want: []Item{{Origin: "testdata/article-en.html", Report: report.Report{
				Title: "Harbour reopens in Mombasa", Lang: "en", Published: report.MonthDate(2019, 8),
				Text: "The harbour of Mombasa reopened to container ships after dredging works that lasted three weeks. Port officials said the first vessel, coming from Dar es Salaam, docked on Thursday morning.\n" +
					"Truck drivers waiting on the road to Nairobi welcomed the news, saying the queue had stretched for several kilometres. A café owner near the gate said business was ’finally’ picking up.\n" +
					"Traders in Kampala, who rely on the port for imports, expect prices to fall within a month.",
			}}},
		},
		{
			name: "RSS: content over description, HTML stripped, local publication day, empty item reported",
			path: "testdata/news.rss",
			opts: Options{DefaultDate: report.YearDate(2018)},
			want: []Item{
				{Origin: "testdata/news.rss#1", Report: report.Report{
					Title: "Ferry resumes service between Dakar and Ziguinchor", Source: "Example Wire & Co", URL: "https://example.org/ferry",
					Lang: "en", Published: day(2018, 3, 5),
					Text: "The ferry linking Dakar and Ziguinchor sailed again on Monday.\nPassengers queued at the port since dawn.",
				}},
				{Origin: "testdata/news.rss#2", Report: report.Report{
					Title: "Snow closes the pass near Gilgit", Source: "Example Wire & Co", URL: "https://example.org/gilgit",
					Lang: "en", Published: day(2018, 3, 6), Text: "Heavy snow closed the road north of Gilgit.",
				}},
				{Origin: "testdata/news.rss#4", Report: report.Report{
					Title: "Undated note from Nairobi", Source: "Example Wire & Co", Lang: "en",
					Published: report.YearDate(2018), Text: "Traffic was light in Nairobi.",
				}},
			},
			problems: []string{"invalid: testdata/news.rss#3: text is empty"},
		},
		{
			name: "Atom: published date, else updated; summary when there is no content",
			path: "testdata/news.atom",
			want: []Item{
				{Origin: "testdata/news.atom#1", Report: report.Report{
					Title: "Incendio cerca de Valencia", Source: "Noticias de Ejemplo", URL: "https://example.org/es/valencia",
					Lang: "es", Published: day(2021, 7, 1), Text: "Los bomberos controlaron un incendio forestal cerca de Valencia.",
				}},
				{Origin: "testdata/news.atom#2", Report: report.Report{
					Title: "Lluvias en Bilbao", Source: "Noticias de Ejemplo", URL: "https://example.org/es/bilbao",
					Lang: "es", Published: day(2021, 7, 2), Text: "Fuertes lluvias en Bilbao durante la mañana.",
				}},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			readFile(t, tc.path, tc.contentType, tc.opts).check(t, tc.want, tc.problems...)
		})
	}
}

// TestReadFormat checks which format an input is read as: by content type first, then by
// name, then by its first bytes.
func TestReadFormat(t *testing.T) {
	const jsonLine = `{"text": "Un informe desde Quito.", "date": "2015"}`
	text := func(origin, s string, d report.Date) []Item {
		return []Item{{Origin: origin, Report: report.Report{Text: s, Published: d}}}
	}
	quito := text("input", "Un informe desde Quito.", report.YearDate(2015))
	for _, tc := range []struct {
		name, input, file, contentType string
		want                           []Item
	}{
		{"content type wins over the extension", jsonLine, "paste.txt", "application/json; charset=utf-8", text("paste.txt", "Un informe desde Quito.", report.YearDate(2015))},
		{"unknown extension is sniffed", "Un informe desde Quito.", "x.docx", "", text("x.docx", "Un informe desde Quito.", report.Date{})},
		{"text/plain keeps JSON as text", jsonLine, "", "text/plain", text("input", jsonLine, report.Date{})},
		{"extension when the content type is not ours", jsonLine, "x.jsonl", "application/octet-stream", text("x.jsonl:1", "Un informe desde Quito.", report.YearDate(2015))},
		{"sniffed JSON line", "\n" + jsonLine + "\n", "", "", text("input:2", "Un informe desde Quito.", report.YearDate(2015))},
		{"sniffed pretty-printed JSON object", "{\n  \"text\": \"Un informe desde Quito.\",\n  \"date\": \"2015\"\n}\n", "", "", quito},
		{"JSON Lines in a .json file", jsonLine + "\n" + jsonLine + "\n", "two.json", "", []Item{
			text("two.json:1", "Un informe desde Quito.", report.YearDate(2015))[0],
			text("two.json:2", "Un informe desde Quito.", report.YearDate(2015))[0],
		}},
		{"sniffed text with a BOM and a date header", "\uFEFFdate 2015\r\nUn informe desde Quito.\r\n", "", "", quito},
		{"sniffed RSS", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><description>Un informe desde Quito.</description><pubDate>Thu, 1 Jan 2015 10:00:00 GMT</pubDate></item></channel></rss>`, "", "", []Item{
			{Origin: "input#1", Report: report.Report{Source: "T", Text: "Un informe desde Quito.", Published: report.DayDate(2015, 1, 1)}},
		}},
		{"application/xml is a feed", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Q</title><content>Un informe desde Quito.</content></entry></feed>`, "", "application/xml", []Item{
			{Origin: "input#1", Report: report.Report{Title: "Q", Text: "Un informe desde Quito."}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			read(t, strings.NewReader(tc.input), tc.file, tc.contentType, Options{}).check(t, tc.want)
		})
	}
}

// TestReadRejects checks the problems of whole inputs: size, binary data, no text.
func TestReadRejects(t *testing.T) {
	for _, tc := range []struct {
		name, input, file string
		opts              Options
		problem           string
	}{
		{"text over MaxBytes", "date 2015\n" + strings.Repeat("a", 100), "big.txt", Options{MaxBytes: 100}, "too_large: big.txt: larger than the 100-byte limit"},
		{"text with a NUL byte", "Quito\x00\x01\x02", "x.txt", Options{}, "invalid: x.txt: binary data, not text: NUL byte at offset 5"},
		{"Latin-1 text", "Bogot\xe1, Medell\xedn, Cali", "x.txt", Options{}, "invalid: x.txt: not UTF-8 text: 2 of 22 bytes are invalid"},
		{"header only", "date 2015\ntitle Nothing\n\n  \n", "x.txt", Options{}, "invalid: x.txt: text is empty"},
		{"empty input", "", "", Options{}, "invalid: input: text is empty"},
		{"JSON array", `[{"text": "a"}]`, "x.json", Options{}, "invalid: x.json: not a JSON object"},
		{"JSON lang that is not a code", `{"text": "a", "lang": "français"}`, "x.json", Options{}, `invalid: x.json: lang "français" is not a language code like "fr"`},
		{"JSON text that is not a string", `{"text": ["a"]}`, "x.json", Options{}, `invalid: x.json: "text" must be a string, not a array`},
		{"HTML without anything", "<html></html>", "x.html", Options{}, "invalid: x.html: no article text found in the page"},
		{"HTML without text", "<html><head><title>Empty</title></head><body><script>var x = 1;</script></body></html>", "x.html", Options{}, "invalid: x.html: text is empty"},
		{"broken feed", "<rss><channel><item><title>a</tit", "x.rss", Options{}, "invalid: x.rss: not a readable RSS or Atom feed: XML syntax error on line 1: unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			read(t, strings.NewReader(tc.input), tc.file, "", tc.opts).check(t, nil, tc.problem)
		})
	}
}

func TestReadSmallShareOfBadUTF8IsReplaced(t *testing.T) {
	input := "date 2015-03\n" + strings.Repeat("Cuenca, ", 20) + "Lo\xf1a"
	read(t, strings.NewReader(input), "x.txt", "", Options{}).check(t, []Item{{Origin: "x.txt", Report: report.Report{
		Published: report.MonthDate(2015, 3), Text: strings.Repeat("Cuenca, ", 20) + "Lo\uFFFDa",
	}}})
}

// TestReadLongLine reads a 10 MB JSON line between two good ones: it is reported as too large
// and skipped without being held in memory.
func TestReadLongLine(t *testing.T) {
	long := `{"text": "` + strings.Repeat("x", 10<<20) + `"}`
	input := io.MultiReader(
		strings.NewReader(`{"text": "Antes, en Rosario."}`+"\n"),
		strings.NewReader(long+"\r\n"),
		strings.NewReader(`{"text": "Después, en Mendoza."}`),
	)
	before := totalAlloc()
	res := read(t, input, "big.jsonl", "", Options{MaxBytes: 1 << 20})
	grown := totalAlloc() - before
	res.check(t, []Item{
		{Origin: "big.jsonl:1", Report: report.Report{Text: "Antes, en Rosario."}},
		{Origin: "big.jsonl:3", Report: report.Report{Text: "Después, en Mendoza."}},
	}, "too_large: big.jsonl:2: line longer than the 1048576-byte limit")
	if grown > 8<<20 {
		t.Errorf("reading a 10 MB line allocated %d bytes, want at most 8 MiB", grown)
	}
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

func TestReadLine(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		lines       []string // "!" for a line too long
	}{
		{"exactly the limit", "12345\n", []string{"12345"}},
		{"exactly the limit with CRLF", "12345\r\n", []string{"12345"}},
		{"one over the limit", "123456\n1\n", []string{"!", "1"}},
		{"one over the limit at EOF", "123456", []string{"!"}},
		{"empty lines", "\n\n", []string{"", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tc.input), 16)
			var got []string
			for {
				line, tooLong, err := readLine(br, 5)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if tooLong {
					got = append(got, "!")
				} else {
					got = append(got, string(line))
				}
			}
			if !reflect.DeepEqual(got, tc.lines) {
				t.Errorf("lines %q, want %q", got, tc.lines)
			}
		})
	}
}

func TestReadWithoutBadStopsAtTheFirstProblem(t *testing.T) {
	var res result
	err := Read(context.Background(), strings.NewReader(`{"text": "Uno, en Lima."}`+"\n"+`{"text": ""}`+"\n"+`{"text": "Tres, en Cusco."}`), "x.jsonl", "", Options{}, res.emit, nil)
	if report.ErrorKind(err) != report.Invalid || report.ErrorMessage(err) != "x.jsonl:2: text is empty" {
		t.Errorf("err = %v (%s), want invalid x.jsonl:2: text is empty", err, report.ErrorKind(err))
	}
	res.check(t, []Item{{Origin: "x.jsonl:1", Report: report.Report{Text: "Uno, en Lima."}}})
}

func TestReadStops(t *testing.T) {
	input := `{"text": "Uno."}` + "\n" + `{"text": "Dos."}` + "\n"
	t.Run("when emit fails", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := Read(context.Background(), strings.NewReader(input), "x.jsonl", "", Options{}, func(Item) error { n++; return stop }, nil)
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("err = %v after %d items, want stop after 1", err, n)
		}
	})
	t.Run("when the context is cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var res result
		err := Read(ctx, strings.NewReader(input), "x.jsonl", "", Options{}, res.emit, res.bad(t))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		res.check(t, nil)
	})
}

func TestWalk(t *testing.T) {
	var res result
	err := Walk(context.Background(), []string{"testdata/walk", "testdata/dispatch-fr.txt"}, Options{Source: "import"}, res.emit, res.bad(t))
	if err != nil {
		t.Fatal(err)
	}
	res.check(t, []Item{
		{Origin: filepath.FromSlash("testdata/walk/a.txt"), Report: report.Report{Source: "import", Published: report.YearDate(2019), Text: "A report from Lyon."}},
		{Origin: filepath.FromSlash("testdata/walk/sub/b.ndjson:1"), Report: report.Report{Source: "import", Published: report.MonthDate(2020, 5), Text: "Ein Bericht aus Köln."}},
		{Origin: filepath.FromSlash("testdata/walk/sub/b.ndjson:2"), Report: report.Report{Source: "import", Published: report.DayDate(2020, 5, 2), Text: "Un informe desde Sevilla."}},
		{Origin: "testdata/dispatch-fr.txt", Report: report.Report{Source: "import", Published: report.MonthDate(2017, 11),
			Text: "Le convoi a quitté Raqqa à l'aube, escorté par des véhicules des Forces démocratiques syriennes. Selon un témoin joint par téléphone, plusieurs centaines de personnes se trouvaient à bord.\n\nÀ Deir ez-Zor, les habitants disent attendre des nouvelles de leurs proches."}},
	}, `unsupported: `+filepath.FromSlash("testdata/walk/notes.docx")+`: unsupported file type ".docx"`)

	t.Run("a missing path stops the walk", func(t *testing.T) {
		err := Walk(context.Background(), []string{"testdata/nope"}, Options{}, res.emit, res.bad(t))
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err = %v, want not exist", err)
		}
	})
	t.Run("a cancelled context stops the walk", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), -time.Second)
		defer cancel()
		if err := Walk(ctx, []string{"testdata/walk"}, Options{}, res.emit, res.bad(t)); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want deadline exceeded", err)
		}
	})
}
