package cli

import (
	"testing"

	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

func BenchmarkZZStages(b *testing.B) {
	g, _ := gazetteer.Default()
	base := pipeline.Pipeline{pipeline.Normalize{}, pipeline.Tokenize{}, pipeline.Segment{}}
	ent := append(append(pipeline.Pipeline{}, base...), &pipeline.Entities{Gazetteer: g})
	b.Run("base", func(b *testing.B) { benchExtract(b, base, 1) })
	b.Run("entities", func(b *testing.B) { benchExtract(b, ent, 1) })
}
