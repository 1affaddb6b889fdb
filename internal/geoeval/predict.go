package geoeval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Geoparser is what Predict needs: the `dateline geoparse --jsonl` contract as a method.
type Geoparser interface {
	JSONL(in io.Reader, out io.Writer) error
}

// Predict runs g on the gold documents' id, date and text, and reads back its predictions.
func Predict(g Geoparser, gold []GoldDoc) (map[string][]Pred, error) {
	var in, out bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, d := range gold {
		if err := enc.Encode(map[string]string{"id": d.ID, "date": d.Date, "text": d.Text}); err != nil {
			return nil, err
		}
	}
	if err := g.JSONL(&in, &out); err != nil {
		return nil, fmt.Errorf("geoeval: geoparse: %w", err)
	}
	return ReadPreds(&out)
}
