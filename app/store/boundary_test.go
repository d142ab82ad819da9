package store_test

import (
	"context"
	"errors"
	"testing"

	"axdash/app/store"
	"axdash/app/store/storetest"
)

func TestBoundaryMapStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		if v, err := s.Ops.BoundaryVersion(ctx); err != nil || v != 0 {
			t.Fatalf("version with no map = %d, %v", v, err)
		}
		if _, err := s.Ops.Boundary(ctx); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("no map: %v", err)
		}
		v1, err := s.Ops.SaveBoundary(ctx, store.BoundaryMap{Content: []byte(`{"a":1}`), Features: 17, Matched: 17, UploadedBy: "kim", UploadedAt: t0})
		if err != nil {
			t.Fatal(err)
		}
		v2, err := s.Ops.SaveBoundary(ctx, store.BoundaryMap{Content: []byte(`{"b":2}`), Features: 3, Matched: 2, UploadedBy: "lee", UploadedAt: t0})
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Ops.BoundaryVersion(ctx); v2 <= v1 || v != v2 {
			t.Errorf("versions %d then %d, current %d", v1, v2, v)
		}
		m, err := s.Ops.Boundary(ctx)
		if err != nil || string(m.Content) != `{"b":2}` || m.Features != 3 || m.Matched != 2 || m.UploadedBy != "lee" || !m.UploadedAt.Equal(t0) {
			t.Errorf("Boundary = %+v, %v", m, err)
		}
		if err := s.Ops.DeleteBoundary(ctx); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Ops.BoundaryVersion(ctx); v != 0 {
			t.Errorf("version after delete = %d", v)
		}
	})
}
