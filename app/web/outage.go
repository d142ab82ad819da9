package web

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"axdash/app/store"
)

// While the database is out of reach (stopped, frozen, its folder gone),
// the figures stay up: the wave states and the boundary map keep their
// last read (memo.keep) and the cubes are in memory, so pages and the
// figure API answer from memory, each saying so. What needs the database
// (sign-in, uploads, admin pages) is refused with a 503 (dbStatus), and
// /readyz stays not-ready, so that load balancers send new traffic
// elsewhere while the readers already here keep their figures.

// staleHeader carries, on every answer built from the last read while the
// database is out of reach, that read's time (RFC 3339): the JSON
// counterpart of the pages' banner.
const staleHeader = "X-Axdash-Stale"

// outageKey is where readView leaves the time of the last read for the
// page's banner.
const outageKey = "axdash.outage"

// keepOnOutage makes the memos the figures read serve their last value
// while the database is out of reach, and logs when that starts and ends.
func (s *Server) keepOnOutage() {
	s.states.keep, s.maps.keep = store.Unreachable, store.Unreachable
	s.states.changed = func(err error) {
		if err != nil {
			s.deps.Log.Warn("database unreachable: serving the last read figures", slog.Any("err", err))
			return
		}
		s.deps.Log.Info("database reachable again: figures are current")
	}
}

// markStale tells the visitor, when the figures come from the last read
// because the database is out of reach, since when: a header, and the
// banner on pages (see chrome).
func (s *Server) markStale(c echo.Context) {
	f := s.states.status()
	if !f.stale {
		return
	}
	c.Set(outageKey, f.at)
	c.Response().Header().Set(staleHeader, f.at.Format(time.RFC3339))
}

// outageBanner is the page's banner text for a request marked stale, ""
// otherwise. The time is the server's zone (TZ), as every time shown.
func outageBanner(c echo.Context) string {
	at, ok := c.Get(outageKey).(time.Time)
	if !ok {
		return ""
	}
	return fmt.Sprintf("데이터베이스 연결이 끊겨 마지막으로 확인한 자료를 보여 줍니다 (%s 기준)", at.Local().Format("15:04"))
}
