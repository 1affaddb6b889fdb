// Package assets embeds the files browsers load: our CSS and JavaScript in static/, and the
// front-end libraries make copies from npm into vendor/ (gitignored; run `make vendor` first).
package assets

import "embed"

// FS holds static/ and vendor/, served under /assets/.
//
//go:embed all:vendor static
var FS embed.FS
