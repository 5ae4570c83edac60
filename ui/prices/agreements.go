package prices

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// agreementRow is one agreement as the panel lists it: the holder's own
// (editable) or one inherited from a head office or the customer group
// (read-only, with a link to where it is edited).
type agreementRow struct {
	a      *domain.Agreement
	source domain.PriceSource // SourceAccount for the holder's own
	code   string             // the head office's code, for an inherited one
	name   string             // the name of the account or group it is for
}

// holder says whom the row's agreement is for. Words are put together here,
// on the Fyne goroutine, never in the background fetch.
func (r agreementRow) holder() string {
	switch r.source {
	case domain.SourceParent:
		return lang.X("prices.holder.parent", "head office {{.Code}} {{.Name}}", map[string]any{"Code": r.code, "Name": r.name})
	case domain.SourceGroup:
		return lang.X("prices.holder.group", "customer group {{.Name}}", map[string]any{"Name": r.name})
	}
	return r.name
}

// partial is a holder with more agreements than the tab lists.
type partial struct {
	row          agreementRow // any row of the holder
	total, shown int
}

func (r agreementRow) own() bool { return r.source == domain.SourceAccount }

// Panel lists and edits the price agreements of an account or a group. For an
// account it also lists, read-only, those it inherits from its head office
// chain and its customer group. Ended agreements stay listed, greyed, when
// "show ended" is on: the history of prices with who changed them and when.
type Panel struct {
	d     *Deps
	acc   *domain.Account       // nil for a group's panel
	group *domain.CustomerGroup // nil for an account's panel

	all  []agreementRow // every agreement loaded
	rows []agreementRow // those shown

	add       *widget.Button
	showEnded *widget.Check
	bar       *fyne.Container // the actions above the list
	more      *widget.Label   // which inherited agreements are not all listed
	list      *widget.List
	empty     *widget.Label
	status    *widget.Label
	content   fyne.CanvasObject

	gen      int
	form     *agreementForm    // the add or change dialog last opened
	end      *endForm          // the end dialog last opened
	question *xwidget.Question // the last question asked
}

// NewAccountPanel lists the agreements of an account and starts loading them.
func NewAccountPanel(d *Deps, acc *domain.Account) *Panel {
	return newPanel(d, acc, nil)
}

// NewGroupPanel lists the agreements of a customer group and starts loading them.
func NewGroupPanel(d *Deps, g *domain.CustomerGroup) *Panel {
	return newPanel(d, nil, g)
}

func newPanel(d *Deps, acc *domain.Account, g *domain.CustomerGroup) *Panel {
	d.defaults()
	p := &Panel{d: d, acc: acc, group: g}
	p.add = widget.NewButtonWithIcon(lang.X("prices.agreement.add", "Add agreement"), theme.ContentAddIcon(), func() { p.openForm(nil) })
	p.showEnded = widget.NewCheck(lang.X("prices.agreement.show_ended", "Show ended (history)"), func(bool) { p.filter() })
	p.list = widget.NewList(func() int { return len(p.rows) }, p.newRow, p.updateRow)
	p.list.OnSelected = func(widget.ListItemID) { p.list.UnselectAll() }
	p.empty = widget.NewLabel("")
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Importance = widget.LowImportance
	p.empty.Hide()
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Importance = widget.SuccessImportance
	p.status.Hide()
	p.more = widget.NewLabel("")
	p.more.Wrapping = fyne.TextWrapWord
	p.more.Importance = widget.LowImportance
	p.more.Hide()
	p.bar = container.NewHBox(p.add, p.showEnded)
	top := container.NewVBox(p.bar, p.status, p.more)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewStack(p.list, container.NewVBox(p.empty)))
	p.Reload()
	return p
}

// Content is the panel's top object.
func (p *Panel) Content() fyne.CanvasObject { return p.content }

// SetAccount shows the panel for the account as saved now (a new customer
// group or head office changes what it inherits).
func (p *Panel) SetAccount(acc *domain.Account) {
	p.acc = acc
	p.Reload()
}

