package main

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ulikunitz/xz"
)

// debPackage is a Debian package pinned by its URL and SHA-256, as make fetches it once into a
// gitignored cache.
type debPackage struct {
	url, sha256 string
}

// geonamesDeb is UBports' geonames 0.3.0 data package (Debian bookworm's libgeonames-common): GeoNames'
// names of its cities of 15,000 people or more, of first-level divisions and countries, by language, as
// gettext catalogs whose message ids are GeoNames ids ("170654" -> "Damas") or admin1 codes ("SY.04").
// The data is GeoNames' (CC BY 4.0); the package's code is GPL-3, and none of its code is used.
var geonamesDeb = debPackage{
	url:    "http://deb.debian.org/debian/pool/main/g/geonames/libgeonames-common_0.3.0-1_all.deb",
	sha256: "6446f39dbc93451804903f8f88fd6a893bf585509ea85ed90182984038131930",
}

// fetch returns the package's bytes from path when they are there and match the pin, else downloads
// them (deb.debian.org: Debian's packages are reachable where the npm registry is) and keeps them at path.
func (p debPackage) fetch(path string, stderr io.Writer) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil && p.check(b) == nil {
		return b, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url, nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", p.url, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download %s: %s", p.url, res.Status)
	}
	b, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", p.url, err)
	}
	if err := p.check(b); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "gazbuild: %s (%d bytes) -> %s\n", p.url, len(b), path)
	return b, nil
}

func (p debPackage) check(b []byte) error {
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != p.sha256 {
		return fmt.Errorf("%s: SHA-256 %s, want %s", p.url, got, p.sha256)
	}
	return nil
}

// debFiles returns the files of a .deb's data archive (an ar archive holding data.tar.xz) whose
// paths want accepts, by path ("usr/share/locale/fr/LC_MESSAGES/geonames.mo").
func debFiles(deb []byte, want func(path string) bool) (map[string][]byte, error) {
	const magic = "!<arch>\n"
	if !bytes.HasPrefix(deb, []byte(magic)) {
		return nil, errors.New("not a Debian package (no ar header)")
	}
	for i := len(magic); i+60 <= len(deb); {
		name := strings.TrimRight(strings.TrimSpace(string(deb[i:i+16])), "/")
		size, err := strconv.Atoi(strings.TrimSpace(string(deb[i+48 : i+58])))
		if err != nil || size < 0 || i+60+size > len(deb) {
			return nil, fmt.Errorf("debian package: bad member header at byte %d", i)
		}
		body := deb[i+60 : i+60+size]
		i += 60 + size + size%2
		if name != "data.tar.xz" {
			continue
		}
		xr, err := xz.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("debian package: data.tar.xz: %w", err)
		}
		out := map[string][]byte{}
		tr := tar.NewReader(xr)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return nil, fmt.Errorf("debian package: data.tar.xz: %w", err)
			}
			path := strings.TrimPrefix(h.Name, "./")
			if h.Typeflag != tar.TypeReg || !want(path) {
				continue
			}
			if out[path], err = io.ReadAll(io.LimitReader(tr, 32<<20)); err != nil {
				return nil, fmt.Errorf("debian package: %s: %w", path, err)
			}
		}
	}
	return nil, errors.New("debian package: no data.tar.xz")
}

// readMO reads a GNU gettext catalog (.mo): message ids to their translations. The header entry
// (the empty id) and entries with a context or plural forms are left out.
func readMO(b []byte) (map[string]string, error) {
	if len(b) < 28 {
		return nil, errors.New("gettext catalog: too short")
	}
	var order binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
		order = binary.LittleEndian
	case 0xde120495:
		order = binary.BigEndian
	default:
		return nil, errors.New("gettext catalog: bad magic number")
	}
	n, ids, strs := int(order.Uint32(b[8:])), int(order.Uint32(b[12:])), int(order.Uint32(b[16:]))
	str := func(table, k int) (string, error) {
		at := table + 8*k
		if at < 0 || at+8 > len(b) {
			return "", errors.New("gettext catalog: table out of range")
		}
		l, off := int(order.Uint32(b[at:])), int(order.Uint32(b[at+4:]))
		if off < 0 || l < 0 || off+l > len(b) {
			return "", errors.New("gettext catalog: string out of range")
		}
		return string(b[off : off+l]), nil
	}
	out := make(map[string]string, n)
	for k := range n {
		id, err := str(ids, k)
		if err != nil {
			return nil, err
		}
		s, err := str(strs, k)
		if err != nil {
			return nil, err
		}
		if id == "" || strings.ContainsAny(id, "\x00\x04") || strings.Contains(s, "\x00") {
			continue
		}
		out[id] = s
	}
	return out, nil
}
