package web_test

import (
	"bytes"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/web"
)

// postIngest posts the ingest form as a browser of the same site does, with fields and files,
// without following a redirect; header is more pairs of names and values.
func (ts *testServer) postIngest(t testing.TB, fields, files map[string]string, header ...string) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		mw.WriteField(k, fields[k])
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fw, _ := mw.CreateFormFile("files", name)
		io.WriteString(fw, files[name])
	}
	if len(files) == 0 { // a browser sends the empty file input
		mw.CreateFormFile("files", "")
	}
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/ingest", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return ts.send(t, req)
}

var previewMark = regexp.MustCompile(`<mark class="mention kind-[a-z]+" title="[^"]*">([^<]+)</mark>`)

func TestIngestPage(t *testing.T) {
	ts := newServer(t, nil)
	seed := readSeed(t)
	empty := ts.snapshot(t)

	form := ts.page(t, "/ingest", http.StatusOK)
	for _, want := range []string{`action="/ingest" enctype="multipart/form-data"`, `name="text"`, `type="file" name="files" multiple`, `value="preview"`, `value="save"`} {
		if !strings.Contains(form, want) {
			t.Errorf("the form has no %s", want)
		}
	}
	if !strings.Contains(ts.page(t, "/about", http.StatusOK), `<a href="/ingest">`) {
		t.Errorf("the site header does not link to /ingest")
	}

	t.Run("preview shows the places and dates and stores nothing", func(t *testing.T) {
		res, html := ts.postIngest(t, map[string]string{"text": seed, "source": "Wire", "action": "preview"}, nil)
		wantStatus(t, res, []byte(html), http.StatusOK)
		var marked []string
		for _, m := range previewMark.FindAllStringSubmatch(html, -1) {
			marked = append(marked, m[1])
		}
		for _, want := range []string{"Raqqa", "Markada", "Abu Kamal"} {
			if !slices.Contains(marked, want) {
				t.Errorf("%s is not marked in the text; marked %v", want, marked)
			}
		}
		for _, want := range []string{"<td>SY</td>", `<time datetime="2017-11-16">`, `lang="fr"`, "not stored", "La coalition internationale"} {
			if !strings.Contains(html, want) {
				t.Errorf("the preview has no %s", want)
			}
		}
		if after := ts.snapshot(t); len(after.ids) != 0 || after.events != 0 {
			t.Errorf("a preview stored %v", after)
		}
	})
	t.Run("a form of another site is refused", func(t *testing.T) {
		res, html := ts.postIngest(t, map[string]string{"text": seed, "action": "save"}, nil, "Sec-Fetch-Site", "cross-site")
		wantStatus(t, res, []byte(html), http.StatusForbidden)
		if after := ts.snapshot(t); len(after.ids) != 0 {
			t.Errorf("stored %v", after)
		}
	})
	var id string
	t.Run("save stores the report and goes to its page", func(t *testing.T) {
		res, html := ts.postIngest(t, map[string]string{"text": seed, "title": "Raqqa", "action": "save"}, nil)
		wantStatus(t, res, []byte(html), http.StatusSeeOther)
		id, _ = strings.CutPrefix(res.Header.Get("Location"), "/reports/")
		after := ts.snapshot(t)
		if len(after.ids) != 1 || after.ids[0] != id || after.events < 7 {
			t.Fatalf("Location %q, stored %v", res.Header.Get("Location"), after)
		}
		page := ts.page(t, "/reports/"+id, http.StatusOK)
		if !strings.Contains(page, `<h1 dir="auto">Raqqa</h1>`) || !strings.Contains(page, ">Markada</a>") {
			t.Errorf("the report page does not show the saved report")
		}
	})
	t.Run("several files are summed up, duplicates said", func(t *testing.T) {
		files := map[string]string{"seed.txt": seed, "kirkuk.txt": "date 2017-10-16\nIraqi forces entered Kirkuk on Monday."}
		res, html := ts.postIngest(t, map[string]string{"action": "save"}, files)
		wantStatus(t, res, []byte(html), http.StatusOK)
		if !strings.Contains(html, `seed.txt: <a href="/reports/`+id+`">already stored</a>`) || !regexp.MustCompile(`kirkuk.txt: <a href="/reports/[^"]+">stored</a>`).MatchString(html) {
			t.Errorf("summary:\n%s", html)
		}
		if after := ts.snapshot(t); len(after.ids) != 2 {
			t.Errorf("stored %v", after)
		}
	})

	big := newServer(t, func(c *web.Config) { c.MaxReportBytes = 4096 })
	garbage := string([]byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0xff, 0xfe, 0x00, 0x01})
	for _, tt := range []struct {
		name          string
		fields, files map[string]string
		status        int
		msg           string
	}{
		{"empty text", map[string]string{"text": " \n "}, nil, 422, "text is empty"},
		{"an impossible date", map[string]string{"text": "Raqqa fell.", "date": "2017-02-30"}, nil, 422, `date &#34;2017-02-30&#34;: no such day`},
		{"an impossible date line", map[string]string{"text": "date 2017-02-30\nRaqqa fell."}, nil, 422, "no such day"},
		{"a bad language", map[string]string{"text": "Raqqa fell.", "lang": "french!"}, nil, 422, "not a language code"},
		{"binary garbage", nil, map[string]string{"photo.png": garbage}, 422, "binary data, not text"},
		{"a file without reports", nil, map[string]string{"empty.jsonl": "\n\n"}, 422, "empty.jsonl</strong>: the files hold no reports"},
		{"oversize text", map[string]string{"text": strings.Repeat("Raqqa fell. ", 400)}, nil, 413, "larger than the 4096-byte limit"},
		{"an oversize file", nil, map[string]string{"long.txt": strings.Repeat("Raqqa fell. ", 400)}, 413, "long.txt</strong>: larger than the 4096-byte limit"},
	} {
		for _, action := range []string{"preview", "save"} {
			t.Run(tt.name+" on "+action, func(t *testing.T) {
				before := big.snapshot(t)
				fields := maps.Clone(tt.fields)
				if fields == nil {
					fields = map[string]string{}
				}
				fields["action"] = action
				res, html := big.postIngest(t, fields, tt.files)
				wantStatus(t, res, []byte(html), tt.status)
				if !strings.Contains(html, tt.msg) || !strings.Contains(html, `role="alert"`) || !strings.Contains(html, `<form class="ingest"`) {
					t.Errorf("the page does not say %q with the form:\n%s", tt.msg, html)
				}
				if after := big.snapshot(t); !slices.Equal(after.ids, before.ids) || after.events != before.events {
					t.Errorf("the store changed: %v -> %v", before, after)
				}
			})
		}
	}
	if after := ts.snapshot(t); len(empty.ids) != 0 || len(after.ids) != 2 {
		t.Errorf("store: %v -> %v", empty, after)
	}
}
