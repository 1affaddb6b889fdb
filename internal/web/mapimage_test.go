package web_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// svgMap is what a map image holds: its title, its country paths and its circles' counts.
type svgMap struct {
	title   string
	paths   int
	circles []int
	width   string
}

// parseSVG reads a map image as XML.
func parseSVG(t *testing.T, body []byte) svgMap {
	t.Helper()
	var m svgMap
	d := xml.NewDecoder(strings.NewReader(string(body)))
	var stack []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%.500s", err, body)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range tok.Attr {
				attr[a.Name.Local] = a.Value
			}
			switch tok.Name.Local {
			case "svg":
				if len(stack) == 0 {
					m.width = attr["width"]
				}
			case "path":
				m.paths++
			case "circle":
				n, err := strconv.Atoi(attr["data-count"])
				if err != nil {
					t.Errorf("circle %v", attr)
				}
				m.circles = append(m.circles, n)
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 2 && stack[1] == "title" {
				m.title += string(tok)
			}
		}
	}
	if len(stack) != 0 {
		t.Errorf("unclosed %v", stack)
	}
	return m
}

func TestMapImage(t *testing.T) {
	ts := newDemoServer(t, nil)
	get := func(t *testing.T, path string) (*http.Response, svgMap) {
		t.Helper()
		res, body := ts.do(t, http.MethodGet, path, "", nil)
		wantStatus(t, res, body, http.StatusOK)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "image/svg+xml") {
			t.Errorf("Content-Type %q", ct)
		}
		return res, parseSVG(t, body)
	}
	sum := func(ns []int) (n int) {
		for _, c := range ns {
			n += c
		}
		return n
	}

	t.Run("the events over the countries", func(t *testing.T) {
		res, m := get(t, "/map.svg")
		if m.paths < 5 || len(m.circles) == 0 || !strings.HasPrefix(m.title, "Dateline: ") || m.width != "720" {
			t.Errorf("%d paths, %d circles, title %q, width %q", m.paths, len(m.circles), m.title, m.width)
		}
		etag := res.Header.Get("ETag")
		if etag == "" || res.Header.Get("Cache-Control") == "" {
			t.Fatalf("headers %v", res.Header)
		}
		again, body := ts.do(t, http.MethodGet, "/map.svg", "", nil, "If-None-Match", etag)
		wantStatus(t, again, body, http.StatusNotModified)
	})
	t.Run("a box shows the events in it", func(t *testing.T) {
		const q = "bbox=35,32,45,38&from=2017-10-01&to=2017-10-31"
		_, m := get(t, "/map.svg?"+q+"&width=400&height=300")
		total := explore(t, ts.page(t, "/?"+q, http.StatusOK)).total
		if m.width != "400" || m.paths < 3 || len(m.circles) == 0 || sum(m.circles) != total {
			t.Errorf("width %s, %d paths, %d circles of %d events; the list has %d", m.width, m.paths, len(m.circles), sum(m.circles), total)
		}
		if want := strconv.Itoa(total) + " events"; !strings.Contains(m.title, want) {
			t.Errorf("title %q, want %q", m.title, want)
		}
	})
	t.Run("the titles in French with ?ui=fr", func(t *testing.T) {
		res, body := ts.do(t, http.MethodGet, "/map.svg?bbox=35,32,45,38&from=2017-10-01&to=2017-10-31&ui=fr", "", nil)
		wantStatus(t, res, body, http.StatusOK)
		m := parseSVG(t, body)
		if !strings.HasPrefix(m.title, "Dateline : ") || !strings.Contains(m.title, " événements sur la carte de ") || !strings.Contains(string(body), " événements</title></circle>") {
			t.Errorf("title %q; body %.800s", m.title, body)
		}
		if v := strings.Join(res.Header.Values("Vary"), ","); !strings.Contains(v, "Accept-Language") {
			t.Errorf("Vary %q", v)
		}
	})
	t.Run("a range without events has no circles", func(t *testing.T) {
		_, m := get(t, "/embed/map.svg?from=1990-01-01&to=1990-12-31")
		if len(m.circles) != 0 || m.paths == 0 {
			t.Errorf("%d circles, %d paths", len(m.circles), m.paths)
		}
	})
	t.Run("the pages show it without JavaScript", func(t *testing.T) {
		for path, want := range map[string]string{
			"/?from=2017-10-01":                     `<noscript><img class="map-image" src="/map.svg?from=2017-10-01&amp;height=460&amp;width=1200"`,
			"/embed/map?from=2017-10-01&theme=dark": `<noscript><img class="map-image" src="/embed/map.svg?from=2017-10-01&amp;height=360&amp;width=720"`,
		} {
			if html := ts.page(t, path, http.StatusOK); !strings.Contains(html, want) {
				t.Errorf("%s: no %s", path, want)
			}
		}
	})
	t.Run("a bad size", func(t *testing.T) {
		res, body := ts.do(t, http.MethodGet, "/map.svg?width=wide", "", nil)
		wantStatus(t, res, body, http.StatusBadRequest)
	})
	t.Run("the oEmbed thumbnail", func(t *testing.T) {
		res, body := ts.do(t, http.MethodGet, "/oembed?maxwidth=480&url="+url.QueryEscape(ts.URL+"/?from=2017-10-01&theme=dark"), "", nil)
		wantStatus(t, res, body, http.StatusOK)
		var o struct {
			URL    string `json:"thumbnail_url"`
			Width  int    `json:"thumbnail_width"`
			Height int    `json:"thumbnail_height"`
		}
		if err := json.Unmarshal(body, &o); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(o.URL, ts.URL+"/map.svg?") || !strings.Contains(o.URL, "from=2017-10-01") || o.Width != 480 || o.Height <= 0 {
			t.Fatalf("thumbnail %+v", o)
		}
		_, m := get(t, strings.TrimPrefix(o.URL, ts.URL))
		if m.width != "480" || len(m.circles) == 0 {
			t.Errorf("thumbnail: width %s, %d circles", m.width, len(m.circles))
		}
	})
}
