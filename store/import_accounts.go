package store

import (
	"context"
	"database/sql"
	"time"

	"kontor/domain"
	"kontor/store/xfer"
)

// ImportAccounts creates or updates the accounts of a file by code, all or
// nothing. A head office named in the same file is found whatever the row
// order; an unknown one, or a chain that would loop (within the file or
// through stored accounts), is a problem on the row. Columns the file lacks
// keep their stored values on update and take defaults on create. On failure
// the error is xfer.Errors listing every bad row, and nothing is written.
func (t *Transfer) ImportAccounts(ctx context.Context, f *xfer.AccountFile) (ImportSummary, error) {
	return importPlanned(ctx, t, xfer.AccountSchema, f.Errs, func(tx *sql.Tx) (*accountPlan, error) {
		return checkAccounts(ctx, tx, f)
	})
}

// accountItem is one row of the file on its way into the database.
type accountItem struct {
	rec     *xfer.AccountRecord
	old     *domain.Account      // nil: the row creates an account
	fields  domain.AccountFields // stored (or default) fields with the file's columns applied, validated
	parent  accountNode          // the head office the row ends up with
	chainOK bool                 // its chain of head offices was walked to the top
	id      int64                // the stored id, or the one it will get
}

// accountNode is an account in the head office graph: a row of the file, or a
// stored account the file does not mention. Zero is "no head office".
type accountNode struct {
	item *accountItem
	id   int64
}

func (n accountNode) none() bool { return n.item == nil && n.id == 0 }

type accountPlan struct {
	file   *xfer.AccountFile
	items  []*accountItem
	byCode map[string]*accountItem // every row with a code, bad ones too
	stored map[string]int64        // code key → id of every stored account
	errs   xfer.Errors
}

func (p *accountPlan) problems() xfer.Errors { return p.errs }

