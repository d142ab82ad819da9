package main

import (
	"bytes"
	"math/rand/v2"
	"net/http"

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
	largest := corpus.Case{Name: "largest upload: workbook with a random 49 MiB part", File: "a.xlsx", Status: "checked",
		Build: func() ([]byte, error) {
			noise := make([]byte, maxFileBytes-1<<20)
			_, _ = rand.NewChaCha8([32]byte{4}).Read(noise) // incompressible, so the zip is as large
			return corpus.Zip(corpus.With(corpus.Book(corpus.Good(2, "가")), corpus.Part{Name: "xl/media/noise.bin", Body: noise}))
		}}
	over := corpus.Case{Name: "import.max_file_bytes + 1 byte", File: "a.xlsx",
		Build: func() ([]byte, error) { return bytes.Repeat([]byte{'P'}, int(maxFileBytes)+1), nil }}
	return append(out, uploadCase{largest, http.StatusAccepted}, uploadCase{over, http.StatusRequestEntityTooLarge})
}
