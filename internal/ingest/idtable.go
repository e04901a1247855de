package ingest

import "math/bits"

// idTable maps video ids to post indexes. It is a plain open-addressing table in one array,
// half empty, so that an id costs one cache line: Go's map spent a third of CSV ingest's time
// on a million ids, setting up its control words and then reading a control word and a slot
// per probe.
type idTable struct {
	slots []idSlot
	shift uint // 64 - log2(len(slots)): the hash is the top bits of id × a 64-bit odd constant
}

type idSlot struct {
	id  uint64
	pos int32 // the post's index + 1; 0 marks an empty slot
}

func newIDTable(n int) *idTable {
	size := max(16, 1<<bits.Len(uint(2*n))) // at least 2n: a probe rarely goes past its slot
	return &idTable{slots: make([]idSlot, size), shift: uint(64 - bits.Len(uint(size-1)))}
}

// add returns the index stored for id and true, or stores pos for it and returns false.
func (t *idTable) add(id uint64, pos int32) (int32, bool) {
	mask := uint64(len(t.slots) - 1)
	for h := (id * 0x9e3779b97f4a7c15) >> t.shift; ; h = (h + 1) & mask {
		s := &t.slots[h]
		switch {
		case s.pos == 0:
			s.id, s.pos = id, pos+1
			return pos, false
		case s.id == id:
			return s.pos - 1, true
		}
	}
}
