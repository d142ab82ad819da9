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

// requireRows adds a file.empty error when the commit would store no
// response: a header with no rows under it, or (skipping invalid rows)
// nothing valid left. An empty wave would otherwise appear in every wave
// list and become the dashboard's default.
func requireRows(rep *model.ImportReport, skipInvalid bool) {
	var msg string
	switch {
	case rep.Status == model.StatusRefused || rep.HasFileErrors():
		return
	case rep.Rows == 0:
		msg = "머리글 아래에 자료 행이 없습니다. 응답이 들어 있는 시트인지 확인해 주세요."
	case skipInvalid && rep.Valid == 0:
		msg = "오류 없는 행이 하나도 없어 저장할 자료가 없습니다. 오류를 고친 뒤 다시 올려 주세요."
	default:
		return
	}
	rep.Issues = append(rep.Issues, model.Issue{Severity: model.SeverityError, Code: "file.empty", Message: msg})
	rep.IssuesTotal++
}
