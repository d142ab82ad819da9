package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestKillServeMidUpload kills `serve` with SIGKILL while it writes an
// upload's spill (raw answers) into its temp folder: the spill was private,
// and the next start removes it with the folder.
func TestKillServeMidUpload(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		bases := tempBases(t)
		password := addUser(t, "uploader", "analyst")
		c := startChild(t, []string{"serve", "--addr", "127.0.0.1:0"}, "AXDASH_JOBS_WORKERS=0")
		base := servingAddr(t, c)
		created := watchCreate(t, serverRoot(t, bases[len(bases)-1], c.cmd.Process.Pid), "axdash-upload-")
		client, token := signIn(t, base, "uploader", password)
		body, answered := startUpload(t, client, base, token)
		var spill string
		select {
		case spill = <-created:
		case err := <-answered:
			t.Fatalf("the upload ended before its spill was made: %v", err)
		case err := <-c.exited:
			t.Fatalf("serve ended: %v\n%s", err, c.stderr.String())
		}
		c.kill(t, false)
		_ = body.CloseWithError(errors.New("the server was killed"))
		<-answered
		checkUploadCopy(t, tempLitter(t, nil, bases...), spill)
		if code, _, stderr := cli(t, "import", demoFile(t, 50), "--wave", "W", "--dry-run"); code != exitOK {
			t.Fatalf("import after the kill: %d %s", code, stderr)
		}
		if left := tempLitter(t, nil, bases...); len(left) > 0 {
			t.Errorf("after import ran again: %v", left)
		}
	})
}

// servingAddr reads the child serve's address from its first lines.
func servingAddr(t *testing.T, c *child) string {
	t.Helper()
	sc := bufio.NewScanner(c.stdout)
	for sc.Scan() {
		if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, c.stdout) }()
			return "http://" + m[1]
		}
	}
	t.Fatalf("serve did not start listening; stderr:\n%s", c.stderr.String())
	return ""
}

// startUpload posts a workbook whose body stops after its first mebibyte
// and stays open until the returned writer is closed; answered has the
// request's end.
func startUpload(t *testing.T, client *http.Client, base, token string) (*io.PipeWriter, <-chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("wave", "W")
		fw, err := mw.CreateFormFile("file", "w.xlsx")
		if err == nil {
			_, _ = fw.Write(make([]byte, 1<<20))
		}
	}()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/imports", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-CSRF-Token", token)
	answered := make(chan error, 1)
	go func() {
		res, err := client.Do(req)
		if err == nil {
			res.Body.Close()
			err = fmt.Errorf("answered %d", res.StatusCode)
		}
		answered <- err
	}()
	return pw, answered
}

// watchCreate reports the name of the first file made in dir whose name
// starts with prefix (inotify: no polling).
func watchCreate(t *testing.T, dir, prefix string) <-chan string {
	t.Helper()
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC | syscall.IN_NONBLOCK)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syscall.InotifyAddWatch(fd, dir, syscall.IN_CREATE); err != nil {
		t.Fatal(err)
	}
	f := os.NewFile(uintptr(fd), "inotify") // non-blocking: Close ends a Read
	t.Cleanup(func() { _ = f.Close() })
	names := make(chan string, 1)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			if err != nil {
				return
			}
			// Each event: wd, mask, cookie, len (4 bytes each), then len bytes of name.
			for off := 0; off+syscall.SizeofInotifyEvent <= n; {
				end := off + syscall.SizeofInotifyEvent + int(binary.NativeEndian.Uint32(buf[off+12:]))
				name := strings.TrimRight(string(buf[off+syscall.SizeofInotifyEvent:end]), "\x00")
				if strings.HasPrefix(name, prefix) {
					names <- name
					return
				}
				off = end
			}
		}
	}()
	return names
}
