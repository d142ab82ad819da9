package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/labstack/echo/v4"

	"axdash/app/auth"
	"axdash/app/model"
	"axdash/app/store"
)

// sessionStore signs in and out, throttles sign-in attempts and finds the
// session every request carries (loadSession).
type sessionStore interface {
	ClaimLoginAttempt(ctx context.Context, ip, login string, lim store.LoginLimit, now time.Time) (store.LoginClaim, error)
	ClearLoginFailures(ctx context.Context, ip, login string) error
	UserByLogin(ctx context.Context, login string) (*model.User, error)
	CreateSession(ctx context.Context, tokenHash string, userID int64, lim store.SessionLimits, now time.Time) error
	SessionUser(ctx context.Context, tokenHash string, lim store.SessionLimits, now time.Time) (*model.User, error)
	DeleteSession(ctx context.Context, tokenHash string) error
}

// loginForm is the sign-in form; a DTO, never bound into a model.
type loginForm struct {
	Login    string `form:"login"`
	Password string `form:"password"`
	Next     string `form:"next"`
}

// loginView is the sign-in page.
type loginView struct {
	Title    string
	Boundary bool
	CSRF     string
	Next     string
	Login    string
	Error    string
}

const badCredentials = "아이디 또는 비밀번호가 맞지 않습니다."

func (s *Server) loginPage(c echo.Context) error {
	next := safeNext(c.QueryParam("next"))
	if currentUser(c) != nil {
		return c.Redirect(http.StatusSeeOther, next)
	}
	return s.renderLogin(c, http.StatusOK, loginView{Next: next})
}

func (s *Server) renderLogin(c echo.Context, status int, v loginView) error {
	v.Title, v.CSRF = "로그인", csrfToken(c)
	return c.Render(status, "login.html", v)
}

// loginSubmit claims an attempt under the address's limits first (a
// refused client learns nothing about the password), waits out the login's
// delay, then checks the password; a wrong one leaves the claimed attempt
// counted as a failure, success clears this address's failures at the login
// and starts a new session.
func (s *Server) loginSubmit(c echo.Context) error {
	var f loginForm
	if err := c.Bind(&f); err != nil {
		return badRequest("로그인 양식을 읽을 수 없습니다.")
	}
	ctx := c.Request().Context()
	login := typedLogin(f.Login)
	view := loginView{Next: safeNext(f.Next), Login: login}
	ip := c.RealIP()
	addr := throttleAddress(ip)
	claim, err := s.deps.Accounts.ClaimLoginAttempt(ctx, addr, login, s.loginLimit(), s.now())
	if err != nil {
		return err
	}
	if claim.Wait > 0 {
		return s.refuseLogin(c, view, claim.Wait)
	}
	if err := s.pause(ctx, claim.Delay); err != nil {
		return err
	}
	u, err := s.authenticate(ctx, login, f.Password)
	if errors.Is(err, auth.ErrMismatch) {
		s.deps.Log.Warn("sign-in failed", slog.String("login", login), slog.String("ip", ip))
		view.Error = badCredentials
		return s.renderLogin(c, http.StatusUnauthorized, view)
	}
	if err != nil {
		return err
	}
	if err := s.deps.Accounts.ClearLoginFailures(ctx, addr, login); err != nil {
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.deps.Log.Info("signed in", slog.String("login", u.Login), slog.String("ip", ip))
	return c.Redirect(http.StatusSeeOther, view.Next)
}

// typedLogin is what was typed as the login, folded, made storable: the
// failures of any text are counted under it, and PostgreSQL refuses control
// characters such as NUL and a character cut in half at the length limit.
func typedLogin(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, model.FoldLogin(s))
	if len(s) > model.MaxLoginLen {
		s = strings.ToValidUTF8(s[:model.MaxLoginLen], "")
	}
	return s
}

// authenticate returns the enabled account whose password matches, or
// auth.ErrMismatch. An unknown login costs as much time as a wrong
// password, so that timing does not tell which accounts exist.
func (s *Server) authenticate(ctx context.Context, login, password string) (*model.User, error) {
	if len(password) > auth.MaxPasswordLen {
		return nil, auth.ErrMismatch
	}
	u, err := s.deps.Accounts.UserByLogin(ctx, login)
	if errors.Is(err, store.ErrNotFound) {
		if err := s.withHashSlot(ctx, func() error { auth.BurnTime(password); return nil }); err != nil {
			return nil, err
		}
		return nil, auth.ErrMismatch
	}
	if err != nil {
		return nil, err
	}
	verr := s.withHashSlot(ctx, func() error { return auth.VerifyPassword(u.PasswordHash, password) })
	if errors.Is(verr, context.Canceled) || errors.Is(verr, context.DeadlineExceeded) {
		return nil, verr
	}
	if verr != nil || u.Disabled {
		return nil, auth.ErrMismatch
	}
	return u, nil
}

// startSession ends the browser's previous session, if any, and issues a
// new token: a session id planted before sign-in is never promoted.
func (s *Server) startSession(c echo.Context, u *model.User) error {
	ctx := c.Request().Context()
	if old, err := c.Cookie(sessionCookie); err == nil && old.Value != "" {
		if err := s.deps.Accounts.DeleteSession(ctx, auth.HashToken(old.Value)); err != nil {
			return err
		}
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	lim := s.sessionLimits()
	if err := s.deps.Accounts.CreateSession(ctx, hash, u.ID, lim, s.now()); err != nil {
		return err
	}
	c.SetCookie(s.cookie(c, sessionCookie, token, int(lim.MaxAge/time.Second)))
	return nil
}

// logout deletes the session row, so the cookie is dead on every process
// even if the browser keeps it.
func (s *Server) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.deps.Accounts.DeleteSession(c.Request().Context(), auth.HashToken(ck.Value)); err != nil {
			return err
		}
	}
	c.SetCookie(s.cookie(c, sessionCookie, "", -1))
	return c.Redirect(http.StatusSeeOther, "/")
}
