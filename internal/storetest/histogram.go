package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/datelinehq/dateline/internal/report"
)

func testHistogram(t *testing.T, s Store) {
	seed(t, s)
	type bins = []report.Bin
	bin := func(y int, m time.Month, d, n int) report.Bin { return report.Bin{Start: day(y, m, d), Count: n} }
	tests := []struct {
		name string
		f    report.EventFilter
		size report.BinSize
		want bins
	}{
		{"days", report.EventFilter{}, report.BinDay, bins{
			bin(2021, 1, 1, 1), bin(2021, 2, 28, 1), bin(2022, 2, 28, 1), bin(2022, 3, 1, 2), bin(2022, 3, 14, 1), bin(2022, 3, 16, 1)}},
		{"weeks from Monday", report.EventFilter{}, report.BinWeek, bins{
			bin(2020, 12, 28, 1), bin(2021, 2, 22, 1), bin(2022, 2, 28, 3), bin(2022, 3, 14, 2)}},
		{"months", report.EventFilter{}, report.BinMonth, bins{
			bin(2021, 1, 1, 1), bin(2021, 2, 1, 1), bin(2022, 2, 1, 1), bin(2022, 3, 1, 4)}},
		{"filtered", report.EventFilter{Country: "FR"}, report.BinDay, bins{bin(2022, 3, 1, 2), bin(2022, 3, 16, 1)}},
		{"bbox and range", report.EventFilter{BBox: europe, From: day(2022, 3, 10)}, report.BinMonth, bins{bin(2022, 3, 1, 3)}},
		{"nothing", report.EventFilter{Q: "nowhere"}, report.BinDay, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Histogram(t.Context(), tt.f, tt.size)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Histogram = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
