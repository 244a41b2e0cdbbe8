package gazetteer

import (
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
	// aliasEnd ends the entry's aliases in Gazetteer.aliases; they start
	// where the previous record's end.
	aliasEnd          uint32
	line              uint32
	caseless, builtin bool
}

// compile turns the chosen entries into records.
func (g *Gazetteer) compile(chosen []*Entry) {
	size, aliases := 0, 0
	for _, e := range chosen {
		size += len(e.ID) + len(e.Name) + len(e.Description)
		for _, a := range e.Aliases {
			size += len(a)
		}
		aliases += len(e.Aliases)
	}
	var b strings.Builder
	b.Grow(size + 4096) // and the few distinct labels, kinds, parents, sources
	put := func(s string) span {
		start := b.Len()
		b.WriteString(s)
		return span{uint32(start), uint32(b.Len())}
	}
	// Labels, kinds, parents and file names repeat: each is kept once.
	interned := make(map[string]span)
	intern := func(s string) span {
		sp, ok := interned[s]
		if !ok {
			sp = put(s)
			interned[s] = sp
		}
		return sp
	}
	g.records = make([]record, len(chosen))
	g.aliases = make([]span, 0, aliases)
	for i, e := range chosen {
		r := &g.records[i]
		r.id, r.name, r.description = put(e.ID), put(e.Name), put(e.Description)
		r.label, r.kind, r.parent, r.source = intern(string(e.Label)), intern(e.Kind), intern(e.Parent), intern(e.Source)
		for _, a := range e.Aliases {
			g.aliases = append(g.aliases, put(a))
		}
		r.aliasEnd = uint32(len(g.aliases))
		r.line = uint32(e.Line)
		r.caseless, r.builtin = e.Caseless, e.builtin
	}
	g.strs = b.String()
	g.made = make([]atomic.Pointer[Entry], len(chosen))
}

// str returns the string s spans.
func (g *Gazetteer) str(s span) string { return g.strs[s.start:s.end] }

// idOf returns the id of entry i.
func (g *Gazetteer) idOf(i int) string { return g.str(g.records[i].id) }

// aliasesOf returns the aliases of entry i.
func (g *Gazetteer) aliasesOf(i uint32) []span {
	start := uint32(0)
	if i > 0 {
		start = g.records[i-1].aliasEnd
	}
	return g.aliases[start:g.records[i].aliasEnd]
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
