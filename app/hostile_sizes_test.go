package main

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"axdash/importers/corpus"
)

// uploadCase is a hostile upload and the answer the upload itself must get:
// 202 and then the corpus's verdict for the job, or a refusal before any
// job exists.
type uploadCase struct {
	corpus.Case
	upload int // the POST's status
}

// uploadCases are the corpus, then the uploads that test the server's own
// handling of size rather than the importer: the largest file the server
// accepts, which it spools, stores in chunks, hands to the worker and
// whose annotated copy it stores, and a file one byte over the limit.
func uploadCases(maxFileBytes int64) []uploadCase {
	var out []uploadCase
	for _, c := range corpus.Cases() {
		out = append(out, uploadCase{c, http.StatusAccepted})
	}
	over := corpus.Case{Name: "import.max_file_bytes + 1 byte", File: "a.xlsx",
		Build: func() ([]byte, error) { return bytes.Repeat([]byte{'P'}, int(maxFileBytes)+1), nil }}
	return append(out, largestUpload(maxFileBytes), uploadCase{over, http.StatusRequestEntityTooLarge})
}

// largestUpload is a valid workbook of almost maxFileBytes: one data row
// and a part of random bytes, which no compression shrinks.
func largestUpload(maxFileBytes int64) uploadCase {
	return uploadCase{corpus.Case{Name: "largest upload: workbook with a random 49 MiB part", File: "a.xlsx", Status: "checked",
		Build: func() ([]byte, error) {
			noise := make([]byte, maxFileBytes-1<<20)
			_, _ = rand.NewChaCha8([32]byte{4}).Read(noise)
			return corpus.Zip(corpus.With(corpus.Book(corpus.Good(2, "가")), corpus.Part{Name: "xl/media/noise.bin", Body: noise}))
		}}, http.StatusAccepted}
}

// TestHostileUploadKillsWorker lowers the parse worker's memory ceiling
// to 256 MiB and uploads a file that needs more, so that the child dies
// mid-parse: the job must end refused with file.limit, the server's temp
// folder must be empty (the child could not clean up after itself), the
// figures must keep answering, and the next upload must be read as usual.
func TestHostileUploadKillsWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	eachDB(t, func(t *testing.T) {
		if code, out, errOut := cli(t, "import", demoFile(t, 300), "--wave", "2026-H1"); code != exitOK {
			t.Fatalf("import the demo wave: exit %d: %s%s", code, out, errOut)
		}
		h := startHostileServer(t, hostileConfig+"import:\n  worker_memory_bytes: 268435456\n")
		flood := uploadCase{corpus.Case{Name: "4 million shared strings, worker ceiling 256 MiB", File: "a.xlsx",
			Status: "refused", Code: "file.limit", Build: func() ([]byte, error) { return corpus.SharedStringFlood(4_000_000) }},
			http.StatusAccepted}
		next := uploadCase{corpus.Case{Name: "the next upload: one valid row", File: "a.xlsx", Status: "checked",
			Build: func() ([]byte, error) { return corpus.Zip(corpus.Book(corpus.Good(2, "가"))) }}, http.StatusAccepted}
		rows := []string{uploadHeader}
		for _, c := range []uploadCase{flood, next} {
			t.Run(c.Name, func(t *testing.T) { rows = append(rows, h.upload(t, c)) })
		}
		t.Logf("a parse worker killed by its memory ceiling:\n%s", strings.Join(rows, "\n"))
	})
}