// Reload reads the agreements again, off the Fyne goroutine.
func (p *Panel) Reload() {
	p.gen++
	gen, acc, group := p.gen, p.acc, p.group
	p.d.Run(func() {
		rows, more, err := p.fetch(context.Background(), acc, group)
		fyne.Do(func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				alert.Error(p.d.Window, err)
				return
			}
			p.all = rows
			p.showMore(more)
			p.filter()
		})
	})
}

// fetch reads the holder's agreements and, for an account, those of its head
// office chain (nearest first) and of its customer group.
//
// A head office or a group may hold thousands of agreements: of those the
// first inheritedLimit are listed, and more says who holds the rest.
func (p *Panel) fetch(ctx context.Context, acc *domain.Account, group *domain.CustomerGroup) ([]agreementRow, []partial, error) {
	var out []agreementRow
	var more []partial
	add := func(f domain.AgreementFilter, row agreementRow) error {
		if row.source != domain.SourceAccount {
			f.Limit = inheritedLimit
		}
		list, total, err := p.d.Agreements.FindAgreements(ctx, f)
		for _, a := range list {
			row.a = a
			out = append(out, row)
		}
		if total > len(list) {
			more = append(more, partial{row: row, total: total, shown: len(list)})
		}
		return err
	}
	if group != nil {
		return out, nil, add(domain.AgreementFilter{GroupID: group.ID}, agreementRow{source: domain.SourceAccount, name: group.Name})
	}
	if acc == nil {
		return nil, nil, nil
	}
	if err := add(domain.AgreementFilter{AccountID: acc.ID}, agreementRow{source: domain.SourceAccount, name: acc.Name}); err != nil {
		return nil, nil, err
	}
	seen := map[domain.AccountID]bool{acc.ID: true}
	for parent := acc.ParentID; parent != 0 && !seen[parent]; {
		seen[parent] = true
		head, err := p.d.Accounts.FindAccountByID(ctx, parent)
		if err != nil {
			return nil, nil, err
		}
		if err := add(domain.AgreementFilter{AccountID: head.ID}, agreementRow{source: domain.SourceParent, code: head.Code, name: head.Name}); err != nil {
			return nil, nil, err
		}
		parent = head.ParentID
	}
	if acc.CustomerGroup != "" && p.d.Groups != nil {
		g, err := p.d.Groups.FindGroupByName(ctx, acc.CustomerGroup)
		switch {
		case domain.ErrorCode(err) == domain.ENotFound:
		case err != nil:
			return nil, nil, err
		default:
			if err := add(domain.AgreementFilter{GroupID: g.ID}, agreementRow{source: domain.SourceGroup, name: g.Name}); err != nil {
				return nil, nil, err
			}
		}
	}
	return out, more, nil
}

// inheritedLimit is how many agreements of one head office or group the
// account's tab lists.
const inheritedLimit = 200

// showMore says which holders have more agreements than are listed.
func (p *Panel) showMore(more []partial) {
	lines := make([]string, len(more))
	for i, m := range more {
		lines[i] = lang.XN("prices.agreement.more", "{{.Holder}} holds {{.Count}} agreements; the first {{.Shown}} are listed, the rest on its own screen.",
			m.total, map[string]any{"Holder": m.row.holder(), "Count": m.total, "Shown": m.shown})
	}
	p.more.SetText(strings.Join(lines, "\n"))
	if len(more) == 0 {
		p.more.Hide()
	} else {
		p.more.Show()
	}
}

// ended reports whether an agreement's last day is before today.
func (p *Panel) ended(a *domain.Agreement) bool {
	return !a.ValidTo.IsZero() && a.ValidTo.Before(p.d.Today())
}

