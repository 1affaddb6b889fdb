package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb/geojson"
	_ "modernc.org/sqlite"
)

// listening reads a server's log from r until it says where it listens, and returns that URL;
// it keeps reading to the end so that the server never blocks on its log.
func listening(t *testing.T, r io.Reader) string {
	t.Helper()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		re := regexp.MustCompile(`msg=listening url=(http://127\.0\.0\.1:\d+)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
		close(urls)
	}()
	select {
	case u, ok := <-urls:
		if !ok {
			t.Fatal("the server stopped before listening")
		}
		return u
	case <-time.After(2 * time.Minute):
		t.Fatal("the server did not listen within 2 minutes")
	}
	return ""
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if v != nil && res.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s: %v\n%.300s", url, err, body)
		}
	}
	return res.StatusCode
}

func TestServeLoadsTheDemoAndStopsOnCancel(t *testing.T) {
	data := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logR, logW := io.Pipe()
	getenv := func(k string) string {
		return map[string]string{"DATELINE_DATA": data, "DATELINE_ADDR": "127.0.0.1:0"}[k]
	}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"dateline", "serve"}, getenv, strings.NewReader(""), io.Discard, logW)
		logW.Close()
	}()
	url := listening(t, logR)

	var page struct{ Reports []struct{ ID, Lang string } }
	if status := getJSON(t, url+"/api/reports?limit=100", &page); status != http.StatusOK || len(page.Reports) < 15 {
		t.Fatalf("status %d, %d demo reports", status, len(page.Reports))
	}
	res, err := http.Get(url + "/api/events?from=2017-10-01&to=2017-10-31&bbox=35,29,49,38")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil || res.StatusCode != http.StatusOK || len(fc.Features) < 20 {
		t.Fatalf("October's events in Syria and Iraq: status %d, %v, %.300s", res.StatusCode, err, body)
	}
	for _, f := range fc.Features {
		if d := f.Properties.MustString("date", ""); d < "2017-10" || d > "2017-10-31" {
			t.Errorf("%s dated %q in October's events", f.Properties.MustString("text", ""), d)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after its context ended", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30 s of its context ending")
	}
}

// TestAcknowledgedReportsSurviveSIGKILL kills the server while reports stream in, restarts it on
// the same data, and checks that every report it acknowledged is there and the file is sound.
func TestAcknowledgedReportsSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin, data := filepath.Join(dir, "dateline"), filepath.Join(dir, "data")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	start := func() (*exec.Cmd, string) {
		t.Helper()
		cmd := exec.Command(bin, "serve", "--demo=false", "--addr", "127.0.0.1:0", "--data", data)
		logs, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill() })
		return cmd, listening(t, logs)
	}

	server, url := start()
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				body := fmt.Sprintf(`{"text":"Dispatch %d-%d: fighting near Deir ez-Zor and Abu Kamal.","date":"2017-11-%02d"}`, w, i, 1+i%28)
				res, err := http.Post(url+"/api/reports", "application/json", strings.NewReader(body))
				if err != nil {
					return // the server is gone
				}
				var r struct{ ID string }
				err = json.NewDecoder(res.Body).Decode(&r)
				res.Body.Close()
				if err == nil && res.StatusCode == http.StatusCreated {
					mu.Lock()
					acked = append(acked, r.ID)
					mu.Unlock()
				}
			}
		}()
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 50 || time.Now().After(deadline) {
			break
		}
	}
	if err := server.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	server.Wait()
	wg.Wait()
	if len(acked) < 50 {
		t.Fatalf("only %d reports acknowledged before the kill", len(acked))
	}

	server, url = start()
	for _, id := range acked {
		var r struct{ ID string }
		if status := getJSON(t, url+"/api/reports/"+id, &r); status != http.StatusOK || r.ID != id {
			t.Errorf("acknowledged report %s: status %d after the restart", id, status)
		}
	}
	if err := server.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := server.Wait(); err != nil {
		t.Errorf("after SIGTERM the server exited with %v", err)
	}

	db, err := sql.Open("sqlite", filepath.Join(data, "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	var stored int
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check: %q, %v", integrity, err)
	}
	if err := db.QueryRow("SELECT count(*) FROM reports").Scan(&stored); err != nil || stored < len(acked) {
		t.Errorf("%d reports stored, %d acknowledged (%v)", stored, len(acked), err)
	}
	t.Logf("%d reports acknowledged before SIGKILL, %d stored", len(acked), stored)
}

// TestServeOnAllAddressesNeedsATokenToWrite: a server reachable from other machines takes writes
// with a token only, refuses other sites' writes and Host names it is not.
func TestServeOnAllAddressesNeedsATokenToWrite(t *testing.T) {
	data := t.TempDir()
	secret, _ := runCmd(t, "", "token", "create", "--name", "ci", "--data", data)
	secret = strings.TrimSpace(secret)
	if list, _ := runCmd(t, "", "token", "list", "--data", data); !strings.HasPrefix(list, "ci\tread-write\t") || strings.Contains(list, secret) {
		t.Fatalf("token list: %q", list)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logR, logW := io.Pipe()
	getenv := func(k string) string {
		return map[string]string{"DATELINE_DATA": data, "DATELINE_ADDR": "0.0.0.0:0"}[k]
	}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"dateline", "serve", "--demo=false"}, getenv, strings.NewReader(""), io.Discard, logW)
		logW.Close()
	}()
	port := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(logR)
		re := regexp.MustCompile(`msg=listening url=http://\S+:(\d+) `)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				port <- m[1]
			}
		}
	}()
	var base string
	select {
	case p := <-port:
		base = "http://127.0.0.1:" + p
	case <-time.After(2 * time.Minute):
		t.Fatal("the server did not listen")
	}
	post := func(header ...string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+"/api/reports", strings.NewReader("Shelling hit Douma on Monday."))
		req.Header.Set("Content-Type", "text/plain")
		for i := 0; i+1 < len(header); i += 2 {
			if header[i] == "Host" {
				req.Host = header[i+1]
			} else {
				req.Header.Set(header[i], header[i+1])
			}
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for _, c := range []struct {
		name   string
		header []string
		want   int
	}{
		{"no token", nil, http.StatusUnauthorized},
		{"another site", []string{"Authorization", "Bearer " + secret, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"another host", []string{"Authorization", "Bearer " + secret, "Host", "evil.example"}, http.StatusMisdirectedRequest},
		{"the token", []string{"Authorization", "Bearer " + secret}, http.StatusCreated},
	} {
		if got := post(c.header...); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	if out, _ := runCmd(t, "", "token", "revoke", "--data", data, "ci"); out != "token \"ci\" revoked\n" {
		t.Errorf("revoke: %q", out)
	}
}
