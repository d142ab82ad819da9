package web

import (
	"fmt"
	"log/slog"
	"net/http"

	"axdash/app/model"
	"axdash/app/tmproot"
)

// checkFreeSpace refuses an upload before it is read when the temp area's
// disk has less free than jobs.upload_free_margin_bytes plus the size the
// request declares: the spill and the database copy that follow need it,
// and a full data dir would fail them after minutes of upload. A disk
// whose free space cannot be read is not refused.
func (s *Server) checkFreeSpace(req *http.Request) error {
	margin := s.deps.Config.Jobs.UploadFreeMargin
	free, err := tmproot.Free(s.tmpDir)
	if err != nil {
		s.deps.Log.Warn("could not read the temp area's free space", slog.String("dir", s.tmpDir), slog.Any("err", err))
		return nil
	}
	need := margin + max(req.ContentLength, 0)
	if free >= need {
		return nil
	}
	return fmt.Errorf("web: upload refused: %w: %d bytes free in the temp area, %d needed (margin %d + upload %d)",
		model.ErrTempFull, free, need, margin, max(req.ContentLength, 0))
}
