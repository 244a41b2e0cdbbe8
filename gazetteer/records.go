package gazetteer

import (
	"slices"
	"strings"
	"sync/atomic"
)

// A Gazetteer keeps its entries as records that hold no pointers: their
// strings are ranges of one string, and an *Entry is made only for an entry
// that is asked for (matched, looked up), once. The garbage collector, which
// marks the live heap again and again while articles are annotated, then has
// next to nothing to mark in a gazetteer of a million entries, where a slice
// of Entry held nine pointers an entry and a slice of aliases each.

// span is a string held as the range [start, end) of Gazetteer.strs.
type span struct{ start, end uint32 }

// record is an entry as the gazetteer keeps it.
type record struct {
	id, name, label, kind, parent, description, source span
	aliases                                            span // of Gazetteer.aliases
	line                                               uint32
	caseless, builtin                                  bool
}

// compiler builds a gazetteer's records from entries added one at a time,
// so that a reader can hand over its rows without a slice of them all. An
// entry whose id an earlier one has replaces it, where the earlier stood.
type compiler struct {
	g *Gazetteer
	b strings.Builder // the strings of the records so far
	// Labels, kinds, parents and file names repeat: each is kept once.
	interned map[string]span
	// The entries of a file or a pattern come one after another, mostly with
	// the label, kind, parent and file name of the last: each field's last
	// string, compared, spares most lookups in interned.
	lastLabel, lastKind, lastParent, lastSource internedString
}

// internedString is a string that a compiler has interned, and its span.
type internedString struct {
	s  string
	sp span
	ok bool // s has been interned: the zero value holds none
}

func newCompiler() *compiler {
	return &compiler{g: &Gazetteer{}, interned: make(map[string]span)}
}

var _ entrySink = (*compiler)(nil)

// reserve makes room for n more entries whose strings take about size bytes.
func (c *compiler) reserve(n, size int) {
	c.g.records = slices.Grow(c.g.records, n)
	c.b.Grow(size)
	c.growIDs(len(c.g.records) + n)
}

// growIDs makes the id index hold n entries at most three quarters full.
func (c *compiler) growIDs(n int) {
	if n <= len(c.g.ids.slots)*3/4 {
		return
	}
	ids := newIDIndex(max(n, 2*len(c.g.records)))
	for i := range c.g.records {
		slot, tag := ids.find(c.idOf, c.idOf(i))
		ids.slots[slot] = tag | uint64(i+1)
	}
	c.g.ids = ids
}

func (c *compiler) idOf(i int) string {
	id := c.g.records[i].id
	return c.b.String()[id.start:id.end]
}

func (c *compiler) put(s string) span {
	start := c.b.Len()
	c.b.WriteString(s)
	return span{uint32(start), uint32(c.b.Len())}
}

func (c *compiler) intern(s string) span {
	sp, ok := c.interned[s]
	if !ok {
		sp = c.put(s)
		c.interned[s] = sp
	}
	return sp
}

// internAfter interns s, a field's string, whose last is the field's last.
func (c *compiler) internAfter(last *internedString, s string) span {
	if !last.ok || last.s != s {
		*last = internedString{s, c.intern(s), true}
	}
	return last.sp
}

// add adds a copy of e, filling in its id from its name if it has none; an
// entry without a name is skipped.
func (c *compiler) add(e *Entry) {
	if e.Name == "" {
		return
	}
	if e.ID == "" {
		e.ID = Slug(e.Name)
	}
	g := c.g
	c.growIDs(len(g.records) + 1)
	slot, tag := g.ids.find(c.idOf, e.ID)
	r := record{
		id: c.put(e.ID), name: c.put(e.Name), description: c.put(e.Description),
		label: c.internAfter(&c.lastLabel, string(e.Label)), kind: c.internAfter(&c.lastKind, e.Kind),
		parent: c.internAfter(&c.lastParent, e.Parent), source: c.internAfter(&c.lastSource, e.Source),
		line: uint32(e.Line), caseless: e.Caseless, builtin: e.builtin,
	}
	r.aliases.start = uint32(len(g.aliases))
	for _, a := range e.Aliases {
		g.aliases = append(g.aliases, c.put(a))
	}
	r.aliases.end = uint32(len(g.aliases))
	if p := uint32(g.ids.slots[slot]); p != 0 {
		g.records[p-1] = r
		return
	}
	g.records = append(g.records, r)
	g.ids.slots[slot] = tag | uint64(len(g.records))
}

// finish indexes the records and returns the gazetteer.
func (c *compiler) finish() *Gazetteer {
	g := c.g
	g.strs = c.b.String()
	g.buildIndex()
	// After the index, so that the collections while it is built need not
	// look at a million empty pointers.
	g.made = make([]atomic.Pointer[Entry], len(g.records))
	return g
}

// str returns the string s spans.
func (g *Gazetteer) str(s span) string { return g.strs[s.start:s.end] }

// idOf returns the id of entry i.
func (g *Gazetteer) idOf(i int) string { return g.str(g.records[i].id) }

// aliasesOf returns the aliases of entry i.
func (g *Gazetteer) aliasesOf(i uint32) []span {
	r := &g.records[i]
	return g.aliases[r.aliases.start:r.aliases.end]
}

// entry returns entry i, made on its first call.
func (g *Gazetteer) entry(i uint32) *Entry {
	p := &g.made[i]
	if e := p.Load(); e != nil {
		return e
	}
	r := &g.records[i]
	e := &Entry{
		ID:          g.str(r.id),
		Name:        g.str(r.name),
		Label:       Label(g.str(r.label)),
		Kind:        g.str(r.kind),
		Parent:      g.str(r.parent),
		Description: g.str(r.description),
		Caseless:    r.caseless,
		Source:      g.str(r.source),
		Line:        int(r.line),
		builtin:     r.builtin,
	}
	if aliases := g.aliasesOf(i); len(aliases) > 0 {
		e.Aliases = make([]string, len(aliases))
		for k, a := range aliases {
			e.Aliases[k] = g.str(a)
		}
	}
	if p.CompareAndSwap(nil, e) {
		return e
	}
	return p.Load() // another goroutine made it first
}
