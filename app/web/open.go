package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// open registers a route of the open API: public reads other agencies'
// systems make (the data hub), by GET and HEAD, with CORS (and its
// preflight) and ETags.
func (s *Server) open(path string, h echo.HandlerFunc) {
	for _, r := range []*echo.Route{s.e.GET(path, h), s.e.HEAD(path, h),
		s.e.OPTIONS(path, func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })} {
		a := s.access[routeKey(r.Method, r.Path)]
		a.open = true
		s.access[routeKey(r.Method, r.Path)] = a
	}
}

// openAccess serves the open API's cross-origin reads and conditional GETs.
//
// CORS: any site may read an answer, but only one made for no session. A
// request carrying our session cookie gets no Access-Control-Allow-Origin
// at all, so an analyst's internal view (readView) can never be read by
// another site's script, even if the browser sent the cookie along; such a
// request, from a page of our own, needs no CORS anyway.
//
// ETag: the tag is the hash of the body, so it changes exactly when the
// answer does (a commit, a renamed wave, another view), unless the handler
// set its own: a workbook's, whose bytes hold the time it was written, or
// the same hash made once with bytes kept for reuse (taggedBody);
// If-None-Match with the tag is answered 304 without a body.
func (s *Server) openAccess(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if !s.access[routeKey(req.Method, c.Path())].open {
			return next(c)
		}
		h := c.Response().Header()
		cors := !hasSession(c)
		if cors {
			h.Set(echo.HeaderAccessControlAllowOrigin, "*")
			h.Set(echo.HeaderAccessControlExposeHeaders, "ETag, Content-Disposition")
		}
		switch req.Method {
		case http.MethodOptions: // a preflight, for a client that sends If-None-Match itself
			if cors {
				h.Set(echo.HeaderAccessControlAllowMethods, "GET, HEAD")
				h.Set(echo.HeaderAccessControlAllowHeaders, "If-None-Match")
				h.Set(echo.HeaderAccessControlMaxAge, "86400")
			}
			return next(c)
		case http.MethodGet, http.MethodHead:
			// Cached copies are revalidated; a signed-in answer stays
			// no-store (loadSession's hook runs later and wins).
			h.Set("Cache-Control", "no-cache")
			h.Add("Vary", "Cookie")
			return withETag(c, next)
		}
		return next(c)
	}
}

// hasSession reports whether the request carries our session cookie, live
// or not; a public server has no sessions (loadSession).
func hasSession(c echo.Context) bool {
	if public, _ := c.Get(publicKey).(bool); public {
		return false
	}
	ck, err := c.Cookie(sessionCookie)
	return currentUser(c) != nil || err == nil && ck.Value != ""
}

// withETag runs next with its answer held back, then tags a 200 and
// answers a matching If-None-Match with 304. An answer the handler tagged
// itself (taggedBody) is not held: heldWriter decides it as its header is
// written. An error is left to the error handler, which writes after this
// returns.
func withETag(c echo.Context, next echo.HandlerFunc) error {
	res := c.Response()
	out := res.Writer
	held := &heldWriter{ResponseWriter: out, ifNoneMatch: c.Request().Header.Get("If-None-Match")}
	res.Writer = held
	err := next(c)
	res.Writer = out
	if held.notModified {
		res.Status = http.StatusNotModified // for the request log and metrics
	}
	if !held.wrote || held.direct {
		return err // the error handler writes the answer, to the real writer
	}
	if err == nil && held.status == http.StatusOK {
		tag := etagOf(held.body.Bytes())
		out.Header().Set("ETag", tag)
		if etagMatches(held.ifNoneMatch, tag) {
			held.notModify()
			res.Status = http.StatusNotModified
			return nil
		}
	}
	out.WriteHeader(held.status)
	if _, werr := out.Write(held.body.Bytes()); err == nil {
		err = werr // the client went away
	}
	return err
}

// etagOf is a strong tag for the bytes of an answer (or of what makes
// it, see apiFigure).
func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// taggedBody is an answer's bytes with their tag (etagOf), made together
// once when the bytes are built, so that an answer served again from the
// cache (or a document made at start) is not hashed on every request.
type taggedBody struct {
	body []byte
	etag string
}

func newTaggedBody(body []byte) taggedBody { return taggedBody{body: body, etag: etagOf(body)} }

// blob answers the bytes with their tag set, which withETag then uses as
// it is instead of hashing the bytes again.
func (t taggedBody) blob(c echo.Context, mime string) error {
	c.Response().Header().Set("ETag", t.etag)
	return c.Blob(http.StatusOK, mime, t.body)
}

// heldWriter keeps a handler's answer until withETag has tagged it. Echo's
// Response has already run its before-hooks and set the headers (which
// are the real writer's) by the time WriteHeader reaches it. A 200 whose
// tag is already set (taggedBody) goes straight through, or as a 304 when
// it matches, so that an answer served from the cache is not copied.
type heldWriter struct {
	http.ResponseWriter
	ifNoneMatch string
	status      int
	// wrote says the handler wrote its header; direct, that it went
	// straight to the real writer, and notModified, as a 304.
	wrote, direct, notModified bool
	body                       bytes.Buffer
}

func (w *heldWriter) WriteHeader(code int) {
	w.status, w.wrote = code, true
	tag := w.Header().Get("ETag")
	if code != http.StatusOK || tag == "" {
		return
	}
	w.direct = true
	if etagMatches(w.ifNoneMatch, tag) {
		w.notModify()
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

// notModify answers 304, without the body's type.
func (w *heldWriter) notModify() {
	w.notModified = true
	w.Header().Del(echo.HeaderContentType)
	w.ResponseWriter.WriteHeader(http.StatusNotModified)
}

func (w *heldWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	switch {
	case w.notModified:
		return len(b), nil
	case w.direct:
		return w.ResponseWriter.Write(b)
	}
	if w.body.Len() == 0 {
		w.body.Grow(len(b)) // most answers are one Write: one allocation, no doubling
	}
	return w.body.Write(b)
}

// etagMatches is If-None-Match's weak comparison (RFC 9110 13.1.2): any
// listed tag equal to tag, W/ prefixes ignored, or *.
func etagMatches(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == tag {
			return true
		}
	}
	return false
}
