package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"axdash/app/auth"
	"axdash/app/model"
	"axdash/app/store"
)

const userUsage = `usage:
  axdash user add LOGIN --role admin|analyst|viewer   (password: first line of standard input)
  axdash user passwd LOGIN                             (new password: first line of standard input)
  axdash user list
  axdash user disable LOGIN
  axdash user enable LOGIN`

// cmdUser manages accounts. Passwords come from standard input, never from
// arguments, which other users of the machine can read in the process list.
func cmdUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, log *slog.Logger) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return exitUsage
	}
	sub, rest := args[0], args[1:]
	fs := newFlagSet("user "+sub, stderr)
	role := fs.String("role", "", "admin, analyst or viewer (user add)")
	pos, err := parseFlags(fs, rest)
	if err != nil {
		return exitUsage
	}
	want := map[string]int{"add": 1, "passwd": 1, "list": 0, "disable": 1, "enable": 1}
	n, known := want[sub]
	if !known || len(pos) != n || (sub == "add") != (*role != "") {
		fmt.Fprintln(stderr, userUsage)
		return exitUsage
	}
	_, st, err := loadEnvAndStore(ctx, log)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	u := userCmd{ctx: ctx, accounts: st.Accounts, stdin: stdin, stdout: stdout, stderr: stderr}
	switch sub {
	case "add":
		return u.add(pos[0], *role)
	case "passwd":
		return u.passwd(pos[0])
	case "list":
		return u.list()
	default:
		return u.setDisabled(pos[0], sub == "disable")
	}
}

type userCmd struct {
	ctx            context.Context
	accounts       *store.Accounts
	stdin          io.Reader
	stdout, stderr io.Writer
}

// readHash reads the new password (readPassword) and returns its hash.
func (u userCmd) readHash() (string, int) {
	pw, code := u.readPassword()
	if code != exitOK {
		return "", code
	}
	hash, err := auth.HashPassword(pw, auth.DefaultParams())
	if err != nil {
		return "", fail(u.stderr, err)
	}
	return hash, exitOK
}

// readPassword takes the first line of standard input: exit 2 when there is
// none, 1 when it is too weak.
func (u userCmd) readPassword() (string, int) {
	line, err := bufio.NewReader(u.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fail(u.stderr, fmt.Errorf("read password from standard input: %w", err))
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		fmt.Fprintln(u.stderr, "axdash: 비밀번호가 비어 있습니다: 표준 입력의 첫 줄에 비밀번호를 주세요 (예: axdash user add kim --role analyst < pw.txt)")
		return "", exitUsage
	}
	if err := auth.CheckPassword(pw); err != nil {
		fmt.Fprintf(u.stderr, "axdash: %v\n", err)
		return "", exitRefused
	}
	return pw, exitOK
}

func (u userCmd) add(login, roleName string) int {
	role, err := model.ParseRole(roleName)
	if err != nil {
		fmt.Fprintf(u.stderr, "axdash: %v\n", err)
		return exitUsage
	}
	if err := model.ValidLogin(model.FoldLogin(login)); err != nil {
		fmt.Fprintf(u.stderr, "axdash: %v\n", err)
		return exitUsage
	}
	hash, code := u.readHash()
	if code != exitOK {
		return code
	}
	created, err := u.accounts.CreateUser(u.ctx, login, role, hash, time.Now())
	if errors.Is(err, store.ErrLoginTaken) {
		fmt.Fprintf(u.stderr, "axdash: 이미 있는 아이디입니다: %s\n", model.FoldLogin(login))
		return exitRefused
	}
	if err != nil {
		return fail(u.stderr, err)
	}
	fmt.Fprintf(u.stdout, "created %s (%s)\n", created.Login, created.Role)
	return exitOK
}

func (u userCmd) find(login string) (*model.User, int) {
	found, err := u.accounts.UserByLogin(u.ctx, login)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(u.stderr, "axdash: 없는 아이디입니다: %s\n", model.FoldLogin(login))
		return nil, exitRefused
	}
	if err != nil {
		return nil, fail(u.stderr, err)
	}
	return found, exitOK
}

func (u userCmd) passwd(login string) int {
	found, code := u.find(login)
	if code != exitOK {
		return code
	}
	hash, code := u.readHash()
	if code != exitOK {
		return code
	}
	if err := u.accounts.UpdateUser(u.ctx, found.ID, store.UserChange{PasswordHash: &hash}, time.Now()); err != nil {
		return fail(u.stderr, err)
	}
	fmt.Fprintf(u.stdout, "password changed for %s; its sessions are signed out\n", found.Login)
	return exitOK
}

func (u userCmd) setDisabled(login string, disabled bool) int {
	found, code := u.find(login)
	if code != exitOK {
		return code
	}
	if err := u.accounts.UpdateUser(u.ctx, found.ID, store.UserChange{Disabled: &disabled}, time.Now()); err != nil {
		return fail(u.stderr, err)
	}
	state := map[bool]string{true: "disabled (its sessions are signed out)", false: "enabled"}[disabled]
	fmt.Fprintf(u.stdout, "%s %s\n", found.Login, state)
	return exitOK
}

func (u userCmd) list() int {
	users, err := u.accounts.Users(u.ctx)
	if err != nil {
		return fail(u.stderr, err)
	}
	tw := tabwriter.NewWriter(u.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LOGIN\tROLE\tSTATE\tCREATED")
	for _, x := range users {
		state := "active"
		if x.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", x.Login, x.Role, state, x.CreatedAt.Local().Format("2006-01-02 15:04"))
	}
	if err := tw.Flush(); err != nil {
		return fail(u.stderr, err)
	}
	return exitOK
}
