package views

// ErrorPage is an error for people: its HTTP status, its message in the page's language, and
// the id of the request, which the log has with the real error.
type ErrorPage struct {
	Status    int
	Message   string
	RequestID string
}
