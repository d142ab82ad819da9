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

func roundTrip(t *testing.T, rec model.FirmResponse) model.FirmResponse {
	t.Helper()
	var got model.FirmResponse
	if err := decodeRecord(appendRecord(nil, &rec), &got); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return got
}

func TestRecordRoundTrip(t *testing.T) {
	var full model.FirmResponse
	seed := 0
	filled(t, reflect.ValueOf(&full).Elem(), &seed)
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
			if got := roundTrip(t, tt.rec); !reflect.DeepEqual(got, tt.rec) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, tt.rec)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestRecordFrameDamage(t *testing.T) {
	var full model.FirmResponse
	seed := 0
	filled(t, reflect.ValueOf(&full).Elem(), &seed)
	enc := appendRecord(nil, &full)
	for cut := 0; cut < len(enc); cut++ {
		var got model.FirmResponse
		if err := decodeRecord(enc[:cut], &got); err == nil {
			t.Fatalf("a record cut to %d of %d bytes decoded without error", cut, len(enc))
		}
	}
	var got model.FirmResponse
	if err := decodeRecord(append(enc, 0), &got); err == nil {
		t.Error("a record with a byte left over decoded without error")
	}
}

func TestRelayFrames(t *testing.T) {
	var pipe bytes.Buffer
	fw := &frameWriter{w: bufio.NewWriter(&pipe)}
	recs := []model.FirmResponse{{BusinessNo: "1"}, {Response: model.Response{FirmName: strings.Repeat("x", 70_000)}}}
	for i := range recs {
		if err := fw.record(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	want := &importers.Result{SHA256: "abc", Report: model.ImportReport{Rows: 2, Valid: 2}}
	if err := fw.result(want); err != nil {
		t.Fatal(err)
	}
	if err := fw.w.Flush(); err != nil {
		t.Fatal(err)
	}
	whole := pipe.Bytes()
	var got []model.FirmResponse
	res, err := relay(bufio.NewReader(bytes.NewReader(whole)), func(r importers.Record) error {
		got = append(got, r)
		return nil
	})
	if err != nil || !reflect.DeepEqual(res, want) || !reflect.DeepEqual(got, recs) {
		t.Fatalf("relay = %+v, %v with %d records; want %+v and %d", res, err, len(got), want, len(recs))
	}
	// A child that dies mid-frame, or writes nonsense, is an error, not a result.
	for _, bad := range [][]byte{whole[:len(whole)-1], whole[:10], {'q', 0}, {frameRecord, 0xff, 0xff, 0xff, 0xff, 0x7f}} {
		if res, err := relay(bufio.NewReader(bytes.NewReader(bad)), func(importers.Record) error { return nil }); err == nil {
			t.Errorf("relay of %d damaged bytes = %+v, want an error", len(bad), res)
		}
	}
}
