// Command loadceiling serves one fixed JSON body from a bare Echo server:
// the ceiling scripts/load.sh measures axdash's figure API against, in the
// same run on the same machine.
package main

import (
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18099", "listen address (loopback)")
	file := flag.String("body", "", "file holding the JSON to serve (a figure's body, so that the bytes match)")
	flag.Parse()
	body := []byte(`{"status":"ok"}`)
	if *file != "" {
		b, err := os.ReadFile(*file)
		if err != nil {
			slog.Error("loadceiling: read the body", "err", err)
			os.Exit(1)
		}
		body = b
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/", func(c echo.Context) error { return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, body) })
	if err := e.Start(*addr); err != nil && !errors.Is(err, http.ErrServerClosed) {
		slog.Error("loadceiling: serve", "err", err)
		os.Exit(1)
	}
}
