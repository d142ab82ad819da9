package parseworker

import (
	"bufio"
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/model/modeltest"
	"axdash/importers"
)

// filled sets every field of v, recursively, to a value that differs from
// its zero value and from seed's other fields, so that a field the codec
// forgets cannot round-trip by luck.
func filled(t *testing.T, v reflect.Value, seed *int) {
	t.Helper()
	*seed++
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() { // zone names do not travel, as with JSON
			v.Set(reflect.ValueOf(time.Date(2026, 3, *seed%28+1, 0, 0, 0, 0, time.FixedZone("", 9*3600))))
			return
		}
		for i := range v.NumField() {
			filled(t, v.Field(i), seed)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		filled(t, v.Elem(), seed)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			filled(t, v.Index(i), seed)
		}
	case reflect.String:
		v.SetString(strings.Repeat("가", *seed%3+1) + "\x00\"" + string(rune('a'+*seed%26)))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(-*seed) * 1_000_003)
	case reflect.Float64:
		v.SetFloat(float64(*seed) / 3)
	case reflect.Bool:
		v.SetBool(true)
	default:
		t.Fatalf("the record codec does not know %s fields", v.Type())
	}
}

// fullRecord is a record with every field set; its multi-selects' row ids
// and its record key stay zero, as the importer leaves them (the store
// sets them).
func fullRecord(t *testing.T) model.FirmResponse {
	var full model.FirmResponse
	seed := 0
	filled(t, reflect.ValueOf(&full).Elem(), &seed)
	full.Response.RecordKey = 0
	for i := range full.Response.UseAreas {
		full.Response.UseAreas[i].ResponseID = 0
	}
	for i := range full.Response.Barriers {
		full.Response.Barriers[i].ResponseID = 0
	}
	return full
}

func roundTrip(t *testing.T, fields *model.Table, rec model.FirmResponse) model.FirmResponse {
	t.Helper()
	var got model.FirmResponse
	if err := decodeRecord(appendRecord(nil, fields, &rec), fields, &got); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return got
}

func TestRecordRoundTrip(t *testing.T) {
	full := fullRecord(t)
	zero, fzero := 0, 0.0
	var i64zero int64
	utc := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		rec  model.FirmResponse
	}{
		{"every field set", full},
		{"nothing set", model.FirmResponse{}},
		// The reason frames are not gob: a pointer to zero is an answer.
		{"pointers to zero and empty slices", model.FirmResponse{Response: model.Response{
			Revenue: &i64zero, AdoptionCost: &i64zero, GovSupport: &i64zero, AIStaffCurrent: &zero,
			AIStaffNeeded: &zero, ProductivityGain: &fzero, SurveyedOn: &utc,
			UseAreas: []model.ResponseUseArea{}, Barriers: []model.ResponseBarrier{}}}},
		{"extreme numbers", model.FirmResponse{Response: model.Response{ID: math.MinInt64, Employees: math.MaxInt64,
			Weight: math.SmallestNonzeroFloat64, ProductivityGain: ptr(math.Inf(-1))}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := roundTrip(t, model.Fields(), tt.rec); !reflect.DeepEqual(got, tt.rec) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, tt.rec)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestRecordRoundTripAddedField adds a field to a copy of the table: it
// travels with no change to the codec.
func TestRecordRoundTripAddedField(t *testing.T) {
	budget := modeltest.NewBudget()
	fields := budget.Table(t)
	rec := fullRecord(t)
	budget.Values[rec.Response.SourceRow] = ptr(int64(37_500_000))
	enc := appendRecord(nil, fields, &rec)
	clear(budget.Values)
	var got model.FirmResponse
	if err := decodeRecord(enc, fields, &got); err != nil || !reflect.DeepEqual(got, rec) {
		t.Fatalf("decode: %v; got %+v", err, got)
	}
	if want := map[int]int64{rec.Response.SourceRow: 37_500_000}; !reflect.DeepEqual(budget.Amounts(), want) {
		t.Errorf("ai_budget = %v, want %v", budget.Amounts(), want)
	}
	if len(enc) == len(appendRecord(nil, model.Fields(), &rec)) {
		t.Error("the added field took no bytes in the frame")
	}
}

func TestRecordFrameDamage(t *testing.T) {
	full := fullRecord(t)
	fields := model.Fields()
	enc := appendRecord(nil, fields, &full)
	for cut := 0; cut < len(enc); cut++ {
		var got model.FirmResponse
		if err := decodeRecord(enc[:cut], fields, &got); err == nil {
			t.Fatalf("a record cut to %d of %d bytes decoded without error", cut, len(enc))
		}
	}
	var got model.FirmResponse
	if err := decodeRecord(append(enc, 0), fields, &got); err == nil {
		t.Error("a record with a byte left over decoded without error")
	}
}

func TestRelayFrames(t *testing.T) {
	var pipe bytes.Buffer
	fw := &frameWriter{w: bufio.NewWriter(&pipe), fields: model.Fields()}
	recs := []model.FirmResponse{{BusinessNo: "1"}, {Response: model.Response{FirmName: strings.Repeat("x", 70_000)}}}
	for i := range recs {
		if err := fw.record(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	want := &importers.Result{SHA256: "abc", Report: model.ImportReport{Rows: 2, Valid: 2}}
	if err := fw.peak(45 << 20); err != nil {
		t.Fatal(err)
	}
	if err := fw.result(want); err != nil {
		t.Fatal(err)
	}
	if err := fw.w.Flush(); err != nil {
		t.Fatal(err)
	}
	whole := pipe.Bytes()
	var got []model.FirmResponse
	var peak int64
	res, err := relay(bufio.NewReader(bytes.NewReader(whole)), model.Fields(), func(r importers.Record) error {
		got = append(got, r)
		return nil
	}, func(b int64) { peak = b })
	if err != nil || !reflect.DeepEqual(res, want) || !reflect.DeepEqual(got, recs) {
		t.Fatalf("relay = %+v, %v with %d records; want %+v and %d", res, err, len(got), want, len(recs))
	}
	if peak != 45<<20 {
		t.Errorf("peak = %d, want the child's own %d", peak, 45<<20)
	}
	// A child that dies mid-frame, or writes nonsense, is an error, not a result.
	for _, bad := range [][]byte{whole[:len(whole)-1], whole[:10], {'q', 0}, {frameRecord, 0xff, 0xff, 0xff, 0xff, 0x7f}} {
		if res, err := relay(bufio.NewReader(bytes.NewReader(bad)), model.Fields(), func(importers.Record) error { return nil }, func(int64) {}); err == nil {
			t.Errorf("relay of %d damaged bytes = %+v, want an error", len(bad), res)
		}
	}
}

func TestSelfPeakRSS(t *testing.T) {
	got := selfPeakRSS()
	// A Go test binary has a few MiB resident at least, and far less than
	// the machine; 0 would mean the status file was not understood.
	if got < 1<<20 || got > 1<<40 {
		t.Errorf("selfPeakRSS = %d, want this process's VmHWM in bytes", got)
	}
}
