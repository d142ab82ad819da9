package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/importers"
)

// errLoaderStopped tells the parser that the loader gave up.
var errLoaderStopped = errors.New("the database loader stopped")

// stream parses the file in this goroutine and loads the valid rows in
// another, through a bounded queue, so memory stays flat however long the
// file is.
func stream(ctx context.Context, rd Reader, req Request, qc *checks, load *store.Load, queue int) (*model.ImportReport, error) {
	path := req.Path
	if queue <= 0 {
		queue = 2048
	}
	rows := make(chan model.FirmResponse, queue)
	loadErr := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		var err error
		for rec := range rows {
			if err == nil {
				if err = load.Add(rec); err != nil {
					close(stop)
				}
			}
		}
		loadErr <- err
	}()
	res, readErr := rd.Read(ctx, path, qc.spec, func(rec importers.Record) error {
		qc.observe(&rec)
		select {
		case rows <- rec:
			return nil
		case <-stop:
			return errLoaderStopped
		}
	})
	close(rows)
	if err := <-loadErr; err != nil {
		return nil, fmt.Errorf("ingest: load %s: %w", path, err)
	}
	if readErr != nil {
		return nil, fmt.Errorf("ingest: read %s: %w", path, readErr)
	}
	rep := res.Report
	return &rep, nil
}

// errTooLarge stops hashing a file the importer will refuse anyway.
var errTooLarge = errors.New("file over the size limit")

// fileSHA256 hashes the file as stored; the store refuses a file seen before.
func fileSHA256(path string, limit int64) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("ingest: open %s: %w", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || (limit > 0 && fi.Size() > limit) {
		return "", errTooLarge
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("ingest: hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (r Request) name() string {
	if r.FileName != "" {
		return r.FileName
	}
	return filepath.Base(r.Path)
}
