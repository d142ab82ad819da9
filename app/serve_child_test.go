package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// cliChildEnv makes the test binary run its arguments as the axdash
// command line, so that a test can start a real `serve` process whose
// parse worker is this binary too.
const cliChildEnv = "AXDASH_TEST_CLI_CHILD"

// serveProcess is a running `axdash serve` child.
type serveProcess struct {
	base string // http://127.0.0.1:PORT
	pid  int
	log  *capBuffer // its stderr, for failure messages
}

// startServe starts `serve --addr 127.0.0.1:0 args…` with the test's
// environment plus env, waits for the line naming its address, and stops
// it (SIGTERM, then SIGKILL) when the test ends.
func startServe(t *testing.T, env []string, args ...string) *serveProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(append(os.Environ(), cliChildEnv+"=1"), env...)
	sp := &serveProcess{log: &capBuffer{left: 256 << 10}}
	cmd.Stderr = sp.log
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start serve: %v", err)
	}
	sp.pid = cmd.Process.Pid
	t.Cleanup(func() { stopProcess(t, cmd, sp.log) })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		sp.base = "http://" + a
	case <-time.After(3 * time.Minute): // --demo imports two waves first
		t.Fatalf("serve did not start listening; stderr:\n%s", sp.log)
	}
	return sp
}

var servingLine = regexp.MustCompile(`serving the dashboard at http://([0-9.:]+)/`)

func stopProcess(t *testing.T, cmd *exec.Cmd, log *capBuffer) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve ended with %v; stderr:\n%s", err, log)
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Errorf("serve did not stop within 30 s of SIGTERM; stderr:\n%s", log)
	}
}

// capBuffer keeps the first bytes written to it: a crashing child can
// print megabytes.
type capBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	left int
}

func (c *capBuffer) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := min(len(p), c.left)
	c.buf.Write(p[:k])
	c.left -= k
	return len(p), nil
}

func (c *capBuffer) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// signIn signs login in through the real /login form and returns a client
// carrying the session and the CSRF token that scripts send.
func signIn(t *testing.T, base, login, password string) (*http.Client, string) {
	t.Helper()
	return signInTo(t, base, login, password, "/imports")
}

// signInTo is signIn for an account that may not see /imports: the token
// is read from page instead.
func signInTo(t *testing.T, base, login, password, page string) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"login": {login}, "password": {password}, "_csrf": {pageToken(t, c, base+"/login")}}
	res, err := c.PostForm(base+"/login", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d, want 303", login, res.StatusCode)
	}
	return c, pageToken(t, c, base+page)
}

var csrfMetaTag = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

// pageToken reads the CSRF token from a page's meta tag.
func pageToken(t *testing.T, c *http.Client, pageURL string) string {
	t.Helper()
	res, err := c.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	m := csrfMetaTag.FindSubmatch(b)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("GET %s: status %d, no csrf-token meta: %.300s", pageURL, res.StatusCode, b)
	}
	return string(m[1])
}

// metricValue reads one unlabelled sample from the server's /metrics; 0
// when it is absent.
func metricValue(ctx context.Context, base, name string) (float64, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET /metrics: status %d", res.StatusCode)
	}
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			var v float64
			_, err := fmt.Sscan(rest, &v)
			return v, err
		}
	}
	return 0, sc.Err()
}
