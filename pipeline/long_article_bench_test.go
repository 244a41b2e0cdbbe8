package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kutip/kutip/gazetteer"
)

// syntheticArticle returns one invented article of at least size bytes in
// which thousands of people are introduced with a title, quoted, and quoted
// again by a part of their name: what makes a speaker search scan the whole
// document if it is not indexed.
func syntheticArticle(size int) string {
	first := []string{"Budi", "Sari", "Rina", "Agus", "Dewi", "Hendra", "Wati", "Joko", "Ika", "Tono", "Lina", "Eko"}
	middle := []string{"Wahyu", "Putra", "Sinta", "Adi", "Nur", "Cahya", "Bayu", "Fitri", "Indra", "Maya"}
	last := []string{"Santoso", "Hartono", "Marlina", "Saputra", "Wibowo", "Lestari", "Gunawan", "Pratama", "Susanti", "Kurniawan", "Setiadi"}
	titles := []string{"Kepala Dinas Pertanian", "Ketua Koperasi Tani", "Direktur Utama", "Juru bicara kepolisian", "Wakil Bupati"}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		name := fmt.Sprintf("%s %s %s", first[i%len(first)], middle[(i/len(first))%len(middle)], last[(i/(len(first)*len(middle)))%len(last)])
		short := name[strings.LastIndexByte(name, ' ')+1:]
		fmt.Fprintf(&b, "%s %s meninjau lokasi pada hari ke-%d. \"Harga gabah naik dan stok cukup untuk bulan depan,\" kata %s kepada wartawan.\n\n", titles[i%len(titles)], name, i, name)
		fmt.Fprintf(&b, "Menurut %s, pasokan akan dipantau setiap pekan. \"Kami tidak akan membiarkan harga melonjak,\" ujar %s.\n\n", short, short)
	}
	return b.String()
}

// BenchmarkLongArticle shows that the whole pipeline stays linear in the
// length of one article: the time per byte must not grow with the size.
func BenchmarkLongArticle(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	p := Standard(g)
	for _, mb := range []int{1, 2, 4, 8} {
		text := syntheticArticle(mb << 20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for range b.N {
				if err := p.Process(context.Background(), NewDocument("", text)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLongArticleStages measures each stage alone on the articles of
// BenchmarkLongArticle, as BenchmarkStages does on news articles: a stage
// whose MB/s fall as the article grows is the one that is not linear.
//
//	go test ./pipeline -run '^$' -bench LongArticleStages -benchmem
func BenchmarkLongArticleStages(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, mb := range []int{1, 8} {
		text := syntheticArticle(mb << 20)
		in := NewDocument("", text) // each stage's input: the article as the stages before it leave it
		for _, stage := range Standard(g) {
			b.Run(fmt.Sprintf("%dMB/%s", mb, stage.Name()), func(b *testing.B) {
				var doc Document
				run := func() {
					doc.restore(in)
					if err := stage.Process(ctx, &doc); err != nil {
						b.Fatal(err)
					}
				}
				run() // fills the scratch tables and builds the gazetteer's spelling model
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					run()
				}
			})
			if err := stage.Process(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	}
}
