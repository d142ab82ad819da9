package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"axdash/app/parseworker"
)

// Probes of the hostile-upload test: the server's and its children's peak
// memory, and a second client that keeps asking for figures.

// resetHWM sets a process's peak RSS (VmHWM) back to its current RSS, so
// that the next reading is the peak of what happened in between (Linux
// ≥ 4.0, clear_refs value 5).
func resetHWM(pid int) error {
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

// childSampler keeps the largest VmHWM seen among the parse-worker
// children of a process, apart for the reading child and the annotating
// one, sampling /proc every few milliseconds: the last few milliseconds of
// a child's life may be missed.
type childSampler struct {
	mu       sync.Mutex
	peak     [2]int64 // reading, annotating
	stop     chan struct{}
	done     chan struct{}
	children func() []int
}

func startChildSampler(pid int) *childSampler {
	s := &childSampler{stop: make(chan struct{}), done: make(chan struct{}), children: func() []int { return childPIDs(pid) }}
	go func() {
		defer close(s.done)
		tick := time.NewTicker(3 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-tick.C:
				s.sample()
			}
		}
	}()
	return s
}

func (s *childSampler) sample() {
	for _, k := range s.children() {
		// Until it calls exec, a child shares the server's memory map and
		// /proc shows the server's figures: count it only once its command
		// line is the worker's, and read that first.
		args, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", k))
		argv := strings.Split(string(args), "\x00")
		if len(argv) < 2 || argv[1] != parseworker.Command {
			continue
		}
		kind := 0
		if slices.Contains(argv, "--annotate") {
			kind = 1
		}
		hwm := vmHWM(k)
		s.mu.Lock()
		s.peak[kind] = max(s.peak[kind], hwm)
		s.mu.Unlock()
	}
}

// take returns the peaks of the reading and the annotating children since
// the last take, and starts over.
func (s *childSampler) take() (reading, annotating int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	reading, annotating = s.peak[0], s.peak[1]
	s.peak = [2]int64{}
	return reading, annotating
}

func (s *childSampler) close() { close(s.stop); <-s.done }

// figureLoad is a second, anonymous client that requests paths in turn
// while the uploads run, noting the slowest answer and every failure.
type figureLoad struct {
	mu       sync.Mutex
	slowest  time.Duration
	count    int
	failures []string
	stop     chan struct{}
	done     chan struct{}
}

func startFigureLoad(t *testing.T, base string, pause time.Duration, paths ...string) *figureLoad {
	t.Helper()
	f := &figureLoad{stop: make(chan struct{}), done: make(chan struct{})}
	// Its own transport: the uploader's connections are not shared.
	c := &http.Client{Transport: &http.Transport{}, Timeout: time.Minute}
	go func() {
		defer close(f.done)
		for i := 0; ; i++ {
			select {
			case <-f.stop:
				return
			case <-time.After(pause):
			}
			f.get(c, base+paths[i%len(paths)])
		}
	}()
	t.Cleanup(f.close)
	return f
}

func (f *figureLoad) get(c *http.Client, url string) {
	start := time.Now()
	res, err := c.Get(url)
	if err == nil {
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	d := time.Since(start)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.count++
	f.slowest = max(f.slowest, d)
	switch {
	case err != nil:
		f.failures = append(f.failures, fmt.Sprintf("GET %s: %v", url, err))
	case res.StatusCode != http.StatusOK:
		f.failures = append(f.failures, fmt.Sprintf("GET %s: status %d", url, res.StatusCode))
	}
}

// take returns the slowest answer, the number of answers and the failures
// since the last take, and starts over.
func (f *figureLoad) take() (time.Duration, int, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	slowest, n, fails := f.slowest, f.count, f.failures
	f.slowest, f.count, f.failures = 0, 0, nil
	return slowest, n, fails
}

func (f *figureLoad) close() {
	select {
	case <-f.stop:
	default:
		close(f.stop)
	}
	<-f.done
}
