package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"axdash/app/report"
	"axdash/app/store"
	"axdash/app/web"
	"axdash/static"
)

// errNoChromium says why a PDF cannot be made here.
var errNoChromium = errors.New("PDF export needs Chromium (set AXDASH_CHROME_PATH or install chromium); " +
	"export .xlsx instead, or open /briefing in a browser and print it to PDF (A4)")

// chromiumPath finds the browser the PDF export prints with: the
// configured one (export.chrome_path), else the first on the PATH.
func chromiumPath(configured string) (string, error) {
	if configured != "" {
		if path, err := exec.LookPath(configured); err == nil {
			return path, nil
		}
		return "", fmt.Errorf("AXDASH_CHROME_PATH (export.chrome_path) %q is not runnable: %w", configured, errNoChromium)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errNoChromium
}

// briefingPDF serves the briefing page of the view, rendered by the web
// package as GET /briefing renders it, on a loopback port for the length of
// the call, and prints it with headless Chromium, A4 as the page's CSS asks.
func briefingPDF(ctx context.Context, e *env, st *store.DB, v report.View) ([]byte, error) {
	chrome, err := chromiumPath(e.cfg.Export.ChromePath)
	if err != nil {
		return nil, err
	}
	briefing, err := web.BriefingHandler(ctx, web.Deps{Stores: web.StoresOf(st), Catalogue: e.catalogue(), Survey: e.survey,
		Regions: e.regions, Config: e.cfg, Static: static.FS(), Log: e.log}, v)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("pdf: listen: %w", err)
	}
	hs := &http.Server{Handler: briefing, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()

	target := "http://" + ln.Addr().String() + "/briefing"
	profile, err := os.MkdirTemp(e.tmp, "chromium-")
	if err != nil {
		return nil, fmt.Errorf("pdf: profile dir: %w", err)
	}
	defer os.RemoveAll(profile)
	timeoutCtx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(timeoutCtx, chromedp.ExecPath(chrome), chromedp.Headless,
		chromedp.NoSandbox, chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile))
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()
	defer func() { _ = chromedp.Cancel(tab) }()
	if err := chromedp.Do(tab, chromedp.Navigate(target)); err != nil {
		return nil, fmt.Errorf("pdf: open the briefing: %w", err)
	}
	// The charts draw after the scripts load; wait for their SVG, but print
	// anyway after a while (a page without charts is still a briefing).
	_, _ = chromedp.Run(tab, chromedp.Poll[chromedp.Void](
		`document.documentElement.getAttribute("data-charts") === "drawn" || document.querySelector(".notice") !== null`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)))
	ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.querySelector("article.briefing") !== null`))
	if err != nil || !ok {
		return nil, fmt.Errorf("pdf: the briefing page did not render (%v); see the log above", err)
	}
	pdf, err := chromedp.Run(tab, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		yes := true
		res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
		return res.Data, err
	})
	if err != nil {
		return nil, fmt.Errorf("pdf: print: %w", err)
	}
	return pdf, nil
}
