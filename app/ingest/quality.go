package ingest

import (
	"context"
	"fmt"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/importers"
	"axdash/quality"
)

// checks is one import's share of the data-quality work done here rather
// than in the importer: the wave's period, which the importer's rules read,
// and the outlier test, which needs the stored waves and the whole file.
type checks struct {
	spec     importers.Spec
	outliers *quality.Outliers // nil: no outlier test
	found    []quality.Outlier
}

// prepare resolves the period (the request's, else the stored wave's) and
// loads the stored waves' distributions into the outlier test.
func (in *Ingester) prepare(ctx context.Context, req Request) (*checks, error) {
	c := &checks{spec: importers.Spec{Sheet: req.Sheet, Period: req.Period}}
	if c.spec.Period == nil {
		p, err := in.Store.WavePeriod(ctx, req.Wave)
		if err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		c.spec.Period = p
	}
	if in.Outliers == nil || len(in.Outliers.Fields) == 0 {
		return c, nil
	}
	bins, err := in.Store.OutlierBaseline(ctx, req.Wave, in.Outliers.Fields)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	c.outliers = quality.NewOutliers(*in.Outliers)
	for _, b := range bins {
		c.outliers.AddBaseline(b.Field, b.Industry, b.SizeBand, b.Bin, b.N)
	}
	return c, nil
}

// observe feeds a valid row to the outlier test.
func (c *checks) observe(rec *importers.Record) {
	if c.outliers != nil {
		c.outliers.Observe(rec)
	}
}

// finish adds the outliers to a report the importer could read; they are
// warnings and never block.
func (c *checks) finish(rep *model.ImportReport, maxIssues int) {
	if c.outliers == nil || rep.Status == model.StatusRefused {
		return
	}
	cols := map[string]quality.Column{}
	for _, m := range rep.Mapping {
		cols[m.Field] = quality.Column{Letter: m.Column, Header: m.Header}
	}
	c.found = c.outliers.Findings(rep.Sheet, cols)
	issues := make([]model.Issue, len(c.found))
	for i, o := range c.found {
		issues[i] = o.Issue
	}
	importers.AddIssues(rep, issues, maxIssues)
}

// store writes the outliers, the period and the wave's description with
// the load.
func (c *checks) store(load *store.Load, req Request) error {
	for _, o := range c.found {
		if err := load.AddFinding(o.Issue, o.Firm); err != nil {
			return fmt.Errorf("ingest: store findings: %w", err)
		}
	}
	if req.Period != nil {
		if err := load.SetPeriod(*req.Period); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
	}
	if err := load.Describe(req.Agency, req.Note); err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	return nil
}
