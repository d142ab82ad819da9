package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"axdash/app/auth"
	"axdash/app/model"
	"axdash/app/store"
)

// userStore lists, creates and changes accounts for the users admin page.
type userStore interface {
	Users(ctx context.Context) ([]model.User, error)
	UserByID(ctx context.Context, id int64) (*model.User, error)
	CreateUser(ctx context.Context, login string, role model.Role, hash string, now time.Time) (*model.User, error)
	UpdateUser(ctx context.Context, id int64, ch store.UserChange, now time.Time) error
}

// adminBase is what every admin page's layout needs.
type adminBase struct {
	Title    string
	Boundary bool
	CSRF     string
	Section  string // which admin page, for the admin menu
	Notice   string
	Error    string
}

func (s *Server) adminBase(c echo.Context, title, section string) adminBase {
	return adminBase{Title: title, CSRF: csrfToken(c), Section: section, Notice: noticeText(c.QueryParam("done"))}
}

// notices are the outcomes a redirect after a change may name; the page
// shows only these fixed texts, never text from the URL.
func noticeText(code string) string {
	return map[string]string{
		"added": "계정을 만들었습니다.", "role": "역할을 바꿨습니다.", "disabled": "계정을 사용 중지했습니다. 로그인 세션도 모두 끝났습니다.",
		"enabled": "계정을 다시 사용하게 했습니다.", "password": "비밀번호를 바꿨습니다. 그 계정의 로그인 세션은 모두 끝났습니다.",
		"renamed": "조사 차수 이름을 바꿨습니다.", "described": "조사기관과 표본 설계 메모를 저장했습니다.", "deleted": "조사 차수와 그 응답·집계·가져오기 기록을 지웠습니다.",
		"demo-deleted": "합성(시범) 조사 차수를 모두 지웠습니다. 이제 실제 조사 자료를 올리세요.",
		"boundary":     "경계 지도를 저장했습니다. 모든 서버가 이 지도를 씁니다.", "boundary-removed": "경계 지도를 지웠습니다.",
	}[code]
}

type adminUsersPage struct {
	adminBase
	Users []model.User
	Roles []model.Role
	Me    int64
	Form  addUserForm
}

// addUserForm adds an account; a DTO, never bound into the model.
type addUserForm struct {
	Login    string `form:"login"`
	Role     string `form:"role"`
	Password string `form:"password"`
}

type roleForm struct {
	Role string `form:"role"`
}

type passwordForm struct {
	Password string `form:"password"`
}

func (s *Server) adminUsers(c echo.Context) error {
	return s.renderUsers(c, http.StatusOK, "", addUserForm{})
}

func (s *Server) renderUsers(c echo.Context, status int, errMsg string, form addUserForm) error {
	users, err := s.deps.Accounts.Users(c.Request().Context())
	if err != nil {
		return err
	}
	page := adminUsersPage{adminBase: s.adminBase(c, "계정 관리", "users"), Users: users, Roles: model.Roles(),
		Me: currentUser(c).ID, Form: addUserForm{Login: form.Login, Role: form.Role}}
	page.Error = errMsg
	return c.Render(status, "admin_users.html", page)
}

func (s *Server) adminAddUser(c echo.Context) error {
	var f addUserForm
	if err := c.Bind(&f); err != nil {
		return badRequest("양식을 읽을 수 없습니다.")
	}
	role, err := model.ParseRole(f.Role)
	if err != nil {
		return s.renderUsers(c, http.StatusBadRequest, "역할을 고르세요.", f)
	}
	if model.ValidLogin(model.FoldLogin(f.Login)) != nil {
		return s.renderUsers(c, http.StatusBadRequest, "아이디는 1~64자의 영문 소문자, 숫자, . _ - @ 만 쓸 수 있습니다.", f)
	}
	if err := auth.CheckPassword(f.Password); err != nil {
		return s.renderUsers(c, http.StatusBadRequest, err.Error()+".", f)
	}
	hash, err := s.hashPassword(c.Request().Context(), f.Password)
	if err != nil {
		return err
	}
	u, err := s.deps.Accounts.CreateUser(c.Request().Context(), f.Login, role, hash, s.now())
	if errors.Is(err, store.ErrLoginTaken) {
		return s.renderUsers(c, http.StatusConflict, "이미 있는 아이디입니다.", f)
	}
	if err != nil {
		return err
	}
	s.audit(c, "user added", slog.String("login", u.Login), slog.String("role", string(u.Role)))
	return doneRedirect(c, "/admin/users", "added")
}

