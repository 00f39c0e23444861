// Package data is the studio's domain: clients, contracts and their terms,
// money in cents, dates, goodwill, demands and their states, documents,
// staff and roles, settings, validation and the error codes every layer
// shares. It imports no database and no driver; the records themselves are
// kept by package sqlstore, the files beside them by package disk.
package data
