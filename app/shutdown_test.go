package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"axdash/configs"
)

// eventStopper is a stopper that notes when it ran, among the requests'
// events, under the test's lock.
type eventStopper struct {
	mu     *sync.Mutex
	events *[]string
	err    error
}

func (s eventStopper) Stop(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ev := "stopper"
	if ctx.Err() != nil {
		ev = "stopper with an expired context"
	}
	*s.events = append(*s.events, ev)
	return s.err
}

// slowServer serves /slow, which blocks until release is closed, on a
// loopback port; it returns the address and serveUntilDone's result.
func slowServer(t *testing.T, ctx context.Context, timeout time.Duration, release <-chan struct{}, events *[]string,
	mu *sync.Mutex, stoppers []stopper) (string, <-chan struct{}, <-chan error) {
	t.Helper()
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		mu.Lock()
		*events = append(*events, "request finished")
		mu.Unlock()
		_, _ = io.WriteString(w, "done")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sc := configs.ServerConfig{ReadHeaderTimeout: 5 * time.Second, ShutdownTimeout: timeout}
	errc := make(chan error, 1)
	go func() {
		errc <- serveUntilDone(ctx, sc, ln, h, slog.New(slog.NewTextHandler(io.Discard, nil)), stoppers)
	}()
	return ln.Addr().String(), started, errc
}

// refused waits until a new connection to addr is refused; the listener
// closes as soon as the shutdown starts.
func refused(addr string) bool {
	for i := 0; i < 200; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return true
		}
		c.Close()
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

func TestGracefulShutdownFinishesRunningRequests(t *testing.T) {
	var mu sync.Mutex
	var events []string
	release := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := eventStopper{mu: &mu, events: &events}
	addr, started, errc := slowServer(t, ctx, 10*time.Second, release, &events, &mu, []stopper{stop})
	type answer struct {
		status int
		body   string
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		res, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		got <- answer{status: res.StatusCode, body: string(b)}
	}()
	<-started
	cancel() // SIGTERM
	if !refused(addr) {
		t.Fatal("new connections are still accepted after the shutdown began")
	}
	mu.Lock()
	early := len(events)
	mu.Unlock()
	if early != 0 {
		t.Fatalf("events before the request finished: %v", events)
	}
	close(release)
	if a := <-got; a.err != nil || a.status != 200 || a.body != "done" {
		t.Fatalf("the request in flight got %+v, want 200 done", a)
	}
	if err := <-errc; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(events) != 2 || events[0] != "request finished" || events[1] != "stopper" {
		t.Errorf("order = %v, want the request to finish before the stoppers run", events)
	}
}

func TestGracefulShutdownIsBounded(t *testing.T) {
	var mu sync.Mutex
	var events []string
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	failing := eventStopper{mu: &mu, events: &events, err: errors.New("jobs not released")}
	addr, started, errc := slowServer(t, ctx, 200*time.Millisecond, release, &events, &mu, []stopper{failing})
	go func() {
		if res, err := http.Get("http://" + addr + "/slow"); err == nil {
			res.Body.Close()
		}
	}()
	<-started
	cancel()
	err := <-errc
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, failing.err) {
		t.Errorf("shutdown with a stuck request = %v, want the deadline and the stopper's error", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(events) != 1 || events[0] != "stopper" {
		t.Errorf("events = %v, want the stopper to run with time left even after the timeout", events)
	}
}
