// Package domain is Kontor's vocabulary: the entities of B2B trade (accounts,
// contacts, …), their value types and validation rules, the service interfaces
// the store implements and the ui consumes, and coded errors.
//
// It imports only the standard library and shopspring/decimal, so every rule here
// is testable without a database or a window.
package domain
