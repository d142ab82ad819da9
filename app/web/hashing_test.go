package web

import (
	"context"
	"errors"
	"testing"
)

func TestHashSlots(t *testing.T) {
	s := &Server{hashSlots: make(chan struct{}, 2)}
	release, started := make(chan struct{}), make(chan struct{}, 2)
	done := make(chan error, 2)
	for range 2 {
		go func() {
			done <- s.withHashSlot(context.Background(), func() error { started <- struct{}{}; <-release; return nil })
		}()
	}
	<-started
	<-started
	// Both slots are taken: a third hash waits, and gives up with its
	// request.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	err := s.withHashSlot(ctx, func() error { ran = true; return nil })
	if !errors.Is(err, context.Canceled) || ran {
		t.Errorf("third hash with both slots taken: ran %v, err %v", ran, err)
	}
	close(release)
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if err := s.withHashSlot(context.Background(), func() error { ran = true; return nil }); err != nil || !ran {
		t.Errorf("slots not given back: ran %v, err %v", ran, err)
	}
}
