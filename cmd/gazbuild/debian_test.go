package main

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"testing"

	"github.com/ulikunitz/xz"
)

// mo writes a gettext catalog of entries (sorted by id, as msgfmt writes them) in order.
func mo(order binary.ByteOrder, entries [][2]string) []byte {
	n := len(entries)
	header := 28
	ids, strs := header, header+8*n
	var data bytes.Buffer
	off := strs + 8*n
	table := make([]byte, 16*n)
	for k, e := range entries {
		for j, s := range e {
			at := 8*k + 8*n*j
			order.PutUint32(table[at:], uint32(len(s)))
			order.PutUint32(table[at+4:], uint32(off+data.Len()))
			data.WriteString(s)
			data.WriteByte(0)
		}
	}
	b := make([]byte, header)
	order.PutUint32(b, 0x950412de)
	order.PutUint32(b[8:], uint32(n))
	order.PutUint32(b[12:], uint32(ids))
	order.PutUint32(b[16:], uint32(strs))
	return append(append(b, table...), data.Bytes()...)
}

func TestReadMO(t *testing.T) {
	entries := [][2]string{{"", "Project-Id-Version: geonames\n"}, {"170654", "Damas"}, {"ctx\x04id", "with a context"}, {"FR.53", "Bretagne"}}
	want := map[string]string{"170654": "Damas", "FR.53": "Bretagne"}
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		got, err := readMO(mo(order, entries))
		if err != nil || !maps.Equal(got, want) {
			t.Errorf("%v: %v, %v; want %v", order, got, err, want)
		}
	}
	good := mo(binary.LittleEndian, entries)
	bad := map[string][]byte{"empty": nil, "no magic": append([]byte("not a catalog at all......."), good[28:]...), "cut short": good[:40]}
	badOffset := bytes.Clone(good)
	binary.LittleEndian.PutUint32(badOffset[28+4:], 1<<30) // the first id's offset, far out of the file
	bad["an offset out of the file"] = badOffset
	for name, b := range bad {
		if _, err := readMO(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// deb writes a Debian package (an ar archive) whose data.tar.xz holds files.
func deb(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var data bytes.Buffer
	xw, err := xz.NewWriter(&data)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(xw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: "./" + name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := xw.Close(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("!<arch>\n")
	member := func(name string, body []byte) {
		fmt.Fprintf(&b, "%-16s%-12s%-6s%-6s%-8s%-10d`\n", name, "0", "0", "0", "100644", len(body))
		b.Write(body)
		if len(body)%2 == 1 {
			b.WriteByte('\n')
		}
	}
	member("debian-binary", []byte("2.0\n"))
	member("control.tar.xz", []byte("x"))
	member("data.tar.xz", data.Bytes())
	return b.Bytes()
}

func TestDebFiles(t *testing.T) {
	pkg := deb(t, map[string]string{
		"usr/share/locale/fr/LC_MESSAGES/geonames.mo": "fr catalog",
		"usr/share/locale/de/LC_MESSAGES/geonames.mo": "de catalog",
		"usr/share/doc/copyright":                     "CC BY 4.0",
	})
	got, err := debFiles(pkg, func(path string) bool { return path == "usr/share/locale/fr/LC_MESSAGES/geonames.mo" })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || string(got["usr/share/locale/fr/LC_MESSAGES/geonames.mo"]) != "fr catalog" {
		t.Errorf("got %q", got)
	}
	for name, b := range map[string][]byte{"not an archive": []byte("PK\x03\x04"), "cut short": pkg[:len(pkg)/2], "no data": pkg[:8+60+4]} {
		if _, err := debFiles(b, func(string) bool { return true }); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := geonamesDeb.check([]byte("another package")); err == nil {
		t.Error("a package that is not the pinned one passed the check")
	}
}
