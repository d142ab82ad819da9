package store

import (
	"fmt"
)

// writeRollups replaces the wave's cube inside the load's transaction, so
// that readers see the new responses and their figures together. The cube
// was built from the rows as they streamed through Add; it is the wave's
// whole cube because the wave holds exactly those rows (prepareWave emptied
// it or found it empty, and the load's lock keeps other loads out), which
// is checked here.
func (l *Load) writeRollups() error {
	waveID := l.imp.WaveID
	n, _, err := l.tx.queryInt64(l.ctx, "SELECT COUNT(*) FROM responses WHERE wave_id = ?", waveID)
	if err != nil {
		return fmt.Errorf("store: unable to count the responses of wave %d: %w", waveID, err)
	}
	if n != int64(l.added) {
		return fmt.Errorf("store: wave %d holds %d responses but the load added %d: its cube would not be whole", waveID, n, l.added)
	}
	rows := l.cube.Build(l.dialect != DialectPostgres)
	l.cube = nil // the cost rows are the big part; let them go before the writes
	return writeCube(l.ctx, l.tx, l.dialect, waveID, rows)
}
