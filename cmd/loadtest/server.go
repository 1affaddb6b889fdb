package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is a `dateline serve` process on a loopback port.
type server struct {
	URL  string   // http://127.0.0.1:PORT
	Args []string // its command line
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited and its log is read

	mu     sync.Mutex
	tail   []string // the last lines of its log
	errors int      // lines logged at level ERROR
	exit   error
}

// listening is serve's log line that names its address.
var listening = regexp.MustCompile(`msg=listening url=(http://\S+)`)

// startServer starts bin serve over the store in dir on a free loopback port, with extra flags,
// and returns once /healthz answers.
func startServer(ctx context.Context, bin, dir string, extra ...string) (*server, error) {
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", dir, "--demo=false"}, extra...)
	s := &server{Args: append([]string{bin}, args...), cmd: exec.Command(bin, args...), done: make(chan struct{})}
	logs, err := s.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("loadtest: start %s: %w", bin, err)
	}
	found := make(chan string, 1)
	go s.readLog(logs, found)
	select {
	case s.URL = <-found:
	case <-s.done:
		return nil, fmt.Errorf("loadtest: %s exited before listening: %v\n%s", bin, s.exitErr(), s.logTail())
	case <-time.After(2 * time.Minute):
		s.stop()
		return nil, fmt.Errorf("loadtest: %s did not listen within 2 minutes\n%s", bin, s.logTail())
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		res, err := http.Get(s.URL + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Since(start) > 30*time.Second || ctx.Err() != nil {
			s.stop()
			return nil, fmt.Errorf("loadtest: %s/healthz did not answer: %v", s.URL, err)
		}
	}
}

// readLog keeps the tail of the server's log and counts its errors; it sends the address the
// server listens on to found, and closes s.done when the process has exited.
func (s *server) readLog(r io.Reader, found chan<- string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := listening.FindStringSubmatch(line); m != nil {
			select {
			case found <- m[1]:
			default:
			}
		}
		s.mu.Lock()
		if strings.Contains(line, "level=ERROR") {
			s.errors++
		}
		if s.tail = append(s.tail, line); len(s.tail) > 20 {
			s.tail = s.tail[1:]
		}
		s.mu.Unlock()
	}
	io.Copy(io.Discard, r) // a line too long for the scanner: keep the pipe flowing
	err := s.cmd.Wait()
	s.mu.Lock()
	s.exit = err
	s.mu.Unlock()
	close(s.done)
}

func (s *server) logTail() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.tail, "\n")
}

func (s *server) exitErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exit
}

// errorLines is the number of lines the server has logged at level ERROR.
func (s *server) errorLines() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errors
}

// alive reports whether the process is still running.
func (s *server) alive() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// stop asks the server to shut down (SIGTERM), and kills it after 15 seconds.
func (s *server) stop() error {
	if !s.alive() {
		return nil
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return errors.New("loadtest: the server did not stop within 15 s of SIGTERM: killed")
	}
	if err := s.exitErr(); err != nil {
		return fmt.Errorf("loadtest: the server exited with %v\n%s", err, s.logTail())
	}
	return nil
}

// memoryPeak is the server's memory during a run, in MB (2^20 bytes): the kernel's high-water
// mark of its resident set (VmHWM, reset before the run when /proc/PID/clear_refs allows it), and
// the largest of samples taken every 100 ms of the resident set, of its anonymous part (the Go
// heap, SQLite's caches) and, every 500 ms, of its proportional set size. The resident set counts
// a file page once per mapping, and SQLite maps the database once per connection; the PSS counts
// it once.
type memoryPeak struct {
	HWM       float64 `json:"peak_rss_mb"` // VmHWM
	HWMReset  bool    `json:"hwm_reset"`   // false: VmHWM is the peak of the process's whole life
	RSS       float64 `json:"sampled_rss_mb"`
	Anon      float64 `json:"sampled_anon_mb"`
	PSS       float64 `json:"sampled_pss_mb"`
	Samples   int     `json:"samples"`
	SampleErr string  `json:"error,omitempty"`
}

// Peak is the larger of the high-water mark and the largest sample of the resident set.
func (m *memoryPeak) Peak() float64 { return max(m.HWM, m.RSS) }

// watchMemory resets the process's high-water mark, samples its memory until the returned
// function is called, and returns the peaks.
func watchMemory(pid int) (peak func() *memoryPeak) {
	var p memoryPeak
	// "5" resets the peak resident set size (Linux 4.0 and later).
	p.HWMReset = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0) == nil
	end, done := make(chan struct{}), make(chan struct{})
	sample := func(pss bool) {
		st, err := procStatus(pid, "status")
		if err == nil && pss {
			// smaps_rollup walks the page tables: about 10 ms of the kernel's time, so less often.
			var rollup map[string]float64
			if rollup, err = procStatus(pid, "smaps_rollup"); err == nil {
				p.PSS = max(p.PSS, rollup["Pss"])
			}
		}
		if err != nil {
			if p.SampleErr == "" {
				p.SampleErr = err.Error()
			}
			return
		}
		p.Samples++
		p.RSS, p.Anon = max(p.RSS, st["VmRSS"]), max(p.Anon, st["RssAnon"])
	}
	go func() {
		defer close(done)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			sample(i%5 == 0)
			select {
			case <-end:
				return
			case <-tick.C:
			}
		}
	}()
	return func() *memoryPeak {
		close(end)
		<-done
		sample(true)
		if st, err := procStatus(pid, "status"); err == nil {
			p.HWM = st["VmHWM"]
		}
		return &p
	}
}

// mappings is the number of times the process maps the file at path (SQLite maps the database
// once per connection).
func mappings(pid int, path string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/maps", pid))
	if err != nil {
		return 0
	}
	abs, _ := filepath.Abs(path)
	n := 0
	for line := range strings.Lines(string(b)) {
		if strings.HasSuffix(strings.TrimSpace(line), " "+abs) {
			n++
		}
	}
	return n
}

// procStatus reads the memory lines of /proc/PID/name, status or smaps_rollup ("VmRSS:  123 kB"),
// in MB.
func procStatus(pid int, name string) (map[string]float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/%s", pid, name))
	if err != nil {
		return nil, err
	}
	st := map[string]float64{}
	for line := range strings.Lines(string(b)) {
		key, rest, ok := strings.Cut(line, ":")
		fields := strings.Fields(rest)
		if !ok || len(fields) != 2 || fields[1] != "kB" {
			continue
		}
		if kb, err := strconv.ParseFloat(fields[0], 64); err == nil {
			st[key] = kb / 1024
		}
	}
	return st, nil
}
