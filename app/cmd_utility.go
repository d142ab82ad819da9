package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"axdash/app/disclosure"
)

// cmdDisclosureUtility prints, per stored wave (or the one named), what
// the public view costs its figures: the utility tables of
// docs/disclosure.md, measured from the cubes with the configured
// disclosure parameters.
func cmdDisclosureUtility(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	fs := newFlagSet("disclosure-utility", stderr)
	wave := fs.String("wave", "", "only this wave (default: every wave)")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		fmt.Fprintln(stderr, "usage: axdash disclosure-utility [--wave NAME]")
		return exitUsage
	}
	e, st, err := loadEnvAndStore(ctx, log)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	states, err := st.Surveys.WaveStates(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	set, err := st.Surveys.Cubes(ctx, states, e.survey.Design)
	if err != nil {
		return fail(stderr, err)
	}
	p := disclosure.New(e.cfg.Figures)
	for _, w := range set.Waves() {
		if *wave != "" && w.Name != *wave {
			continue
		}
		if err := p.Utility(w).WriteMarkdown(stdout, w.Name); err != nil {
			return fail(stderr, err)
		}
	}
	return exitOK
}
