package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// deadline gives every request the deadline of its route's class (see
// timeoutClass): the store runs every query under the request's context,
// so a database that stops answering (a frozen server, a partition without
// resets) ends the request's queries and its wait for a pooled connection
// then, instead of holding it until the client gives up. The database's
// own statement_timeout cannot help there: a frozen server enforces
// nothing.
func (s *Server) deadline(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		d := s.timeoutOf(s.accessOf(c).class)
		if d <= 0 {
			return next(c)
		}
		req := c.Request()
		ctx, cancel := context.WithTimeout(req.Context(), d)
		defer cancel()
		c.SetRequest(req.WithContext(ctx))
		// The error handler runs after this returns: it must see the
		// request's own context, not the one cancelled here.
		defer c.SetRequest(req)
		return next(c)
	}
}

// timeoutOf is the configured deadline of a class; 0 means none.
func (s *Server) timeoutOf(cl timeoutClass) time.Duration {
	cfg := s.deps.Config
	switch cl {
	case longClass:
		return cfg.Server.LongRequestTimeout
	case uploadClass:
		return cfg.Jobs.UploadTimeout
	}
	return cfg.Server.RequestTimeout
}

// The answers to a database that did not answer: a deadline that passed
// (frozen, overloaded) and a connection that failed (stopped, unreachable).
// Both are 503 with Retry-After, so that clients and proxies try again.
const (
	dbDelayedMessage = "데이터베이스 응답 지연: 데이터베이스가 제때 답하지 않았습니다. 잠시 후 다시 시도하세요."
	dbDownMessage    = "데이터베이스에 연결할 수 없어 지금은 처리할 수 없습니다. " +
		"로그인과 자료 올리기는 연결이 돌아온 뒤 다시 시도하세요. 공개 통계는 마지막으로 확인한 자료로 볼 수 있습니다."
)

// retryAfter is the Retry-After of those 503s: a short outage's length,
// and about as often as one request per client probes the database.
const retryAfter = 5 * time.Second

// dbStatus is the 503 of an error of a database out of reach
// (store.Unreachable).
func dbStatus(err error) (int, string) {
	if errors.Is(err, context.DeadlineExceeded) {
		return http.StatusServiceUnavailable, dbDelayedMessage
	}
	return http.StatusServiceUnavailable, dbDownMessage
}

// setRetryAfter tells the client when to try a 503 again.
func setRetryAfter(h http.Header) {
	h.Set("Retry-After", strconv.Itoa(int(retryAfter/time.Second)))
}
