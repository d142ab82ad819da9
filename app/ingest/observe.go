package ingest

import (
	"time"

	"axdash/app/model"
)

// Observer is told of every finished import (metrics.Metrics is one), so
// that the CLI, the demo loader and the upload jobs are all counted alike.
type Observer interface {
	ImportDone(outcome string, rows int, dur time.Duration)
}

// Outcomes beyond the report's statuses.
const outcomeFailed = "failed"

func (in *Ingester) observe(rep *model.ImportReport, err error, dur time.Duration) {
	if in.Observer == nil {
		return
	}
	switch {
	case err != nil || rep == nil:
		in.Observer.ImportDone(outcomeFailed, 0, dur)
	default:
		in.Observer.ImportDone(rep.Status, rep.Rows, dur)
	}
}
