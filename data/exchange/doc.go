// Package exchange reads what a studio brings from elsewhere: spreadsheets
// (CSV in any of the usual encodings and separators), the guess of which
// column holds which field, and the plan that checks every line before
// package sqlstore stores the clients.
package exchange
