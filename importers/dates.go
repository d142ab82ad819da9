package importers

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

var (
	// ymd covers 2026-07-01, 2026.07.01, 2026. 7. 1., 2026/7/1 and
	// 2026년 7월 1일 once spaces are gone; a time after the date is cut first.
	ymd = regexp.MustCompile(`^(\d{4})(?:[-./]|년)(\d{1,2})(?:[-./]|월)(\d{1,2})(?:일|\.)?$`)
	// compactYMD is 20260701, typed as a number or text.
	compactYMD = regexp.MustCompile(`^(19|20)\d{6}$`)
	// serial is an Excel date serial, possibly with a time fraction.
	serial = regexp.MustCompile(`^\d{1,6}(?:\.\d+)?$`)
)

// Plausible survey years. A date outside them is almost always a wrong
// column or a stray number read as a serial (2026 would be 1905-07-18).
const (
	minYear = 1990
	maxYear = 2100
)

// parseDate reads a survey date. date1904 is the workbook's date system:
// Mac-made workbooks may count serials from 1904-01-01.
func parseDate(raw string, date1904 bool) (time.Time, *problem) {
	t, ok := numericDate(raw, date1904)
	if !ok {
		t, ok = textDate(raw, date1904)
	}
	switch {
	case !ok:
		return time.Time{}, errorf("invalid", "날짜로 읽을 수 없습니다: %q (예: 2026-07-01)", truncateRunes(raw, 40))
	case t.Year() < minYear || t.Year() > maxYear:
		return time.Time{}, errorf("out_of_range", "조사일로 볼 수 없는 날짜입니다: %s (%d~%d년)",
			t.Format(time.DateOnly), minYear, maxYear)
	}
	return t, nil
}

// numericDate reads the common cell of a date column, a serial as Excel
// stores it ("46283", "46283.5") or a compact 20260701, without the
// regexps of textDate; ok is false for anything else, which textDate reads.
func numericDate(s string, date1904 bool) (time.Time, bool) {
	digits, dot := 0, -1
	for i := 0; i < len(s); i++ {
		switch {
		case isDigit(s[i]):
			if dot < 0 {
				digits++
			}
		case s[i] == '.' && dot < 0 && i > 0 && i+1 < len(s):
			dot = i
		default:
			return time.Time{}, false
		}
	}
	switch {
	case dot < 0 && digits == 8 && (s[:2] == "19" || s[:2] == "20"):
		return makeDate(s[:4], s[4:6], s[6:8])
	case digits >= 1 && digits <= 6:
		return fromSerial(s, date1904)
	}
	return time.Time{}, false
}

// textDate reads the written forms of a date, normalising first.
func textDate(raw string, date1904 bool) (time.Time, bool) {
	s := strings.TrimSpace(norm.NFKC.String(raw))
	if i := strings.IndexByte(s, 'T'); i == 10 {
		s = s[:i]
	}
	if f := strings.Fields(s); len(f) > 1 {
		s = strings.Join(dropTimeAndWeekday(f), "")
	}
	// yyyy.mm.dd(aaa) glues the weekday on: "2026.07.01(수)".
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") && weekdayWords[s[i+1:len(s)-1]] {
		s = s[:i]
	}
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00A0' {
			return -1
		}
		return r
	}, s)
	switch {
	case compactYMD.MatchString(s):
		return makeDate(s[:4], s[4:6], s[6:8])
	case serial.MatchString(s):
		return fromSerial(s, date1904)
	}
	if m := ymd.FindStringSubmatch(s); m != nil {
		return makeDate(m[1], m[2], m[3])
	}
	return time.Time{}, false
}

// dropTimeAndWeekday drops what follows a date in the forms Korean Excel
// shows and saves to CSV: a time ("0:00", "오전 9:00:00", "9:00 PM") and a
// weekday ("수요일", "(수)").
func dropTimeAndWeekday(f []string) []string {
	for len(f) > 1 {
		last := f[len(f)-1]
		switch {
		case strings.Contains(last, ":"), weekdayWords[strings.Trim(last, "()")]:
		case last == "오전", last == "오후", strings.EqualFold(last, "AM"), strings.EqualFold(last, "PM"):
		default:
			return f
		}
		f = f[:len(f)-1]
	}
	return f
}

// weekdayWords are the weekday names Korean date formats (aaa, aaaa) show.
var weekdayWords = map[string]bool{
	"월": true, "화": true, "수": true, "목": true, "금": true, "토": true, "일": true,
	"월요일": true, "화요일": true, "수요일": true, "목요일": true, "금요일": true, "토요일": true, "일요일": true,
}

// makeDate builds a date and refuses impossible ones (2026-02-30) instead of
// letting time.Date roll them over.
func makeDate(ys, ms, ds string) (time.Time, bool) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// fromSerial converts an Excel serial to a date, dropping any time of day.
// In the 1900 system Excel counts the non-existent 1900-02-29 as day 60, so
// days from 61 on are one more than the calendar says; day 60 itself is no
// date. In the 1904 system day 0 is 1904-01-01.
func fromSerial(s string, date1904 bool) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return time.Time{}, false
	}
	days := int(f)
	if date1904 {
		return time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), true
	}
	switch {
	case days < 1 || days == 60:
		return time.Time{}, false
	case days < 60:
		return time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), true
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), true
}
