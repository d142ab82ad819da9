package model

import "time"

// Job states. A job is queued at upload, parsed (a dry run with an
// annotated copy) into checked, waits there for the analyst, and is
// committing once asked to store; it ends stored, refused (the file or its
// errors block it), failed (the runner gave up) or cancelled.
const (
	JobQueued     = "queued"
	JobParsing    = "parsing"
	JobChecked    = "checked"
	JobCommitting = "committing"
	JobStored     = "stored"
	JobRefused    = "refused"
	JobFailed     = "failed"
	JobCancelled  = "cancelled"
)

// JobFinal reports whether a job in state can change no more.
func JobFinal(state string) bool {
	switch state {
	case JobStored, JobRefused, JobFailed, JobCancelled:
		return true
	}
	return false
}

// Job is one upload's import as the database keeps it. Report is the JSON
// of `import --json` once the file was read.
type Job struct {
	ID            int64      `json:"id"`
	State         string     `json:"state"`
	Wave          string     `json:"wave"`
	Sheet         string     `json:"sheet"`
	SkipInvalid   bool       `json:"skip_invalid"`
	Replace       bool       `json:"replace" gorm:"column:replace_wave"`
	FileName      string     `json:"file"`
	FileSize      int64      `json:"size"`
	SHA256        string     `json:"sha256" gorm:"column:sha256"`
	UserID        *int64     `json:"user_id"`
	UserLogin     string     `json:"user"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	RowsRead      int        `json:"rows_read"`
	ClaimedBy     string     `json:"-"`
	HeartbeatAt   *time.Time `json:"-"`
	Attempts      int        `json:"attempts"`
	Error         string     `json:"error"`
	Report        string     `json:"-"`
	AnnotatedSize int64      `json:"annotated_size"`
	ImportID      *int64     `json:"import_id"`
	// The survey period given with the upload; both or neither are set.
	PeriodStart *time.Time `json:"period_start,omitempty" gorm:"type:date"`
	PeriodEnd   *time.Time `json:"period_end,omitempty" gorm:"type:date"`
	// The wave's agency and sample design note given with the upload,
	// stored with the wave at the commit ("" keeps the wave's).
	Agency string `json:"agency"`
	Note   string `json:"note" gorm:"column:design_note"`
	// When the retention rule removed the uploaded file and the annotated
	// copy (jobs that stored nothing); store.Jobs.Job and store.Jobs.Jobs fill it.
	FilePurgedAt *time.Time `json:"file_purged_at,omitempty"`
	// Events are who did what to the job, oldest first; store.Jobs.Job and
	// store.Jobs.Jobs fill them.
	Events []JobEvent `json:"events" gorm:"-"`
}

// Period is the survey period given with the upload, nil when none was.
func (j *Job) Period() *Period {
	if j.PeriodStart == nil || j.PeriodEnd == nil {
		return nil
	}
	return &Period{Start: *j.PeriodStart, End: *j.PeriodEnd}
}

// Job event actions people take. The runner's own steps are recorded under
// the state they end in: JobChecked, JobRefused, JobFailed, JobStored.
const (
	EventUploaded = "uploaded"
	EventCommit   = "commit" // with SkipInvalid and Replace as asked
	EventCancel   = "cancel"
)

// JobEvent is one step of a job's history: what was done, when, and by
// which account (its login at the time). The runner's steps have no
// account, nor has an upload made without one.
type JobEvent struct {
	JobID       int64     `json:"-"`
	Action      string    `json:"action"`
	UserID      *int64    `json:"user_id"`
	UserLogin   string    `json:"user"`
	SkipInvalid bool      `json:"skip_invalid"`
	Replace     bool      `json:"replace" gorm:"column:replace_wave"`
	At          time.Time `json:"at" gorm:"column:created_at"`
}

// ByPerson reports whether someone (rather than the runner) took the step.
func (e JobEvent) ByPerson() bool {
	switch e.Action {
	case EventUploaded, EventCommit, EventCancel:
		return true
	}
	return false
}

// Actor is the account asking to commit or cancel a job.
type Actor struct {
	UserID *int64
	Login  string
	Admin  bool
}

// MayAct reports whether a may commit or cancel the job: admins any job,
// everyone else only the jobs they uploaded, so one analyst cannot store or
// throw away another's upload. A job uploaded without an account is no
// analyst's: only admins act on it. store.Jobs.RequestCommit and store.Jobs.CancelJob
// apply the same rule inside their UPDATE.
func (j *Job) MayAct(a Actor) bool {
	return a.Admin || (j.UserID != nil && a.UserID != nil && *j.UserID == *a.UserID)
}
