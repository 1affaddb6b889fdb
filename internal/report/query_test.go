package report_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/datelinehq/dateline/internal/report"
	"github.com/paulmach/orb"
)

func TestEventFilterSearchIsBounded(t *testing.T) {
	f := report.EventFilter{Q: strings.Repeat("Raqqa raqqa RAQQA ", 300) + "Mosul"}
	if err := f.Normalize(); err == nil {
		t.Errorf("a q of %d bytes is accepted", len(f.Q))
	}
	f = report.EventFilter{Q: strings.TrimSpace(strings.Repeat("Raqqa raqqa ", 40)) + " Mosul  Raqqa"}
	if err := f.Normalize(); err != nil || f.Q != "Raqqa Mosul" {
		t.Errorf("repeated words: %q, %v; want %q", f.Q, err, "Raqqa Mosul")
	}
	var words []string
	for i := range report.MaxQWords + 1 {
		words = append(words, strings.Repeat("w", i+1))
	}
	f = report.EventFilter{Q: strings.Join(words, " ")}
	if err := f.Normalize(); report.ErrorKind(err) != report.Invalid || !strings.Contains(err.Error(), "33 different words") {
		t.Errorf("33 words: %v", err)
	}
	f = report.EventFilter{Q: strings.Join(words[:report.MaxQWords], " ")}
	if err := f.Normalize(); err != nil {
		t.Errorf("32 words: %v", err)
	}
}

func TestEventFilterLatitudes(t *testing.T) {
	for _, b := range []orb.Bound{{Min: orb.Point{0, -100}, Max: orb.Point{10, 10}}, {Min: orb.Point{0, 0}, Max: orb.Point{10, 90.5}}} {
		f := report.EventFilter{BBox: &b}
		if err := f.Normalize(); report.ErrorKind(err) != report.Invalid {
			t.Errorf("bbox %v: %v, want Invalid", b, err)
		}
	}
	world := orb.Bound{Min: orb.Point{-200, -90}, Max: orb.Point{200, 90}}
	f := report.EventFilter{BBox: &world}
	if err := f.Normalize(); err != nil || f.BBox != nil {
		t.Errorf("a map zoomed out past the world: %v, %v", f.BBox, err)
	}
}

func TestEventFilterAntimeridian(t *testing.T) {
	for _, c := range []struct {
		in    orb.Bound
		boxes []orb.Bound
	}{
		{orb.Bound{Min: orb.Point{170, -20}, Max: orb.Point{-170, 10}}, []orb.Bound{
			{Min: orb.Point{170, -20}, Max: orb.Point{180, 10}}, {Min: orb.Point{-180, -20}, Max: orb.Point{-170, 10}}}},
		{orb.Bound{Min: orb.Point{170, -20}, Max: orb.Point{190, 10}}, []orb.Bound{ // a map's copy of the world
			{Min: orb.Point{170, -20}, Max: orb.Point{180, 10}}, {Min: orb.Point{-180, -20}, Max: orb.Point{-170, 10}}}},
		{orb.Bound{Min: orb.Point{-190, -20}, Max: orb.Point{-175, 10}}, []orb.Bound{
			{Min: orb.Point{170, -20}, Max: orb.Point{180, 10}}, {Min: orb.Point{-180, -20}, Max: orb.Point{-175, 10}}}},
		{orb.Bound{Min: orb.Point{190, -20}, Max: orb.Point{200, 10}}, []orb.Bound{{Min: orb.Point{-170, -20}, Max: orb.Point{-160, 10}}}},
		{orb.Bound{Min: orb.Point{10, -20}, Max: orb.Point{20, 10}}, []orb.Bound{{Min: orb.Point{10, -20}, Max: orb.Point{20, 10}}}},
	} {
		b := c.in
		f := report.EventFilter{BBox: &b}
		if err := f.Normalize(); err != nil {
			t.Errorf("%v: %v", c.in, err)
			continue
		}
		if got := f.Boxes(); !reflect.DeepEqual(got, c.boxes) {
			t.Errorf("%v: boxes %v, want %v", c.in, got, c.boxes)
		}
	}
	if boxes := (report.EventFilter{}).Boxes(); boxes != nil {
		t.Errorf("no bbox: %v", boxes)
	}
}
