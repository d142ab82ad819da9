package importers

import (
	"strings"
	"testing"
	"time"
)

// code returns a problem's code or "" so that tables can say which problem.
func code(p *problem) string {
	if p == nil {
		return ""
	}
	return p.code
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		raw  string
		unit int64
		want int64
		code string
	}{
		{"3,000만원", 0, 30_000_000, ""},
		{"4천만원", 0, 40_000_000, ""},
		{"1.2억", 0, 120_000_000, ""},
		{"0.3억원", 0, 30_000_000, ""},
		{"5백만원", 0, 5_000_000, ""},
		{"₩12,000,000", 0, 12_000_000, ""},
		{"￦12,000,000", 0, 12_000_000, ""}, // full-width won sign
		{"12,000,000원", 0, 12_000_000, ""},
		{"1억 2천만원", 0, 120_000_000, ""},
		{"1억2천만", 0, 120_000_000, ""},
		{"1천2백만원", 0, 12_000_000, ""}, // 천 and 백 both count 만s
		{"1억 5000원", 0, 100_005_000, ""},
		{"3천원", 0, 3_000, ""},
		{"2조 3억", 0, 2_000_300_000_000, ""},
		{"1만2억", 0, 0, "invalid"},  // big units out of order
		{"２억", 0, 200_000_000, ""}, // full-width digit
		{"30", 1_000_000, 30_000_000, ""},
		{" ₩ - ", 1_000_000, 0, ""}, {"\\-", 0, 0, ""}, {"₩", 0, 0, "invalid"}, {"- 원", 1000, 0, ""},
		{"1.5", 100_000_000, 150_000_000, ""},
		{"1.2E+7", 1, 12_000_000, ""},              // a raw Excel number
		{"12,000,000원", 1_000_000, 12_000_000, ""}, // the cell's unit wins
		{"3,000만원", 1_000, 30_000_000, ""},
		{"0", 0, 0, ""},    // zero needs no unit
		{"0.5원", 0, 1, ""}, // rounded half away from zero
		{"12000000", 0, 0, "no_unit"},
		{"1,234", 0, 0, "no_unit"},
		{"-500만원", 0, 0, "negative"},
		{"△500", 1000, 0, "negative"},
		{"(500)", 1000, 0, "negative"},
		{"많음", 0, 0, "invalid"},
		{"1e99999999", 1, 0, "invalid"}, // no unbounded exponent
		{"99999999999조", 0, 0, "too_large"},
		{"약 3억", 0, 0, "invalid"},
	}
	for _, tt := range tests {
		got, p := parseMoney(tt.raw, tt.unit)
		if code(p) != tt.code || (tt.code == "" && got != tt.want) {
			t.Errorf("parseMoney(%q, %d) = %d, %q; want %d, %q", tt.raw, tt.unit, got, code(p), tt.want, tt.code)
		}
	}
}

func TestUnitNote(t *testing.T) {
	tests := []struct {
		note  string
		money int64
		other bool
	}{
		{"원", 1, false}, {"천원", 1e3, false}, {"만원", 1e4, false}, {"백만원", 1e6, false},
		{"천만원", 1e7, false}, {"억원", 1e8, false}, {"단위:천원", 1e3, false},
		{"명", 0, true}, {"%", 0, true}, {"a~u", 0, false},
	}
	for _, tt := range tests {
		if m, o := unitNote(tt.note); m != tt.money || o != tt.other {
			t.Errorf("unitNote(%q) = %d, %v; want %d, %v", tt.note, m, o, tt.money, tt.other)
		}
	}
}

func TestParseInteger(t *testing.T) {
	tests := []struct {
		raw  string
		want int
		code string
	}{
		{"12", 12, ""}, {"1,234", 1234, ""}, {"12명", 12, ""}, {"１２", 12, ""}, {"12.0", 12, ""},
		{" 7 ", 7, ""}, {"0", 0, ""},
		{"12.5", 0, "not_integer"}, {"-3", 0, "negative"}, {"많음", 0, "invalid"},
		{"99999999999", 0, "too_large"},
		// Excel's float noise beyond its 15 digits goes; a typed fraction stays.
		{"25.000000000000004", 25, ""}, {"1.2000000000000002E+2", 120, ""}, {"24.999999999999996", 25, ""},
		{"25.0000000000001", 0, "not_integer"}, {"0.30000000000000004", 0, "not_integer"},
	}
	for _, tt := range tests {
		got, p := parseInteger(tt.raw)
		if code(p) != tt.code || got != tt.want {
			t.Errorf("parseInteger(%q) = %d, %q; want %d, %q", tt.raw, got, code(p), tt.want, tt.code)
		}
	}
}

func TestParseSmallTypes(t *testing.T) {
	pct := []struct {
		raw  string
		want float64
		code string
	}{{"12.5", 12.5, ""}, {"12.5%", 12.5, ""}, {"-3 %", -3, ""}, {"0.125", 0.125, ""}, {"많이", 0, "invalid"}}
	for _, tt := range pct {
		if got, p := parsePercent(tt.raw); code(p) != tt.code || got != tt.want {
			t.Errorf("parsePercent(%q) = %v, %q", tt.raw, got, code(p))
		}
	}
	weights := []struct {
		raw  string
		want float64
		code string
	}{{"", 1, ""}, {"2.5", 2.5, ""}, {"0", 0, "not_positive"}, {"-1", 0, "not_positive"}, {"a", 0, "invalid"}}
	for _, tt := range weights {
		if got, p := parseWeight(tt.raw); code(p) != tt.code || got != tt.want {
			t.Errorf("parseWeight(%q) = %v, %q", tt.raw, got, code(p))
		}
	}
	for raw, want := range map[string]bool{
		"Y": true, "n": false, "O": true, "X": false, "예": true, "아니오": false, "1": true, "0": false,
		"TRUE": true, "false": false, "여": true, "부": false, "": false, "-": false,
	} {
		if got, p := parseBool(raw); p != nil || got != want {
			t.Errorf("parseBool(%q) = %v, %v; want %v", raw, got, p, want)
		}
	}
	if _, p := parseBool("모름"); code(p) != "invalid" {
		t.Errorf("parseBool(모름) = %v, want invalid", p)
	}
}

