package web

import (
	"fmt"
	"time"

	"axdash/app/model"
	"axdash/app/store"
)

// purgedMessage tells why a job's file cannot be downloaded any more: the
// retention rule for uploads no job stored (jobs.unstored_file_retention)
// removed it. The history keeps the job.
func (s *Server) purgedMessage() string {
	after := "보관 기간이 지나"
	if retention := s.deps.Config.Jobs.UnstoredFileRetention; retention > 0 {
		after = retentionText(retention) + "이 지나"
	}
	return "저장되지 않은 가져오기의 파일이라 마지막 처리 후 " + after +
		" 삭제되었습니다(jobs.unstored_file_retention). 작업 기록은 남아 있으며, 필요하면 같은 파일을 다시 올려 주세요."
}

// retentionText is a retention in Korean: whole days, else whole hours,
// else minutes.
func retentionText(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%d일", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%d시간", d/time.Hour)
	default:
		return fmt.Sprintf("%d분", max(d/time.Minute, 1))
	}
}

// filePurged is store.ErrFilePurged (a 410 naming the retention, see
// statusOf) when the job's file was purged.
func filePurged(job *model.Job) error {
	if job.FilePurgedAt == nil {
		return nil
	}
	return fmt.Errorf("web: import job %d: %w", job.ID, store.ErrFilePurged)
}
