package web

import (
	"axdash/charts"
)

// exampleWave is the wave name the document's examples show.
const exampleWave = "2026-상반기"

// figureExample is a sample answer of the figure for the document and the
// /api page: one published row and one the view withholds, so that a
// reader sees both shapes. Its numbers only show the format.
func (g apiDocs) figureExample(f charts.Figure, shape charts.Shape) map[string]any {
	keys, labels, units := columnLists(shape)
	published, withheld := make([]any, len(shape.Columns)), make([]any, len(shape.Columns))
	for i, col := range shape.Columns {
		published[i] = g.exampleCell(col, 0)
		withheld[i] = g.exampleCell(col, 1)
		if col.Unit != "" {
			withheld[i] = nil
		}
	}
	out := map[string]any{"id": f.ID, "title": f.Title, "wave": exampleWave, "filters": map[string]string{}, "n": 1200,
		"columns": keys, "labels": labels, "units": units, "rows": [][]any{published, withheld},
		"notes": []string{"출처: …"}}
	if shape.Status {
		out["status"] = []string{"", charts.Withheld + "(응답 수 부족)"}
	}
	return out
}

// exampleCell is a sample value of the column in row i: the i-th code of a
// dimension column, a number of the column's unit, else a placeholder.
func (g apiDocs) exampleCell(col charts.Column, i int) any {
	switch col.Key {
	case "region":
		return g.regions.Regions[i%len(g.regions.Regions)].Code
	case "region_name":
		return g.regions.Regions[i%len(g.regions.Regions)].Name
	case "industry":
		return g.survey.Industries[i%len(g.survey.Industries)].Code
	case "size":
		return g.survey.SizeBands[i%len(g.survey.SizeBands)].Code
	case "wave":
		return exampleWave
	}
	base := map[string]float64{"%": 42.5, "원": 15000000, "명": 3.2, "개": 120}[col.Unit]
	switch {
	case col.Unit == "":
		return "(" + col.Label + ")"
	case col.Stat == charts.StatSE:
		return base * 0.05
	case col.Stat == charts.StatLow:
		return base * 0.9
	case col.Stat == charts.StatHigh:
		return base * 1.1
	}
	return base
}
