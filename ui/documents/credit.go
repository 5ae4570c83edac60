package documents

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/xwidget"
)

// confirm checks the account's credit before confirming: when the check
// warns (over the limit, or an invoice long overdue) the user must give a
// reason to confirm anyway. The store enforces the same rule, so an order it
// refuses for want of an override gets the same question.
func (e *orderEditor) confirm() {
	if e.o == nil || e.dirty {
		return
	}
	if e.d.Receivables == nil {
		e.confirmWith("")
		return
	}
	id := e.o.ID
	e.confirmBtn.Disable()
	e.d.Run(func() {
		c, err := e.d.Receivables.CheckCredit(context.Background(), id)
		fyne.Do(func() {
			e.refresh()
			if err != nil {
				alert.Error(e.d.Window, err)
				return
			}
			if len(c.Warnings()) == 0 {
				e.confirmWith("")
				return
			}
			e.askOverride(c, c.Warnings(), true)
		})
	})
}

// confirmWith confirms the order, with the override reason when one was given.
func (e *orderEditor) confirmWith(reason string) {
	e.step(domain.OrderStatusChange{Status: domain.OrderConfirmed, CreditOverride: reason, OverrideBy: e.d.User()}, e.overrideRefused)
}

// overrideRefused turns the store's demand for an override into the
// question; it returns "" for any other error, which step shows as usual.
func (e *orderEditor) overrideRefused(err error) string {
	ex, ok := domain.AsError(err)
	if !ok || ex.Key != "credit.override_required" {
		return ""
	}
	c := &domain.CreditCheck{}
	c.Balance, _ = ex.Args["Exposure"].(domain.Amount) // the error carries the exposure as a whole
	c.Limit, _ = ex.Args["Limit"].(domain.Amount)
	c.OldestLate, _ = ex.Args["Days"].(int)
	warnings, _ := ex.Args["Warnings"].([]string)
	e.askOverride(c, warnings, false)
	return alert.Message(err)
}

// overrideDialog asks for the reason to confirm despite a credit warning.
type overrideDialog struct {
	text   *widget.Label // the figures and what is asked
	reason *xwidget.Field
	okBtn  *widget.Button
	dialog *xwidget.Dialog
}

// askOverride shows the figures of the check and asks for a reason; detail
// says whether c splits the exposure (a check), or only totals it (an error).
func (e *orderEditor) askOverride(c *domain.CreditCheck, warnings []string, detail bool) {
	loc, cur := e.d.Locale, e.o.Currency
	var lines []string
	// Exposure against the limit always shows: it is what the user weighs,
	// whichever warning fired.
	figures := map[string]any{"Exposure": money(loc, c.Exposure(), cur), "Limit": money(loc, c.Limit, cur), "Over": money(loc, c.Exposure()-c.Limit, cur)}
	switch {
	case slices.Contains(warnings, domain.CreditOverLimit):
		lines = append(lines, lang.X("documents.credit.over_limit", "Exposure {{.Exposure}} is over the credit limit of {{.Limit}} by {{.Over}}.", figures))
	case c.Limit > 0:
		lines = append(lines, lang.X("documents.credit.within_limit", "Exposure {{.Exposure}} against a credit limit of {{.Limit}}.", figures))
	default:
		lines = append(lines, lang.X("documents.credit.no_limit", "Exposure {{.Exposure}}; the account has no credit limit.", figures))
	}
	if detail {
		lines = append(lines, lang.X("documents.credit.exposure", "Open balance {{.Balance}} + confirmed orders not yet delivered {{.Undelivered}} + this order {{.Order}}.",
			map[string]any{"Balance": money(loc, c.Balance, cur), "Undelivered": money(loc, c.Undelivered, cur), "Order": money(loc, c.ThisOrder, cur)}))
	}
	if slices.Contains(warnings, domain.CreditOverdue) {
		msg := lang.X("documents.credit.overdue", "The oldest open invoice is {{.Days}} days past due (the limit is {{.Hold}} days).",
			map[string]any{"Days": c.OldestLate, "Hold": domain.OverdueHoldDays})
		if c.LateAmount > 0 {
			msg += " " + lang.X("documents.credit.late_amount", "More than {{.Hold}} days overdue: {{.Amount}}.",
				map[string]any{"Hold": domain.OverdueHoldDays, "Amount": money(loc, c.LateAmount, cur)})
		}
		lines = append(lines, msg)
	}
	lines = append(lines, lang.X("documents.credit.reason_note", "To confirm anyway, say why. The reason is recorded on the order with your name."))
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	o := &overrideDialog{text: text, reason: xwidget.NewEntryField()}
	o.reason.Entry.SetPlaceHolder(lang.X("documents.credit.reason_placeholder", "e.g. prepayment agreed with the customer"))
	submit := func() {
		reason := strings.TrimSpace(o.reason.Text())
		if reason == "" {
			o.reason.SetProblem(lang.X("documents.credit.reason_required", "Give the reason for confirming over the credit control."))
			return
		}
		o.dialog.Hide()
		e.confirmWith(reason)
	}
	o.reason.Entry.OnSubmitted = func(string) { submit() }
	o.reason.Entry.OnChanged = func(string) { o.reason.SetProblem("") }
	o.okBtn = widget.NewButton(lang.X("documents.credit.confirm_anyway", "Confirm anyway"), submit)
	o.okBtn.Importance = widget.DangerImportance
	cancel := widget.NewButton(lang.X("documents.cancel", "Cancel"), func() { o.dialog.Hide() })
	body := container.NewVBox(text, widget.NewLabel(lang.X("documents.credit.reason", "Reason")), o.reason,
		container.NewHBox(layout.NewSpacer(), cancel, o.okBtn))
	o.dialog = xwidget.NewDialog(lang.X("documents.credit.title", "Credit control: {{.Number}}", map[string]any{"Number": e.o.Number}),
		body, e.d.Window)
	o.dialog.Fit(fyne.NewSize(520, 0))
	e.override = o
	o.dialog.Show()
	e.d.Window.Canvas().Focus(o.reason.Focusable())
}
