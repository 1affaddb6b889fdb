package views

import (
	"context"
	"strconv"
	"strings"
)

func orUntitled(ctx context.Context, title string) string {
	if title == "" {
		return tr(ctx, "Untitled report")
	}
	return title
}

func mentionAnchor(id int64) string { return "m-" + strconv.FormatInt(id, 10) }

func joinComma(s []string) string { return strings.Join(s, ", ") }