// filter shows the agreements the "show ended" box asks for.
func (p *Panel) filter() {
	p.rows = p.rows[:0]
	hidden := 0
	for _, r := range p.all {
		if p.ended(r.a) && !p.showEnded.Checked {
			hidden++
			continue
		}
		p.rows = append(p.rows, r)
	}
	p.list.Refresh()
	switch {
	case len(p.rows) > 0:
		p.empty.Hide()
	case hidden > 0:
		p.empty.SetText(lang.XN("prices.agreement.only_ended", "No agreement in effect; {{.Count}} ended ones are in the history.",
			hidden, map[string]any{"Count": hidden}))
		p.empty.Show()
	default:
		p.empty.SetText(lang.X("prices.agreement.none", "No price agreements yet: the list price applies. Add one with the button above."))
		p.empty.Show()
	}
}

// newRow is one agreement: product and terms, then who it is for, its tier
// and validity, then who entered and ended it; the actions at the right.
func (p *Panel) newRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	terms := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	audit := widget.NewLabel("")
	audit.Truncation = fyne.TextTruncateEllipsis
	audit.Importance = widget.LowImportance
	audit.SizeName = theme.SizeNameCaptionText
	change := widget.NewButtonWithIcon(lang.X("prices.agreement.change", "Change…"), theme.DocumentCreateIcon(), nil)
	end := widget.NewButtonWithIcon(lang.X("prices.agreement.end", "End…"), theme.MediaStopIcon(), nil)
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	open := widget.NewButtonWithIcon(lang.X("prices.agreement.open", "Open"), theme.NavigateNextIcon(), nil)
	open.IconPlacement = widget.ButtonIconTrailingText
	actions := container.NewHBox(change, end, del, open)
	text := container.NewVBox(container.NewBorder(nil, nil, nil, terms, title), detail, audit)
	return container.NewBorder(nil, nil, nil, container.NewCenter(actions), text)
}

// rowParts are the widgets of a row made by newRow.
type rowParts struct {
	title, terms, detail, audit *widget.Label
	change, end, del, open      *widget.Button
}

func partsOf(o fyne.CanvasObject) rowParts {
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	line := text.Objects[0].(*fyne.Container)
	actions := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container)
	return rowParts{
		title: line.Objects[0].(*widget.Label), terms: line.Objects[1].(*widget.Label),
		detail: text.Objects[1].(*widget.Label), audit: text.Objects[2].(*widget.Label),
		change: actions.Objects[0].(*widget.Button), end: actions.Objects[1].(*widget.Button),
		del: actions.Objects[2].(*widget.Button), open: actions.Objects[3].(*widget.Button),
	}
}

func (p *Panel) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := p.rows[i]
	a := r.a
	w := partsOf(o)
	texts := p.texts(r)
	ended := p.ended(a)
	for _, l := range []*widget.Label{w.title, w.terms, w.detail} {
		l.TextStyle.Italic = ended
		l.Importance = widget.MediumImportance
		if ended {
			l.Importance = widget.LowImportance
		}
	}
	w.title.SetText(texts[0])
	w.terms.SetText(texts[1])
	w.detail.SetText(texts[2])
	w.audit.SetText(texts[3])
	show := func(b *widget.Button, on bool) {
		if on {
			b.Show()
		} else {
			b.Hide()
		}
	}
	today := p.d.Today()
	show(w.change, r.own() && !ended)
	show(w.end, r.own() && !ended)
	show(w.del, r.own() && !a.ValidFrom.IsZero() && today.Before(a.ValidFrom))
	show(w.open, !r.own() && (r.source == domain.SourceParent && p.d.OpenAccount != nil || r.source == domain.SourceGroup && p.d.OpenGroup != nil))
	w.change.OnTapped = func() { p.openForm(a) }
	w.end.OnTapped = func() { p.openEnd(a) }
	w.del.OnTapped = func() { p.onDelete(a) }
	w.open.OnTapped = func() { p.follow(r) }
}