func TestParseBusinessNo(t *testing.T) {
	tests := []struct{ raw, want, code string }{
		{"1248100998", "1248100998", ""},
		{"124-81-00998", "1248100998", ""},
		{"124 81 00998", "1248100998", ""},
		{"1248100997", "", "checksum"},
		{"124-81-0099", "", "format"},
		{"12481009a8", "", "format"},
	}
	for _, tt := range tests {
		if got, p := parseBusinessNo(tt.raw); got != tt.want || code(p) != tt.code {
			t.Errorf("parseBusinessNo(%q) = %q, %q; want %q, %q", tt.raw, got, code(p), tt.want, tt.code)
		}
	}
}

func TestParseDate(t *testing.T) {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		raw   string
		d1904 bool
		want  time.Time
		ok    bool
	}{
		{"46204", false, d(2026, 7, 1), true},    // 1900 system
		{"46204.75", false, d(2026, 7, 1), true}, // time of day dropped
		{"44742", true, d(2026, 7, 1), true},     // 1904 system: 1,462 days fewer
		{"2026", false, time.Time{}, false},      // a year is not a serial (1905-07-18)
		{"1000", false, time.Time{}, false},      // a plausible number, but no survey date
		{"2026-07-01", false, d(2026, 7, 1), true},
		{"2026-07-01 09:30:00", false, d(2026, 7, 1), true},
		{"2026-07-01T09:30:00Z", false, d(2026, 7, 1), true},
		{"2026.07.01", false, d(2026, 7, 1), true},
		{"2026. 7. 1.", false, d(2026, 7, 1), true},
		{"2026/7/1", false, d(2026, 7, 1), true},
		{"2026년 7월 1일", false, d(2026, 7, 1), true},
		{"20260701", false, d(2026, 7, 1), true},
		{"2026-02-30", false, time.Time{}, false},
		{"어제", false, time.Time{}, false},
		// As Korean Excel shows dates and saves them to CSV.
		{"2026년 7월 1일 수요일", false, d(2026, 7, 1), true},
		{"2026년 7월 1일 (수)", false, d(2026, 7, 1), true},
		{"2026.07.01(수)", false, d(2026, 7, 1), true}, {"2026-07-01(수요일)", false, d(2026, 7, 1), true},
		{"2026.07.01(목록)", false, time.Time{}, false},
		{"2026-07-01 오후 3:00:00", false, d(2026, 7, 1), true},
		{"2026-07-01 3:00 PM", false, d(2026, 7, 1), true},
		{"2026-07-01 수요", false, time.Time{}, false},
		{"수요일", false, time.Time{}, false},
	}
	for _, tt := range tests {
		got, p := parseDate(tt.raw, tt.d1904)
		if (p == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q, 1904=%v) = %v, %v; want %v", tt.raw, tt.d1904, got, p, tt.want)
		}
	}
}

func TestFromSerial(t *testing.T) {
	tests := []struct {
		serial string
		d1904  bool
		want   string
	}{
		{"1", false, "1900-01-01"},
		{"59", false, "1900-02-28"}, // before Excel's phantom 1900-02-29
		{"60", false, ""},           // the phantom day itself
		{"61", false, "1900-03-01"}, // after it, one day off the calendar
		{"46204", false, "2026-07-01"},
		{"0", true, "1904-01-01"},
		{"44742", true, "2026-07-01"},
	}
	for _, tt := range tests {
		got, ok := fromSerial(tt.serial, tt.d1904)
		if s := got.Format(time.DateOnly); ok != (tt.want != "") || (ok && s != tt.want) {
			t.Errorf("fromSerial(%s, %v) = %s, %v; want %q", tt.serial, tt.d1904, s, ok, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct {
		raw, want string
		keepNL    bool
	}{
		{"  (주)가나다  ", "(주)가나다", false},
		{"가\x00나\u202E다", "가나다", false},
		{"a__f__function(){}__f__", "afunction(){}", false},
		{"____f__f__", "", false}, // removing one marker must not leave another
		{"줄1\n줄2", "줄1 줄2", false},
		{"줄1\n줄2", "줄1\n줄2", true},
		{"\u1100\u1161", "\uAC00", false}, // decomposed Hangul (macOS) composed
	}
	for _, tt := range tests {
		if got, p := cleanText(tt.raw, tt.keepNL); p != nil || got != tt.want {
			t.Errorf("cleanText(%q) = %q, %v; want %q", tt.raw, got, p, tt.want)
		}
	}
	if _, p := cleanText("bad\xff", false); code(p) != "invalid_utf8" {
		t.Errorf("cleanText(invalid UTF-8) = %v", p)
	}
}

func TestTruncateRunes(t *testing.T) {
	long := strings.Repeat("가", 300)
	if got := truncateRunes(long, 200); len([]rune(got)) != 201 {
		t.Errorf("truncateRunes kept %d runes", len([]rune(got)))
	}
	if got := truncateRunes("짧음", 200); got != "짧음" {
		t.Errorf("truncateRunes(short) = %q", got)
	}
}
