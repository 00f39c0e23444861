package data

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error so callers can react without reading its text.
type Code string

// Error codes.
const (
	CodeInvalid   Code = "invalid"
	CodeNotFound  Code = "not_found"
	CodeConflict  Code = "conflict"
	CodeForbidden Code = "forbidden"
	CodeInternal  Code = "internal"
)

// FieldError names one invalid field and the message key that explains why.
type FieldError struct {
	Field string
	Key   string
	Args  map[string]any
}

// Error is the store's error: a code, a translatable message key with its
// arguments, and for invalid input the list of fields at fault.
type Error struct {
	Code   Code
	Key    string
	Args   map[string]any
	Fields []FieldError
	Err    error // the underlying cause, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	b.WriteString(": ")
	b.WriteString(e.Key)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Key)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Field returns the first error recorded for the named field, or nil.
func (e *Error) Field(name string) *FieldError {
	for i := range e.Fields {
		if e.Fields[i].Field == name {
			return &e.Fields[i]
		}
	}
	return nil
}

// Errorf builds an Error with a code and a message key.
func Errorf(code Code, key string, args map[string]any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// ErrorCode returns the code of err, CodeInternal for foreign errors and ""
// for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// AsError returns err as *Error, wrapping foreign errors as internal ones.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: CodeInternal, Key: "error.internal", Err: err}
}

// FieldErrors collects field errors during validation.
type FieldErrors struct {
	Key    string
	fields []FieldError
}

func (v *FieldErrors) Add(field, key string, args map[string]any) {
	if v.has(field) {
		return // the first problem of a field is the one to show
	}
	v.fields = append(v.fields, FieldError{Field: field, Key: key, Args: args})
}

func (v *FieldErrors) has(field string) bool {
	for _, f := range v.fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// line adds the problem of a one-line field's characters: control
// characters, or invisible ones (see Invisible).
func (v *FieldErrors) line(field, val string) {
	if !SingleLine(val) {
		v.Add(field, "field.control", nil)
	} else if Invisible(val) {
		v.Add(field, "field.invisible", nil)
	}
}

func (v *FieldErrors) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Key: v.Key, Fields: v.fields}
}

// ErrorKey returns the message key of a *Error, or "" for any other error.
func ErrorKey(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}
