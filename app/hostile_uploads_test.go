package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
)

// maxServerRSS is issue 4's bound on the server's resident memory while a
// hostile upload is received, parsed and reported.
const maxServerRSS = 300 << 20

// TestHostileUploadsThroughServer uploads every case of the hostile corpus
// to a real `serve` process through POST /api/v1/imports as a signed-in
// analyst, polls each job to its end and asserts the corpus's verdict,
// while a second client keeps requesting a figure and the dashboard and
// must get 200 every time. Per case it measures the server's peak RSS
// (VmHWM, reset before the case) and asserts it stays under 300 MB, samples
// the parse worker's peak, checks that the server's temp folder is empty
// again, and logs the table of issue 4's closing note (wall times are
// figures, not assertions). AXDASH_HOSTILE_TABLE=FILE also writes the table
// to FILE-<database>.md.
func TestHostileUploadsThroughServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and uploads the whole hostile corpus")
	}
	eachDB(t, func(t *testing.T) {
		h := startHostileServer(t, hostileConfig, "--demo")
		rows := []string{uploadHeader}
		for _, c := range uploadCases(testEnv(t).cfg.Import.MaxFileBytes) {
			t.Run(c.Name, func(t *testing.T) { rows = append(rows, h.upload(t, c)) })
		}
		_, total, fails := h.load.take()
		if len(fails) > 0 || h.answered+total == 0 {
			t.Errorf("figure requests after the last case: %d answered, failures %v", total, fails)
		}
		table := strings.Join(rows, "\n")
		t.Logf("hostile corpus uploaded to serve (%s), %d figure requests answered meanwhile:\n%s",
			filepath.Base(t.Name()), h.answered+total, table)
		if out := os.Getenv("AXDASH_HOSTILE_TABLE"); out != "" {
			if err := os.WriteFile(out+"-"+filepath.Base(t.Name())+".md", []byte(table+"\n"), 0o644); err != nil {
				t.Error(err)
			}
		}
	})
}

// hostileServer is a serve process with demo data, a signed-in analyst and
// a second client asking for figures.
type hostileServer struct {
	sp       *serveProcess
	client   *http.Client
	token    string
	tmp      string // the server's TMPDIR
	spool    string // where it spills uploads as they arrive, when not TMPDIR
	kids     *childSampler
	load     *figureLoad
	answered int
}

// hostileConfig is layered over the defaults: a runner polling every
// 100 ms instead of every second keeps the wall times about the file
// rather than the poll.
const hostileConfig = "jobs:\n  poll_interval: 100ms\n"

// startHostileServer starts serve with config (YAML) and args, a fresh
// TMPDIR, a signed-in analyst and the second client.
func startHostileServer(t *testing.T, config string, args ...string) *hostileServer {
	t.Helper()
	dir := t.TempDir()
	tmp, cfg := filepath.Join(dir, "tmp"), filepath.Join(dir, "axdash.yaml")
	if err := errors.Join(os.Mkdir(tmp, 0o700), os.WriteFile(cfg, []byte(config), 0o600)); err != nil {
		t.Fatal(err)
	}
	pw := addUser(t, "hostile", "analyst")
	sp := startServe(t, []string{"TMPDIR=" + tmp, "AXDASH_CONFIG=" + cfg, "AXDASH_LOG_LEVEL=warn"}, args...)
	h := &hostileServer{sp: sp, tmp: tmp}
	h.spool = serverRoot(t, cmp.Or(testEnv(t).tempBase(), tmp), sp.pid)
	h.client, h.token = signIn(t, sp.base, "hostile", pw)
	h.kids = startChildSampler(sp.pid)
	t.Cleanup(h.kids.close)
	h.load = startFigureLoad(t, sp.base, 20*time.Millisecond, "/api/v1/figures/adoption-by-region", "/")
	return h
}

const uploadHeader = "| case | verdict | wall | server peak RSS | worker peak RSS | annotating child | worker metric | slowest figure |\n" +
	"|---|---|---:|---:|---:|---:|---:|---:|"

// caseFigures are one case's measurements.
type caseFigures struct {
	serverPeak, workerPeak int64
	annotatePeak           int64
	metric                 string // the server's own figure for its latest parse worker
	slowest                time.Duration
	fails, leftover        []string
}

// upload runs one case from upload to the job's end and returns its table
// row.
func (h *hostileServer) upload(t *testing.T, c uploadCase) string {
	b, err := c.Build()
	if err != nil {
		t.Fatal(err)
	}
	workersBefore := h.startCase(t)
	start := time.Now()
	status, id := h.post(t, c.File, b)
	verdict := fmt.Sprintf("%d %s", status, http.StatusText(status))
	if status != c.upload {
		t.Fatalf("upload: %s, want %d", verdict, c.upload)
	}
	if status == http.StatusAccepted {
		view := h.waitJob(t, id)
		verdict = view.verdict()
		if view.State != c.Status || view.Report == nil || view.Report.Status != c.Status || (c.Code != "" && !view.has(c.Code)) {
			t.Errorf("job %d: %s; want %s with %q; server log:\n%s", id, verdict, c.Status, c.Code, h.sp.log)
		}
	}
	wall := time.Since(start)
	f := h.endCase(workersBefore)
	if f.serverPeak == 0 || f.serverPeak >= maxServerRSS {
		t.Errorf("server peak RSS %s, want under %s", mib(f.serverPeak), mib(maxServerRSS))
	}
	if len(f.fails) > 0 {
		t.Errorf("the second client's requests failed while the upload ran: %v", f.fails)
	}
	if len(f.leftover) > 0 {
		t.Errorf("the server's temp folder still holds %v after the job ended", f.leftover)
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s |", c.Name, verdict, wall.Round(time.Millisecond),
		mib(f.serverPeak), mib(f.workerPeak), mib(f.annotatePeak), f.metric, f.slowest.Round(time.Millisecond))
}

