package store

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// The export formats of quotes, one for kutip quotes --format and the web
// view's downloads alike.

// CSVHeader names the columns of CSVRecord.
var CSVHeader = []string{"date", "outlet", "article", "speaker", "speaker_id", "speaker_as_written", "sources", "source_ids",
	"kind", "confidence", "cue", "start", "end", "text", "url", "title"}

// CSVRecord is q as a row of CSVHeader's columns.
func CSVRecord(q Quote) []string {
	var speaker Ref
	if q.Speaker != nil {
		speaker = *q.Speaker
	}
	names, ids := JoinNames(q.Sources)
	return []string{q.Date, q.Outlet, q.Article, speaker.Name, speaker.ID, speaker.Text, names, ids, q.Kind,
		strconv.FormatFloat(q.Confidence, 'f', -1, 64), q.Cue, strconv.Itoa(q.Start), strconv.Itoa(q.End), q.Text, q.URL, q.Title}
}

// WriteCSV writes quotes as CSV with a header row.
func WriteCSV(w io.Writer, quotes []Quote) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for _, q := range quotes {
		cw.Write(CSVRecord(q))
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSONL writes quotes as JSON lines of the Quote shape; a quote
// without sources has "sources": [].
func WriteJSONL(w io.Writer, quotes []Quote) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, q := range quotes {
		if q.Sources == nil {
			q.Sources = []Ref{}
		}
		if err := enc.Encode(q); err != nil {
			return err
		}
	}
	return nil
}

// JoinNames joins the names and the ids of refs with "; ".
func JoinNames(refs []Ref) (names, ids string) {
	var n, id []string
	for _, r := range refs {
		n = append(n, r.Name)
		id = append(id, r.ID)
	}
	return strings.Join(n, "; "), strings.Join(id, "; ")
}