func checkAccounts(ctx context.Context, tx *sql.Tx, f *xfer.AccountFile) (*accountPlan, error) {
	p := &accountPlan{file: f, byCode: make(map[string]*accountItem, len(f.Records))}
	for i := range f.Records {
		it := &accountItem{rec: &f.Records[i]}
		p.items = append(p.items, it)
		if c := it.rec.Fields.Code; c != "" {
			p.byCode[domain.CodeKey(c)] = it
		}
	}
	// One pass over the code index tells which rows update an account; only
	// those are read in full.
	var err error
	if p.stored, err = storedCodes(ctx, tx); err != nil {
		return nil, err
	}
	find, err := tx.PrepareContext(ctx, `SELECT `+accountColumns+accountFrom+`WHERE a.id = ?`)
	if err != nil {
		return nil, err
	}
	defer find.Close()
	// Merge and validate every row first: parents are resolved against the
	// final fields of every row. Rows with unreadable cells are checked too
	// (their problems are deduplicated later), so every problem of every row is
	// listed in one go.
	for _, it := range p.items {
		if err := p.merge(ctx, find, it); err != nil {
			return nil, err
		}
	}
	g := &accountGraph{ctx: ctx, plan: p, cache: map[int64]accountNode{}}
	if g.parentOf, err = tx.PrepareContext(ctx, `SELECT coalesce(p.id, 0), coalesce(p.code, '')
		FROM accounts a LEFT JOIN accounts p ON p.id = a.parent_id WHERE a.id = ?`); err != nil {
		return nil, err
	}
	defer g.parentOf.Close()
	for _, it := range p.items {
		if err := g.resolve(it); err != nil {
			return nil, err
		}
	}
	for _, it := range p.items {
		if err := g.checkChain(it); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// merge loads the stored account of the row's code, applies the file's columns
// and validates the result.
func (p *accountPlan) merge(ctx context.Context, find *sql.Stmt, it *accountItem) error {
	it.fields = domain.NewAccountFields()
	if id, ok := p.stored[domain.CodeKey(it.rec.Fields.Code)]; ok {
		old, err := scanAccount(find.QueryRowContext(ctx, id))
		if err != nil {
			return err
		}
		it.old, it.fields, it.id = old, old.AccountFields, id
	}
	p.file.Apply(&it.fields, it.rec)
	if it.old != nil {
		it.fields.Code = it.old.Code // the key matched case-insensitively; the stored spelling stays
	}
	if err := it.fields.Validate(); err != nil {
		errs, err := rowErrs(p.file.File, it.rec.Line, err)
		if err != nil {
			return err
		}
		p.fail(errs...)
	}
	return nil
}

func (p *accountPlan) fail(errs ...xfer.RowError) {
	p.errs = append(p.errs, errs...)
}

func (p *accountPlan) parentProblem(it *accountItem, key, msg string) {
	p.fail(rowErr(p.file.File, it.rec.Line, domain.FieldError{Field: domain.FieldParentCode, Key: key, Msg: msg,
		Args: map[string]any{"Value": it.fields.ParentCode}}))
}

// accountGraph answers "who is the head office of" for rows and stored accounts.
type accountGraph struct {
	ctx      context.Context
	plan     *accountPlan
	parentOf *sql.Stmt
	cache    map[int64]accountNode // stored account → its stored head office
}

// resolve finds the row's head office: a row of the file first (so order does
// not matter), else a stored account.
func (g *accountGraph) resolve(it *accountItem) error {
	code := it.fields.ParentCode
	if code == "" || domain.CodeKey(code) == domain.CodeKey(it.fields.Code) {
		return nil // no head office, or itself: Validate reported that
	}
	if other, ok := g.plan.byCode[domain.CodeKey(code)]; ok {
		it.parent = accountNode{item: other}
		return nil
	}
	id, ok := g.plan.stored[domain.CodeKey(code)]
	if !ok {
		g.plan.parentProblem(it, "parent.unknown", "there is no account with code {{.Value}}")
		return nil
	}
	it.parent = accountNode{id: id}
	return nil
}

// next is the head office of n as it will be after the import.
func (g *accountGraph) next(n accountNode) (accountNode, error) {
	if n.item != nil {
		return n.item.parent, nil
	}
	if up, ok := g.cache[n.id]; ok {
		return up, nil
	}
	var id int64
	var code string
	if err := g.parentOf.QueryRowContext(g.ctx, n.id).Scan(&id, &code); err != nil {
		return accountNode{}, err
	}
	up := accountNode{id: id}
	if other, ok := g.plan.byCode[domain.CodeKey(code)]; ok && id != 0 {
		up = accountNode{item: other} // a stored head office the file changes
	}
	g.cache[n.id] = up
	return up, nil
}

// checkChain walks up from the row. Coming back to it is a loop, reported on
// the row; each row of a loop reports it. Rows whose chain was already walked
// to the top end the walk early.
func (g *accountGraph) checkChain(it *accountItem) error {
	var path []*accountItem
	seen := map[accountNode]bool{}
	for n := it.parent; !n.none(); {
		if n.item == it {
			g.plan.parentProblem(it, "parent.loop", "{{.Value}} is already below this account: the head office chain would loop")
			return nil
		}
		if seen[n] {
			return nil // the chain runs into a loop elsewhere; the rows on it report it
		}
		seen[n] = true
		if n.item != nil {
			if n.item.chainOK {
				break
			}
			path = append(path, n.item)
		}
		var err error
		if n, err = g.next(n); err != nil {
			return err
		}
	}
	it.chainOK = true
	for _, p := range path {
		p.chainOK = true
	}
	return nil
}

// accountStageColumns are the accounts columns an import writes.
var accountStageColumns = []string{"code", "name", "name_key", "tax_id", "street", "postal_code", "city", "country",
	"ship_street", "ship_postal_code", "ship_city", "ship_country", "phone", "email", "currency", "terms_days", "terms_eom",
	"credit_limit_minor", "customer_group", "parent_id", "owner", "notes", "search_text"}

// accountValues are the values of accountStageColumns.
func accountValues(f *domain.AccountFields, parent any) []any {
	return []any{f.Code, f.Name, nameKey(f.Name), f.TaxID, f.Street, f.PostalCode, f.City, f.Country,
		f.ShipStreet, f.ShipPostal, f.ShipCity, f.ShipCountry, f.Phone, f.Email, f.Currency,
		f.PaymentTerms.Days, boolInt(f.PaymentTerms.EOM), int64(f.CreditLimit), f.CustomerGroup, parent,
		f.Owner, f.Notes, accountSearchText(f)}
}

// apply writes the rows through a stage. New accounts get their ids up front
// (the next free ones, as SQLite would choose), so a branch can name a head
// office created by the same file. A row equal to what is stored is left
// alone, so its version does not change under someone editing it.
func (p *accountPlan) apply(b *Bulk, now time.Time) (ImportSummary, error) {
	ctx, tx := b.ctx, b.tx
	var sum ImportSummary
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM accounts`).Scan(&next); err != nil {
		return sum, err
	}
	for _, it := range p.items {
		if it.old == nil {
			next++
			it.id = next
		}
	}
	st, err := b.stage("import_accounts", accountStageColumns)
	if err != nil {
		return sum, err
	}
	for _, it := range p.items {
		var parent any
		switch n := it.parent; {
		case n.item != nil:
			parent = n.item.id
		case n.id != 0:
			parent = n.id
		}
		switch {
		case it.old == nil:
			err = st.insert(ctx, it.id, accountValues(&it.fields, parent)...)
			sum.Created++
		case unchangedAccount(it.old, &it.fields, parent):
			sum.Unchanged++
		default:
			err = st.update(ctx, it.id, accountValues(&it.fields, parent)...)
			sum.Updated++
		}
		if err != nil {
			return sum, err
		}
	}
	if err := st.flush(ctx, tx, "accounts", moment(now), true); err != nil || sum.Updated == 0 {
		return sum, err
	}
	// FA(3) files that waited for a buyer's tax ID or address the file gave.
	return sum, rebuildBlocked(ctx, tx, 0, now)
}

func unchangedAccount(old *domain.Account, f *domain.AccountFields, parent any) bool {
	a, b := old.AccountFields, *f
	a.ParentCode, b.ParentCode = "", "" // compared by id: the code may differ in case only
	var pid int64
	if id, ok := parent.(int64); ok {
		pid = id
	}
	return a == b && int64(old.ParentID) == pid
}
