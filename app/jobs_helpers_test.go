package main

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"axdash/app/jobs/jobstest"
)

func damagedBook(t *testing.T, n int) []byte { return jobstest.DamagedWorkbook(t, n, 77) }

func damagedBookFile(t *testing.T, n int) string { return jobstest.DamagedFile(t, n, 77) }

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
