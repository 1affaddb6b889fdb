package views

import (
	"strconv"
	"strings"
)

// kindLabel names a place kind for readers.
func kindLabel(kind string) string {
	switch kind {
	case "place":
		return "town"
	case "admin":
		return "province"
	case "country":
		return "country"
	case "region":
		return "region"
	}
	return kind
}

func orUndated(date string) string {
	if date == "" {
		return "undated"
	}
	return date
}

func orUntitled(title string) string {
	if title == "" {
		return "Untitled report"
	}
	return title
}

func mentionAnchor(id int64) string { return "m-" + strconv.FormatInt(id, 10) }

func joinComma(s []string) string { return strings.Join(s, ", ") }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func placesCount(n int) string {
	if n == 1 {
		return "1 place"
	}
	return strconv.Itoa(n) + " places"
}
