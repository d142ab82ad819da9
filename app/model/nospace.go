package model

import (
	"errors"
	"fmt"
)

// ErrNoSpace marks a write that failed because a disk or the database is
// full: nothing is wrong with what was being written, and the same request
// succeeds once an operator frees space. Errors carry it through one of the
// two places below, which say where space ran out.
var ErrNoSpace = errors.New("no space left")

var (
	// ErrTempFull is the disk of the server's temp area (data_dir/tmp, or
	// TMPDIR without a data dir): an upload's spill, a job's copy, a
	// parse's scratch.
	ErrTempFull = fmt.Errorf("temp area: %w", ErrNoSpace)
	// ErrDatabaseFull is the database's storage: SQLite's disk (the data
	// dir) or PostgreSQL's.
	ErrDatabaseFull = fmt.Errorf("database: %w", ErrNoSpace)
)

// NoSpaceMessage is what a user reads when err is ErrNoSpace: where space
// ran out and what to do; "" for any other error.
func NoSpaceMessage(err error) string {
	switch {
	case errors.Is(err, ErrDatabaseFull):
		return "데이터베이스 저장 공간이 가득 차 자료를 저장하지 못했습니다. 파일에는 문제가 없습니다. " +
			"관리자에게 데이터베이스 디스크의 공간 확보를 요청한 뒤 다시 시도해 주세요."
	case errors.Is(err, ErrTempFull):
		return "서버의 작업 공간(데이터 폴더의 임시 폴더)에 남은 디스크 공간이 부족해 파일을 처리하지 못했습니다. " +
			"파일에는 문제가 없습니다. 관리자에게 디스크 공간 확보를 요청한 뒤 다시 시도해 주세요."
	}
	return ""
}
