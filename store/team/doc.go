// Package team is Kontor's team server adapter: the PostgreSQL schema and its
// migrations, roles and row-level security (schema/*.sql, server.go), the
// local file's outbox and sync state (local.go), push and pull (push.go,
// pull.go, apply.go), joining and publishing (join.go), and Service, which
// implements domain.TeamService over them. It talks to PostgreSQL with pgx;
// the ui knows only the domain interface.
//
// One table spec (spec.go) drives everything: for each synced table its local
// and server names, its columns and how their values travel (references as
// the referenced row's uid), the account a row belongs to, and the natural key
// an existing file's rows are matched by when it joins. The next issue's
// documents (quotes, orders, invoices, payments) are more specs on the same
// machinery; append-only ones (invoices, payments) simply never send updates.
//
// Who may see and change what is enforced by PostgreSQL alone (roles, column
// privileges, row-level security); the client trusts nothing it does itself.
//
// How a round works:
//
//   - Local changes: SQLite triggers generated from the spec (installed when
//     the file joins) record each change in the same transaction as the
//     change. A delete or a new row goes into team_outbox with the row's
//     synced fields; an edit keeps the row's fields as the server had them in
//     the row itself (team_old), and a new activity is simply the row without
//     a uid (kept.go); documents are marked dirty (dirty.go). Before a push or
//     a pull, materialise turns all of it into changes in team_outbox, each
//     the row's synced fields before and after. Writes of pulled rows are
//     marked (team_applying) and not recorded.
//   - Push: one server transaction as the person's own role. It takes the
//     team's head row first (kontor.begin_push), so writers always lock in
//     the same order. Each change runs in a savepoint and merges field by
//     field against the row read FOR NO KEY UPDATE: a field the server still
//     has at the change's old value takes the new one; one the server changed
//     too keeps the server's value and the local one becomes a conflict. A
//     change the server refuses rolls back alone and is set aside locally
//     with its reason (the row is fetched again). Every change gets a receipt
//     in the same transaction, so a push repeated after a timeout or kill -9
//     applies nothing twice and reports the same outcome.
//   - Cursor: every logged server write takes the next seq from kontor.head
//     and stamps the row's rev; holding that row until commit makes seq order
//     commit order. A pull reads the head and every row with rev > cursor in
//     one REPEATABLE READ snapshot, so no later-committing transaction can be
//     skipped. Deletions and reassignments come from the change log (its
//     owners column lets the previous owner see that an account left).
//   - Pull: rows are written in one local transaction, per table, many at
//     once through a temporary table; a field with a local change waiting is
//     left for the push to decide. An account new to the file (reassigned to
//     the person) is fetched whole; one that left is removed once its waiting
//     changes are pushed.
package team
