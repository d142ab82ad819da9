package ingest

import (
	"context"
	"errors"
	"fmt"

	"axdash/app/model"
	"axdash/app/store"
)

// checkConflicts adds file.duplicate and wave.exists issues before any work
// is committed, so that a dry run predicts the outcome too.
func (in *Ingester) checkConflicts(ctx context.Context, rep *model.ImportReport, sha string, req Request) error {
	dup, err := in.Store.FileImported(ctx, sha)
	if err != nil {
		return err
	}
	if dup {
		rep.Issues = append(rep.Issues, conflictIssue(store.ErrDuplicateFile, req.Wave))
		rep.IssuesTotal++
	}
	if req.Replace {
		return nil
	}
	has, err := in.Store.WaveHasData(ctx, req.Wave)
	if err != nil {
		return err
	}
	if has {
		rep.Issues = append(rep.Issues, conflictIssue(store.ErrWaveExists, req.Wave))
		rep.IssuesTotal++
	}
	return nil
}

func conflictIssue(err error, wave string) model.Issue {
	if errors.Is(err, store.ErrDuplicateFile) {
		return model.Issue{Severity: model.SeverityError, Code: "file.duplicate",
			Message: "같은 파일(SHA-256 동일)을 이미 가져왔습니다. 다시 저장하지 않습니다."}
	}
	return model.Issue{Severity: model.SeverityError, Code: "wave.exists",
		Message: fmt.Sprintf("조사 차수 %q에 이미 자료가 있습니다. 교체하려면 화면에서 '교체하여 저장'을, 명령줄에서는 --replace를 쓰세요.", wave)}
}

// onlyRowErrors is true when every error belongs to a row (has a cell), so
// that skipping invalid rows can let the rest through.
func onlyRowErrors(issues []model.Issue) bool {
	for _, is := range issues {
		if is.Severity == model.SeverityError && is.Cell == "" && is.Row == 0 {
			return false
		}
	}
	return true
}
