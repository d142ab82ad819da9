package main

import (
	"io"
	"log/slog"

	"axdash/configs"
)

// newLogger writes text or JSON lines at the configured level.
func newLogger(w io.Writer, c configs.LogConfig) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.SlogLevel()}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// logConfig reads the log settings before a command starts. A broken
// configuration falls back to text at info: the command itself loads the
// configuration again and reports what is wrong with it.
func logConfig() configs.LogConfig {
	c, err := configs.LoadEnviron()
	if err != nil {
		return configs.LogConfig{Format: "text", Level: "info"}
	}
	return c.Log
}