// texts is how a row reads: title, terms, detail and audit line.
func (p *Panel) texts(r agreementRow) [4]string {
	a, loc := r.a, p.d.Locale
	state := ""
	today := p.d.Today()
	switch {
	case p.ended(a):
		state = lang.X("prices.state.ended", "ended")
	case !a.ValidFrom.IsZero() && today.Before(a.ValidFrom):
		state = lang.X("prices.state.future", "not yet in effect")
	default:
		state = lang.X("prices.state.current", "in effect")
	}
	detail := lang.X("prices.agreement.detail", "{{.Holder}} · from {{.MinQty}} · {{.Validity}} · {{.State}}", map[string]any{
		"Holder": r.holder(), "MinQty": Qty(loc, a.MinQty), "Validity": Validity(loc, a.ValidFrom, a.ValidTo), "State": state})
	if r.own() {
		detail = lang.X("prices.agreement.detail_own", "from {{.MinQty}} · {{.Validity}} · {{.State}}", map[string]any{
			"MinQty": Qty(loc, a.MinQty), "Validity": Validity(loc, a.ValidFrom, a.ValidTo), "State": state})
	}
	audit := lang.X("prices.agreement.added", "#{{.ID}} entered by {{.Who}}, {{.When}}", map[string]any{
		"ID": int64(a.ID), "Who": who(a.CreatedBy), "When": loc.FormatDateTime(a.CreatedAt)})
	if a.ReplacedBy != 0 {
		audit += " · " + lang.X("prices.agreement.replaced", "replaced by #{{.Next}} ({{.Who}}, {{.When}})", map[string]any{
			"Next": int64(a.ReplacedBy), "Who": who(a.EndedBy), "When": loc.FormatDateTime(a.EndedAt)})
	} else if a.EndedBy != "" {
		audit += " · " + lang.X("prices.agreement.ended_by", "ended by {{.Who}}, {{.When}}", map[string]any{
			"Who": a.EndedBy, "When": loc.FormatDateTime(a.EndedAt)})
	}
	return [4]string{a.SKU + "  " + a.ProductName, Terms(loc, &a.AgreementFields), detail, audit}
}

// who names the person who made a change, or says nobody was named.
func who(name string) string {
	if name == "" {
		return lang.X("prices.who.unknown", "(unnamed)")
	}
	return name
}

// follow opens the head office or the group an inherited agreement belongs to.
func (p *Panel) follow(r agreementRow) {
	switch {
	case r.a.AccountID != 0 && p.d.OpenAccount != nil:
		p.d.OpenAccount(r.a.AccountID)
	case r.a.GroupID != 0 && p.d.OpenGroup != nil:
		p.d.OpenGroup(r.a.GroupID)
	}
}

// setStatus says what the last change did; "" hides the line.
func (p *Panel) setStatus(msg string) {
	p.status.SetText(msg)
	if msg == "" {
		p.status.Hide()
	} else {
		p.status.Show()
	}
}

// onDelete removes an agreement that has not come into effect, after asking.
func (p *Panel) onDelete(a *domain.Agreement) {
	p.question = xwidget.Ask(p.d.Window, lang.X("prices.delete.title", "Delete agreement"),
		lang.X("prices.delete.message", "Delete agreement #{{.ID}} for {{.SKU}}? It has not come into effect, so no price of the past depends on it.",
			map[string]any{"ID": int64(a.ID), "SKU": a.SKU}),
		xwidget.Choice{Label: lang.X("prices.delete.cancel", "Cancel")},
		xwidget.Choice{Label: lang.X("prices.delete.confirm", "Delete"), Importance: widget.DangerImportance, Action: func() {
			today := p.d.Today()
			p.d.Run(func() {
				err := p.d.Agreements.DeleteAgreement(context.Background(), a.ID, today)
				fyne.Do(func() {
					if err != nil {
						alert.Error(p.d.Window, err)
						return
					}
					p.setStatus(lang.X("prices.status.deleted", "Agreement #{{.ID}} deleted.", map[string]any{"ID": int64(a.ID)}))
					p.Reload()
				})
			})
		}},
	)
}