// targetUser is the account named in the path; an admin may not change
// their own role or disable themselves (so there is always an admin left).
func (s *Server) targetUser(c echo.Context, selfOK bool) (*model.User, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return nil, echo.NewHTTPError(http.StatusNotFound, "없는 계정입니다.")
	}
	if !selfOK && id == currentUser(c).ID {
		return nil, echo.NewHTTPError(http.StatusConflict, "자기 계정의 역할을 바꾸거나 사용 중지할 수 없습니다. 다른 관리자에게 부탁하세요.")
	}
	return s.deps.Accounts.UserByID(c.Request().Context(), id)
}

func (s *Server) adminSetRole(c echo.Context) error {
	u, err := s.targetUser(c, false)
	if err != nil {
		return err
	}
	var f roleForm
	if err := c.Bind(&f); err != nil {
		return badRequest("양식을 읽을 수 없습니다.")
	}
	role, err := model.ParseRole(f.Role)
	if err != nil {
		return badRequest("알 수 없는 역할입니다.")
	}
	if err := s.deps.Accounts.UpdateUser(c.Request().Context(), u.ID, store.UserChange{Role: &role}, s.now()); err != nil {
		return s.userChangeError(c, err)
	}
	s.audit(c, "user role changed", slog.String("login", u.Login), slog.String("role", string(role)))
	return doneRedirect(c, "/admin/users", "role")
}

func (s *Server) adminSetDisabled(disabled bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u, err := s.targetUser(c, false)
		if err != nil {
			return err
		}
		if err := s.deps.Accounts.UpdateUser(c.Request().Context(), u.ID, store.UserChange{Disabled: &disabled}, s.now()); err != nil {
			return s.userChangeError(c, err)
		}
		s.audit(c, "user disabled changed", slog.String("login", u.Login), slog.Bool("disabled", disabled))
		return doneRedirect(c, "/admin/users", map[bool]string{true: "disabled", false: "enabled"}[disabled])
	}
}

func (s *Server) adminSetPassword(c echo.Context) error {
	u, err := s.targetUser(c, true)
	if err != nil {
		return err
	}
	var f passwordForm
	if err := c.Bind(&f); err != nil {
		return badRequest("양식을 읽을 수 없습니다.")
	}
	if err := auth.CheckPassword(f.Password); err != nil {
		return s.renderUsers(c, http.StatusBadRequest, u.Login+": "+err.Error()+".", addUserForm{})
	}
	hash, err := s.hashPassword(c.Request().Context(), f.Password)
	if err != nil {
		return err
	}
	if err := s.deps.Accounts.UpdateUser(c.Request().Context(), u.ID, store.UserChange{PasswordHash: &hash}, s.now()); err != nil {
		return err
	}
	s.audit(c, "user password reset", slog.String("login", u.Login))
	return doneRedirect(c, "/admin/users", "password")
}

// userChangeError explains a refused role or status change on the
// accounts page; other errors go to the error handler.
func (s *Server) userChangeError(c echo.Context, err error) error {
	if errors.Is(err, store.ErrLastAdmin) {
		return s.renderUsers(c, http.StatusConflict, "사용 가능한 관리자가 한 명은 남아야 합니다. 다른 관리자를 먼저 만드세요.", addUserForm{})
	}
	return err
}

// audit logs an admin action with who did it.
func (s *Server) audit(c echo.Context, msg string, attrs ...slog.Attr) {
	attrs = append(attrs, slog.String("by", currentUser(c).Login), slog.String("ip", c.RealIP()))
	s.deps.Log.LogAttrs(c.Request().Context(), slog.LevelInfo, msg, attrs...)
}

// doneRedirect answers a successful form with a redirect (so a reload does
// not post again) that names the outcome.
func doneRedirect(c echo.Context, path, done string) error {
	return c.Redirect(http.StatusSeeOther, path+"?done="+url.QueryEscape(done))
}
