package importers

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// csvSheetName is the sheet that holds a CSV file's rows in its annotated
// copy.
const csvSheetName = "데이터"

// Annotate writes an .xlsx copy of the file at srcPath in which every cell
// named by an issue of rep is highlighted (red fill for errors, yellow for
// warnings) with the issue messages as a cell comment, each row with issues
// gets the messages in a new last column "오류", and a first sheet "가져오기
// 요약" gives the outcome in Korean and lists the issues about the file as a
// whole. A CSV file becomes
// a new workbook holding its rows as text. The copy is a plain .xlsx of
// values (see sanitize.go): formulas give way to their cached values, and
// links out, connections and macros are left out. The default limits of
// configs/axdash.yaml apply; Importer.Annotate uses the configured ones.
func Annotate(srcPath string, rep *model.ImportReport, outPath string) error {
	return AnnotateContext(context.Background(), srcPath, rep, outPath)
}

// AnnotateContext is Annotate that stops, leaving no output file, when ctx
// ends: it is checked between rows of a CSV file, between marked cells and
// before the copy is written.
func AnnotateContext(ctx context.Context, srcPath string, rep *model.ImportReport, outPath string) error {
	return (&Importer{}).AnnotateContext(ctx, srcPath, rep, outPath)
}

// Annotate is the package function with the importer's limits.
func (im *Importer) Annotate(srcPath string, rep *model.ImportReport, outPath string) error {
	return im.AnnotateContext(context.Background(), srcPath, rep, outPath)
}

// AnnotateContext is the package function with the importer's limits.
//
// Unlike Read, this loads the whole workbook into memory, since excelize
// edits only loaded sheets: about 0.8 KB per non-empty cell, measured by
// BenchmarkAnnotate at a peak heap of about 100 MB (1 s) for 5,000 survey
// rows and 1.5 GB (20 s) for 100,000. Files over the size limits are
// refused before anything is loaded; callers should annotate one file at a
// time. Cell text is only ever written with SetCellStr, so nothing from the
// file becomes a formula, and the saved copy goes through sanitizeBook, so
// no formula or live part of the upload reaches the analysts who open it.
func (im *Importer) AnnotateContext(ctx context.Context, srcPath string, rep *model.ImportReport, outPath string) (err error) {
	if rep == nil {
		return errors.New("importers: annotate: no report")
	}
	if ext := strings.ToLower(filepath.Ext(outPath)); ext != ".xlsx" {
		return fmt.Errorf("importers: annotate: output %s must be an .xlsx file", filepath.Base(outPath))
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("importers: annotate %s: %v", filepath.Base(srcPath), r)
		}
	}()
	tmp, err := os.MkdirTemp(im.opts.TmpDir, "axdash-annotate-")
	if err != nil {
		return fmt.Errorf("importers: temp folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	f, csvFile, err := im.openForAnnotate(ctx, srcPath, tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := annotateBook(ctx, f, rep, csvFile); err != nil {
		return fmt.Errorf("importers: annotate %s: %w", filepath.Base(srcPath), err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("importers: annotate %s: %w", filepath.Base(srcPath), err)
	}
	if err := saveSanitized(f, tmp, outPath); err != nil {
		return fmt.Errorf("importers: annotate: write %s: %w", filepath.Base(outPath), err)
	}
	return nil
}

// openForAnnotate checks the file as Read does (size, format, zip limits)
// and loads it: a workbook as it is, a CSV file as a new workbook.
func (im *Importer) openForAnnotate(ctx context.Context, p, tmp string) (*excelize.File, bool, error) {
	lim := im.limits()
	info, err := os.Stat(p)
	if err != nil {
		return nil, false, fmt.Errorf("importers: %w", err)
	}
	if info.Size() > lim.MaxFileBytes || info.Size() == 0 {
		return nil, false, fmt.Errorf("importers: annotate: %s is empty or over the size limit (%s)",
			filepath.Base(p), humanBytes(lim.MaxFileBytes))
	}
	head, _, err := hashFile(p)
	if err != nil {
		return nil, false, err
	}
	st := newState(filepath.Base(p), lim.MaxIssues)
	sn, ok := im.sniffFile(p, head, st)
	if !ok {
		return nil, false, fmt.Errorf("importers: annotate: %s cannot be read: %s", filepath.Base(p), st.res.Report.Issues[0].Message)
	}
	if sn.format == "csv" {
		f, err := csvBook(ctx, p, sn.text, lim)
		return f, true, err
	}
	f, err := excelize.OpenFile(p, excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(16<<20, lim.MaxUnzipped),
		TmpDir:            tmp,
	})
	if err != nil {
		return nil, false, fmt.Errorf("importers: annotate: open %s: %w", filepath.Base(p), err)
	}
	return f, false, nil
}

// csvBook copies a CSV file's records, as text, into a new workbook, one
// record per row, so that the cells named in the report are the same.
func csvBook(ctx context.Context, p string, lay textLayout, lim Options) (*excelize.File, error) {
	src, err := openCSV(p, lay)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", csvSheetName); err != nil {
		f.Close()
		return nil, err
	}
	maxRows := lim.MaxRows + lim.HeaderScanRows
	for n := 1; src.Next(); n++ {
		if n > maxRows {
			f.Close()
			return nil, fmt.Errorf("importers: annotate: more than %d rows", maxRows)
		}
		if err := ctx.Err(); err != nil {
			f.Close()
			return nil, fmt.Errorf("importers: annotate: %w", err)
		}
		rec := trimTrailing(src.rec)
		if len(rec) > lim.MaxColumns {
			f.Close()
			return nil, fmt.Errorf("importers: annotate: row %d has more than %d columns", n, lim.MaxColumns)
		}
		for i, v := range rec {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(i+1, n)
			if err := f.SetCellStr(csvSheetName, ref, v); err != nil {
				f.Close()
				return nil, err
			}
		}
	}
	if err := src.Error(); err != nil {
		f.Close()
		return nil, fmt.Errorf("importers: annotate: %w", err)
	}
	return f, nil
}

// annotateBook marks the issues in the loaded workbook. Issues name sheets
// by their cleaned names; an issue whose sheet or cell is not found goes
// to the error sheet with the file-level ones.
func annotateBook(ctx context.Context, f *excelize.File, rep *model.ImportReport, csvFile bool) error {
	sheets := map[string]string{}
	for _, name := range f.GetSheetList() {
		sheets[cleanLabel(name)] = name
	}
	bySheet := map[string][]model.Issue{}
	var order []string
	var general []model.Issue
	for _, is := range rep.Issues {
		name, ok := sheets[is.Sheet]
		if csvFile {
			name, ok = csvSheetName, true
		}
		if is.Cell == "" || !ok {
			general = append(general, is)
			continue
		}
		if _, seen := bySheet[name]; !seen {
			order = append(order, name)
		}
		bySheet[name] = append(bySheet[name], is)
	}
	for _, name := range order {
		hdr := 0
		if csvFile || name == sheets[rep.Sheet] {
			hdr = rep.HeaderRow
		}
		if err := newSheetMarker(ctx, f, name).mark(bySheet[name], hdr); err != nil {
			return err
		}
	}
	// Every copy gets the summary, even with no file-level issue (a CSV
	// file or a clean one once had none): it is where the reader starts.
	return writeSummarySheet(f, rep, general)
}
