package protocol

// lru is a least-recently-used cache keyed by the raw JSON bytes a record
// came in, so that a record repeated on many lines is decoded and compiled
// once. It is bounded both in entries and in the bytes of its keys (a key
// may be a whole tree). It is not safe for concurrent use: eval answers
// lines one at a time.
type lru[V any] struct {
	maxEntries int
	maxBytes   int
	bytes      int
	index      map[string]*lruNode[V]
	head       lruNode[V] // sentinel: head.next is the most recently used
}

type lruNode[V any] struct {
	key        string
	value      V
	prev, next *lruNode[V]
}

func newLRU[V any](maxEntries, maxBytes int) *lru[V] {
	c := &lru[V]{maxEntries: maxEntries, maxBytes: maxBytes, index: make(map[string]*lruNode[V])}
	c.head.next, c.head.prev = &c.head, &c.head
	return c
}

// get returns the value stored under key. It does not allocate.
func (c *lru[V]) get(key []byte) (V, bool) {
	n, ok := c.index[string(key)]
	if !ok {
		var zero V
		return zero, false
	}
	c.unlink(n)
	c.pushFront(n)
	return n.value, true
}

// put stores value under a copy of key, evicting the least recently used
// entries beyond the bounds. A key larger than the byte bound is not kept.
func (c *lru[V]) put(key []byte, value V) {
	if len(key) > c.maxBytes {
		return
	}
	if n, ok := c.index[string(key)]; ok {
		n.value = value
		c.unlink(n)
		c.pushFront(n)
		return
	}
	n := &lruNode[V]{key: string(key), value: value}
	c.index[n.key] = n
	c.pushFront(n)
	c.bytes += len(n.key)
	for len(c.index) > c.maxEntries || c.bytes > c.maxBytes {
		oldest := c.head.prev
		c.unlink(oldest)
		delete(c.index, oldest.key)
		c.bytes -= len(oldest.key)
	}
}

func (c *lru[V]) len() int { return len(c.index) }

func (c *lru[V]) unlink(n *lruNode[V]) {
	n.prev.next, n.next.prev = n.next, n.prev
}

func (c *lru[V]) pushFront(n *lruNode[V]) {
	n.prev, n.next = &c.head, c.head.next
	c.head.next.prev = n
	c.head.next = n
}
