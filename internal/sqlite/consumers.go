package sqlite

import (
	"github.com/datelinehq/dateline/internal/demo"
	"github.com/datelinehq/dateline/internal/web"
)

// Store is what its consumers ask for.
var (
	_ web.ReportStore = (*Store)(nil)
	_ web.EventStore  = (*Store)(nil)
	_ demo.Store      = (*Store)(nil)
)
