// Command axdash serves the regional SME AI-adoption dashboard and imports
// survey workbooks. main only calls run, so that tests drive the real CLI.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"axdash/app/parseworker"
	"axdash/app/private"
)

func main() {
	// Behind the explicit modes (app/private), a second line of defence
	// set before any file is made: what a library or a later change
	// creates without a mode of its own (SQLite's temp files, Chromium's
	// profile) is the operator's only too. In main, not run, so that tests
	// driving run keep the umask they set.
	private.RestrictUmask()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes of design §6, and exitNotStored for an import that could not
// store through no fault of the file (a full disk, the database failing):
// the same command succeeds later without a change to the file.
const (
	exitOK        = 0
	exitRefused   = 1
	exitUsage     = 2
	exitNotStored = 3
)

const usage = `axdash — 지역 중소기업 AI 도입 대시보드

usage:
  axdash serve [--addr HOST:PORT] [--demo]
  axdash import FILE --wave NAME [--sheet S] [--dry-run] [--replace] [--skip-invalid] [--json] [--annotate OUT.xlsx]
                [--period START..END] [--agency NAME] [--note TEXT]
  axdash demo-workbook --rows N [--seed S] --out FILE.xlsx
  axdash export FIGURE-or-briefing --wave NAME [--region CODE] [--internal] --out FILE.{csv,xlsx,pdf}
  axdash disclosure-utility [--wave NAME]   (what the public view's protection costs each figure)
  axdash user add LOGIN --role admin|analyst|viewer   (password on standard input)
  axdash user passwd LOGIN | user list | user disable LOGIN | user enable LOGIN
  axdash migrate
  axdash backup --out FILE            (SQLite: a consistent copy of the database)
  axdash healthcheck [--url URL]      (exit 0 when the server is ready; for container health checks)
`

// run executes one command and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int { return runIO(args, os.Stdin, stdout, stderr) }

// runIO is run with standard input given: `user` reads passwords from it.
func runIO(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first signal starts a graceful stop, a second one
		// ends the process at once.
		<-ctx.Done()
		stop()
	}()
	log := newLogger(stderr, logConfig())
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, stdout, stderr, log)
	case "import":
		return cmdImport(ctx, rest, stdout, stderr, log)
	case "demo-workbook":
		return cmdDemoWorkbook(rest, stdout, stderr)
	case "export":
		return cmdExport(ctx, rest, stdout, stderr, log)
	case "migrate":
		return cmdMigrate(ctx, rest, stdout, stderr, log)
	case "disclosure-utility":
		return cmdDisclosureUtility(ctx, rest, stdout, stderr, log)
	case "user":
		return cmdUser(ctx, rest, stdin, stdout, stderr, log)
	case "backup":
		return cmdBackup(ctx, rest, stdout, stderr, log)
	case "healthcheck":
		return cmdHealthcheck(ctx, rest, stdout, stderr)
	case parseworker.Command:
		return cmdParseWorker(ctx, rest, stdout, stderr, log)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "axdash: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}
