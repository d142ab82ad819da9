package main

import (
	"context"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/tmproot/tmproottest"
)

// TestImportNoSpace: `axdash import` onto an SQLite data dir whose disk
// fills up while it stores exits 3 (not stored, through no fault of the
// file), says where space ran out and what to do, and stores nothing; the
// same command succeeds once there is space.
func TestImportNoSpace(t *testing.T) {
	tests := []struct {
		name string
		left int64 // free space on the data dir's disk when the import starts
		code int
		want string // on standard error
	}{
		{"the database's disk fills", 256 << 10, exitNotStored, model.NoSpaceMessage(model.ErrDatabaseFull)},
		{"room enough", 20 << 20, exitOK, ""},
	}
	file := demoFile(t, 3000)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			disk := tmproottest.Tmpfs(t, 24<<20)
			t.Setenv("AXDASH_CONFIG", "")
			t.Setenv("AXDASH_DATABASE_URL", "")
			t.Setenv("AXDASH_DATA_DIR", disk)
			if code, _, stderr := cli(t, "migrate"); code != exitOK {
				t.Fatalf("migrate: %d %s", code, stderr)
			}
			tmproottest.Fill(t, disk, tc.left)
			code, _, stderr := cli(t, "import", file, "--wave", "W")
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Fatalf("import = %d, want %d with %q; stderr:\n%s", code, tc.code, tc.want, stderr)
			}
			tmproottest.Unfill(t, disk)
			_, st := testEnvStore(t)
			if has, err := st.Surveys.WaveHasData(context.Background(), "W"); err != nil || has != (tc.code == exitOK) {
				t.Errorf("wave stored = %v, %v", has, err)
			}
		})
	}
}
