package store

import "testing"

// Numbers that look alike as values but differ as text must stay apart:
// the index keys ten-digit numbers by value, everything else by text.
func TestFirmIndex(t *testing.T) {
	f := newFirmIndex()
	nos := []string{"1234567890", "0123456789", "123456789", "00123456789", "123-45-6789", "+123456789",
		"12345678901", "１２３４５６７８９０", "9999999999", "0000000000"}
	for i, no := range nos {
		if _, ok := f.get(no); ok {
			t.Fatalf("%q found before it was set", no)
		}
		f.set(no, int64(i+1))
	}
	for i, no := range nos {
		if id, ok := f.get(no); !ok || id != int64(i+1) {
			t.Errorf("get(%q) = %d, %v; want %d", no, id, ok, i+1)
		}
	}
	if len(f.digits) != 4 || len(f.other) != len(nos)-4 {
		t.Errorf("%d numbers keyed by value and %d by text, want 4 and %d", len(f.digits), len(f.other), len(nos)-4)
	}
}
