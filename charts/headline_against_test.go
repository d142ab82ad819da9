package charts

import "testing"

// TestSignificance: a change is called significant only when tested and
// found larger than the sampling error; untested says nothing.
func TestSignificance(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		differs *bool
		want    string
	}{{&yes, "유의"}, {&no, "유의하지 않음"}, {nil, ""}}
	for _, tt := range tests {
		if got := (Measure{Differs: tt.differs}).Significance(); got != tt.want {
			t.Errorf("Differs %v: %q, want %q", tt.differs, got, tt.want)
		}
	}
}
