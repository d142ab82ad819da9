package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"axdash/configs"
)

// stopper is work that runs beside the HTTP server and must be stopped
// before the database closes: the import job runner releases the jobs it
// claimed, so that another server takes them over at once.
type stopper interface {
	Stop(ctx context.Context) error
}

// stopperGrace is the stoppers' own budget when running requests used the
// whole shutdown timeout; releasing a job is a few short statements.
const stopperGrace = 5 * time.Second

// serveUntilDone serves h on ln until ctx ends, then shuts down gracefully:
// the listener closes at once (new connections are refused), running
// requests finish, then each stopper runs, all within the shutdown timeout.
// The caller closes the store afterwards.
func serveUntilDone(ctx context.Context, sc configs.ServerConfig, ln net.Listener, h http.Handler,
	log *slog.Logger, stoppers []stopper) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: sc.ReadHeaderTimeout, ReadTimeout: sc.ReadTimeout,
		WriteTimeout: sc.WriteTimeout, IdleTimeout: sc.IdleTimeout}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing running requests", slog.Duration("timeout", sc.ShutdownTimeout))
	start := time.Now()
	sctx, cancel := context.WithTimeout(context.Background(), sc.ShutdownTimeout)
	defer cancel()
	var errs []error
	if err := hs.Shutdown(sctx); err != nil {
		// Requests still running past the timeout are cut off.
		errs = append(errs, fmt.Errorf("serve: requests still running after %s: %w", sc.ShutdownTimeout, err))
		_ = hs.Close()
	}
	// Stoppers get time of their own when the requests used it all up: a
	// runner that cannot release its job leaves it to the stale-heartbeat
	// takeover, which is much slower for the analyst.
	stopCtx := sctx
	if sctx.Err() != nil {
		var cancelStop context.CancelFunc
		stopCtx, cancelStop = context.WithTimeout(context.Background(), stopperGrace)
		defer cancelStop()
	}
	for _, s := range stoppers {
		if err := s.Stop(stopCtx); err != nil {
			errs = append(errs, fmt.Errorf("serve: stop: %w", err))
		}
	}
	log.Info("stopped", slog.Duration("took", time.Since(start)))
	return errors.Join(errs...)
}
