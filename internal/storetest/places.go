package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func testGetPlace(t *testing.T, s Store) {
	seed(t, s)
	tests := []struct {
		p        report.Place
		count    int
		from, to time.Time
	}{
		{paris, 2, day(2022, 3, 1), day(2022, 3, 17)},
		{lyon, 2, day(2022, 3, 1), day(2022, 4, 1)}, // the undated event counts but has no dates
		{nairobi, 1, day(2021, 1, 1), day(2022, 1, 1)},
	}
	for _, tt := range tests {
		got, err := s.GetPlace(t.Context(), tt.p.ID)
		want := report.PlaceSummary{Place: tt.p, Count: tt.count, From: tt.from, To: tt.to}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("GetPlace(%s) = %+v, %v; want %+v", tt.p.Name, got, err, want)
		}
	}
	_, err := s.GetPlace(t.Context(), 2658009) // only a mention that is not a place
	wantKind(t, "GetPlace(Will)", err, report.NotFound)
}