// startCase starts the case's measurements over and returns the number of
// parse workers the server has counted so far.
func (h *hostileServer) startCase(t *testing.T) float64 {
	t.Helper()
	workers, err := metricValue(context.Background(), h.sp.base, "axdash_parse_workers_total")
	if err != nil {
		t.Fatal(err)
	}
	h.kids.take()
	_, n, _ := h.load.take()
	h.answered += n
	if err := resetHWM(h.sp.pid); err != nil {
		t.Fatalf("reset the server's peak RSS: %v", err)
	}
	return workers
}

// endCase reads the case's measurements once its job has ended.
func (h *hostileServer) endCase(workersBefore float64) caseFigures {
	var f caseFigures
	for _, dir := range []string{h.tmp, h.spool} {
		if dir == "" {
			continue
		}
		left := waitEmpty(dir, 10*time.Second)
		for _, name := range left { // reported once; the next case starts clean
			_ = os.RemoveAll(filepath.Join(dir, name))
		}
		f.leftover = append(f.leftover, left...)
	}
	f.serverPeak = vmHWM(h.sp.pid)
	f.workerPeak, f.annotatePeak = h.kids.take()
	var n int
	f.slowest, n, f.fails = h.load.take()
	h.answered += n
	f.metric = "n/a"
	ctx := context.Background()
	if after, err := metricValue(ctx, h.sp.base, "axdash_parse_workers_total"); err == nil && after > workersBefore {
		last, _ := metricValue(ctx, h.sp.base, "axdash_parse_worker_last_max_rss_bytes")
		f.metric = mib(int64(last))
	}
	return f
}

// post uploads the file as the analyst and returns the answer's status and,
// for a 202, the job's id.
func (h *hostileServer) post(t *testing.T, name string, content []byte) (int, int64) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, err := w.CreateFormFile("file", name)
	if err == nil {
		_, err = fw.Write(content)
	}
	if err = errors.Join(err, w.WriteField("wave", "hostile"), w.Close()); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, h.sp.base+"/api/v1/imports", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-CSRF-Token", h.token)
	var created struct {
		ID int64 `json:"id"`
	}
	status := h.call(t, req, &created)
	if status == http.StatusAccepted && created.ID == 0 {
		t.Fatalf("upload %s: 202 without a job id", name)
	}
	return status, created.ID
}

// uploadView is the part of GET /api/v1/imports/{id} the test reads.
type uploadView struct {
	State  string              `json:"state"`
	Error  string              `json:"error"`
	Report *model.ImportReport `json:"report"`
	Codes  []issueCount        `json:"issue_codes"`
}

type issueCount struct {
	Code  string `json:"code"`
	Count int    `json:"count"`
}

// waitJob polls the job until it is no longer queued or being parsed.
func (h *hostileServer) waitJob(t *testing.T, id int64) *uploadView {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute) // issue 4's target is 30 s; this only stops a hung test
	for {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/v1/imports/%d", h.sp.base, id), nil)
		var v uploadView
		if status := h.call(t, req, &v); status != http.StatusOK {
			t.Fatalf("poll job %d: status %d", id, status)
		}
		if v.State != model.JobQueued && v.State != model.JobParsing {
			return &v
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d still %s after 3 minutes; server log:\n%s", id, v.State, h.sp.log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (h *hostileServer) call(t *testing.T, req *http.Request, v any) int {
	t.Helper()
	res, err := h.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	if res.StatusCode < 300 {
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatalf("%s %s: decode: %v", req.Method, req.URL.Path, err)
		}
	}
	return res.StatusCode
}

func (v *uploadView) has(code string) bool {
	return slices.ContainsFunc(v.Codes, func(c issueCount) bool { return c.Code == code })
}

// verdict is the job's state and its issue codes, most frequent first.
func (v *uploadView) verdict() string {
	var codes []string
	for _, c := range v.Codes {
		codes = append(codes, c.Code)
	}
	if len(codes) > 3 {
		codes = append(codes[:3], fmt.Sprintf("…(%d codes)", len(v.Codes)))
	}
	s := v.State + " [" + strings.Join(codes, " ") + "]"
	if v.Error != "" {
		s += " error: " + v.Error
	}
	return s
}

// waitEmpty waits until dir is empty and returns what is left in it at
// the end: the runner removes the job's folder just after it saved the
// outcome the poll saw.
func waitEmpty(dir string, bound time.Duration) []string {
	deadline := time.Now().Add(bound)
	for {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return []string{err.Error()}
		}
		ents = slices.DeleteFunc(ents, func(e os.DirEntry) bool { return rootBookkeeping(e.Name()) || e.Name() == "owner.lock" })
		if len(ents) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			return names
		}
		time.Sleep(20 * time.Millisecond)
	}
}
