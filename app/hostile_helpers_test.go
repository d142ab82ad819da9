package main

import (
	"fmt"
	"strings"

	"axdash/importers"
)

// Helpers of the hostile-input tests.

func issueCodes(res *importers.Result) string {
	var codes []string
	for _, is := range res.Report.Issues {
		codes = append(codes, is.Code)
	}
	if len(codes) > 3 {
		codes = append(codes[:3], fmt.Sprintf("…(%d)", len(res.Report.Issues)))
	}
	return "[" + strings.Join(codes, " ") + "]"
}

func hasCode(res *importers.Result, code string) bool {
	for _, is := range res.Report.Issues {
		if is.Code == code {
			return true
		}
	}
	return false
}

func row5(a, b, c, d, e string) string {
	return fmt.Sprintf("| %-42s | %-28s | %8s | %15s | %15s |", a, b, c, d, e)
}

func mib(n int64) string {
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}
