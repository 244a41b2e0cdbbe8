// Package eval scores `kutip extract` output against gold data with exactly
// the figures of the project's reference Python scorers (score_ner.py,
// score_quotes.py) and converts CoNLL files as conll_to_jsonl.py does.
// PredictEntities and PredictQuotes score kutip itself without a round trip
// through its output: they read the Annotator's documents as the scorers
// read the output, in characters and with the confidence it writes.
//
// The readers accept what the Python accepts and behave the same on it. Where
// the Python would crash on a malformed record they return an error naming
// file:line instead, and they check every record up front, even one Python
// would never reach (a prediction for an id not in the gold, or a quote it
// would never match).
package eval
