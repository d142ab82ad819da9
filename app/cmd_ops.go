package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	neturl "net/url"
	"os"
	"time"

	"axdash/app/store"
)

// cmdBackup writes a consistent copy of the SQLite database while servers
// keep running; PostgreSQL is backed up with pg_dump.
func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	fs := newFlagSet("backup", stderr)
	out := fs.String("out", "", "the copy to write (must not exist)")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 || *out == "" {
		fmt.Fprintln(stderr, "usage: axdash backup --out FILE")
		return exitUsage
	}
	e, err := loadEnv(log)
	if err != nil {
		return fail(stderr, err)
	}
	// Opened without migrating: a backup must not change what it copies.
	st, err := store.Open(ctx, e.cfg.Database, log)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	if err := st.Ops.Backup(ctx, *out); err != nil {
		if errors.Is(err, store.ErrBackupPostgres) {
			fmt.Fprintln(stderr, "axdash: the database is PostgreSQL: back it up with pg_dump -Fc (see docs/operations.md)")
			return exitRefused
		}
		return fail(stderr, err)
	}
	info, err := os.Stat(*out)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "wrote a consistent copy of the database to %s (%d bytes)\n", *out, info.Size())
	return exitOK
}

// cmdHealthcheck asks a running server's /readyz and exits 0 when it is
// ready, 1 otherwise: the container image has no curl.
func cmdHealthcheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("healthcheck", stderr)
	url := fs.String("url", "", "the server or the URL to ask (default http://ADDR/readyz, ADDR from the configuration; a bare server URL asks its /readyz)")
	timeout := fs.Duration("timeout", 4*time.Second, "how long to wait for the answer (below the container check's 5 s)")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		return exitUsage
	}
	if *url == "" {
		e, err := loadEnv(slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			return fail(stderr, err)
		}
		*url = "http://" + dialable(e.cfg.Server.Addr)
	}
	*url = readyURL(*url)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "axdash: healthcheck: %v\n", err)
		return exitUsage
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "axdash: healthcheck: %v\n", err)
		return exitRefused
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	if res.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "axdash: healthcheck: %s answered %d: %s\n", *url, res.StatusCode, body)
		return exitRefused
	}
	fmt.Fprintf(stdout, "%s\n", body)
	return exitOK
}

// readyURL points a bare server address (no path, or "/") at its /readyz:
// asking the dashboard page itself would answer 200 whether the database
// is reachable or not.
func readyURL(raw string) string {
	u, err := neturl.Parse(raw)
	if err != nil || (u.Path != "" && u.Path != "/") {
		return raw
	}
	u.Path = "/readyz"
	return u.String()
}

// dialable turns a listen address into one to connect to: a server bound
// to every interface (0.0.0.0, ::, or no host) is reached on loopback.
func dialable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
