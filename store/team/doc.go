// Package team is Kontor's team server adapter: the PostgreSQL schema and its
// migrations, roles and row-level security (schema/*.sql, server.go), the
// local file's outbox and sync state (local.go), push and pull (push.go,
// pull.go), joining and publishing, and Service, which implements
// domain.TeamService over them. It talks to PostgreSQL with pgx; the ui knows
// only the domain interface.
//
// One table spec (spec.go) drives everything: for each synced table its local
// and server names, its columns and how their values travel (references as
// the referenced row's uid), the account a row belongs to, and the natural key
// an existing file's rows are matched by when it joins. The next issue's
// documents (quotes, orders, invoices, payments) are more specs on the same
// machinery.
//
// Who may see and change what is enforced by PostgreSQL alone (roles, column
// privileges, row-level security); the client trusts nothing it does itself.
package team
