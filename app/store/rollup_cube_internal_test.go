package store

import (
	"strings"
	"testing"

	"axdash/app/model"
)

// The Go cube writes rollupCellsTable's columns from cellSum's fields in a
// fixed order; this ties that order, and the stage columns, to cellSums,
// the SQL definitions, so that neither changes alone.
func TestCubeColumnsFollowSQL(t *testing.T) {
	cols, exprs, _ := sumCols()
	want := append([]string{"wave_id", "region", "industry", "size_band"}, cols[:11]...)
	want = append(append(want, "median_cost"), cols[11:]...)
	if got := strings.Join(rollupCellsTable.cols, ","); got != strings.Join(want, ",") {
		t.Errorf("loader writes %s\nSQL defines    %s", got, strings.Join(want, ","))
	}
	for i, stage := range model.Stages {
		if !strings.Contains(exprs[2+i], "'"+stage+"'") {
			t.Errorf("column %s is %s; the cube puts stage %s there", cols[2+i], exprs[2+i], stage)
		}
	}
}
