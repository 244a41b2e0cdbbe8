package gazetteer

import "math/bits"

// idIndex finds entries by id: an open-addressing table of 1 + the entry's
// index, hashed by the id. At 4 bytes a slot it is a tenth of the size of a
// map from id to index, which mattered for a million entries.
type idIndex struct {
	slots []uint32
}

// newIDIndex returns an index with room for n entries.
func newIDIndex(n int) idIndex { return idIndex{slots: make([]uint32, n*4/3+16)} }

// find returns the slot of id: the one holding its entry, or the empty one
// where it would go.
func (x *idIndex) find(idOf func(int) string, id string) int {
	n := len(x.slots)
	hi, _ := bits.Mul64(tokenHash(id)*0x9e3779b97f4a7c15, uint64(n))
	for i := int(hi); ; {
		if s := x.slots[i]; s == 0 || idOf(int(s)-1) == id {
			return i
		}
		if i++; i == n {
			i = 0
		}
	}
}

// get returns the index in entries of the entry with the given id.
func (x *idIndex) get(idOf func(int) string, id string) (int, bool) {
	if len(x.slots) == 0 {
		return 0, false // the zero Gazetteer
	}
	s := x.slots[x.find(idOf, id)]
	return int(s) - 1, s != 0
}
