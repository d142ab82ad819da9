package web

import "axdash/app/store"

// Stores are the parts of the database the handlers use, each typed as the
// interfaces its handler groups declare beside their handlers, so that a
// handler sees only what it reads and writes. StoresOf fills them from the
// one opened database.
type Stores struct {
	Surveys  surveyStore
	Jobs     jobStore
	Accounts accountStore
	Ops      opsStore
}

// surveyStore is the survey data and its cube, as the figures, the pages,
// the waves admin and the imports pages use it.
type surveyStore interface {
	figureStore
	exemplarStore
	findingStore
	waveAdmin
	importWaves
}

// jobStore is the import queue and its stored files.
type jobStore interface {
	importStore
	uploadStore
	importFileStore
}

// accountStore is sign-in, sessions, the users admin and the CSRF key.
type accountStore interface {
	sessionStore
	userStore
	keyStore
}

// opsStore is health, readiness and the boundary map.
type opsStore interface {
	healthStore
	boundaryStore
}

// StoresOf gives the handlers db's focused stores.
func StoresOf(db *store.DB) Stores {
	return Stores{Surveys: db.Surveys, Jobs: db.Jobs, Accounts: db.Accounts, Ops: db.Ops}
}
