// Package corpus is the record edge of kutip: it reads article collections
// (Reader: JSONL, plain or gzip, and text files with one article each), runs
// the pipeline on each record (Annotator: one raw record in, one output line
// out, an error record for a record that cannot be annotated), writes the
// output contract of ../spec/output.md (Encoder: character offsets, the one
// writer of its JSON) and runs a whole input in parallel in input order
// (Extract). kutip extract, extract --db, kutip eval and programs of their
// own all annotate through an Annotator. The language is the pipeline's;
// corpus deals with records and formats.
package corpus
