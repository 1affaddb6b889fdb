package report

import (
	"errors"
	"fmt"
)

// Kind classifies a domain error; the web layer maps it to an HTTP status.
type Kind string

const (
	Invalid     Kind = "invalid"     // the input is wrong: 400/422
	NotFound    Kind = "not_found"   // 404
	Conflict    Kind = "conflict"    // 409
	TooLarge    Kind = "too_large"   // 413
	Internal    Kind = "internal"    // 500: the message is not for users
	Unsupported Kind = "unsupported" // 415
)

// Error is a domain error with a message meant for users.
type Error struct {
	Kind    Kind
	Message string
	Err     error // the cause, for logs; may be nil
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an Error of the given kind.
func Errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// ErrorKind returns the Kind of the first *Error in err's chain, Internal if there is none.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// ErrorMessage returns the user-facing message of err, or "internal error" when err is not a domain error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind != Internal {
		return e.Message
	}
	return "internal error"
}
