package web

import (
	"container/list"
	"sync"
)

// resultCache keeps recently built figures (tables, options, API bodies) so
// that a popular view costs one small query (the wave versions) instead of
// a rebuild. Keys include the data version of every wave, so a commit, from
// this process or another, makes old entries unreachable; they age out.
// It is per Server, never global, and bounded by entry count and by the
// approximate bytes its entries hold (rendered pages are ~100 KB each).
type resultCache struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	order    *list.List // front = most recently used
	items    map[string]*list.Element
}

type cacheEntry struct {
	key   string
	value any
	size  int
}

func newResultCache(max, maxBytes int) *resultCache {
	return &resultCache{max: max, maxBytes: maxBytes, order: list.New(), items: make(map[string]*list.Element)}
}

func (c *resultCache) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).value, true
}

// put keeps value, which holds about size bytes, evicting the least
// recently used entries beyond the bounds.
func (c *resultCache) put(key string, value any, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		e := el.Value.(*cacheEntry)
		c.bytes += size - e.size
		e.value, e.size = value, size
		c.order.MoveToFront(el)
	} else {
		c.items[key] = c.order.PushFront(&cacheEntry{key: key, value: value, size: size})
		c.bytes += size
	}
	for c.order.Len() > 1 && (c.order.Len() > c.max || c.bytes > c.maxBytes) {
		last := c.order.Back()
		e := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.items, e.key)
		c.bytes -= e.size
	}
}
