package team

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
)

// statusLine is what the status area says about st at now, and how loud:
// low while all is well or the server is merely out of reach (it will try
// again by itself), a warning when the person must act (a wrong password, a
// disabled login, a Kontor to update). syncing: a round asked for is
// running.
func statusLine(st *domain.TeamStatus, now time.Time, loc domain.Locale, syncing bool) (string, widget.Importance) {
	if st == nil || !st.Joined {
		return "", widget.LowImportance
	}
	var parts []string
	importance := widget.LowImportance
	switch {
	case syncing:
		parts = append(parts, lang.X("team.status.syncing", "Syncing…"))
		parts = appendWaiting(parts, st.Waiting)
	case st.Offline():
		if st.Waiting > 0 {
			parts = append(parts, lang.XN("team.status.offline_waiting", "Offline — {{.Count}} changes waiting", st.Waiting,
				map[string]any{"Count": st.Waiting}))
		} else {
			parts = append(parts, lang.X("team.status.offline", "Offline"))
		}
		if !st.LastSync.IsZero() {
			parts = append(parts, syncedAgo(st.LastSync, now, loc))
		}
	case st.LastError != nil:
		importance = widget.WarningImportance
		parts = append(parts, lang.X("team.status.stopped", "Not syncing: {{.Reason}}", map[string]any{"Reason": alert.Message(st.LastError)}))
		parts = appendWaiting(parts, st.Waiting)
	default:
		parts = append(parts, syncedAgo(st.LastSync, now, loc))
		parts = appendWaiting(parts, st.Waiting)
	}
	if st.Conflicts > 0 {
		parts = append(parts, lang.XN("team.status.conflicts", "{{.Count}} conflicts", st.Conflicts, map[string]any{"Count": st.Conflicts}))
	}
	if st.Refused > 0 {
		parts = append(parts, lang.XN("team.status.refused", "{{.Count}} refused", st.Refused, map[string]any{"Count": st.Refused}))
	}
	return strings.Join(parts, " · "), importance
}

func appendWaiting(parts []string, n int) []string {
	if n == 0 {
		return parts
	}
	return append(parts, lang.XN("team.status.waiting", "{{.Count}} changes waiting", n, map[string]any{"Count": n}))
}

// syncedAgo says when the last round finished, as a person says it.
func syncedAgo(at, now time.Time, loc domain.Locale) string {
	if at.IsZero() {
		return lang.X("team.status.never", "Not synced yet")
	}
	d := now.Sub(at)
	switch {
	case d < time.Minute:
		return lang.X("team.status.synced_now", "Synced just now")
	case d < time.Hour:
		n := int(d / time.Minute)
		return lang.XN("team.status.synced_min", "Synced {{.Count}} min ago", n, map[string]any{"Count": n})
	case d < 24*time.Hour:
		n := int(d / time.Hour)
		return lang.XN("team.status.synced_hours", "Synced {{.Count}} h ago", n, map[string]any{"Count": n})
	}
	return lang.X("team.status.synced_on", "Synced on {{.Date}}", map[string]any{"Date": loc.FormatDate(domain.DateOf(at.Local()))})
}

// when writes a moment for a person: the date and the time of day.
func when(t time.Time, loc domain.Locale) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	return loc.FormatDate(domain.DateOf(t)) + " " + t.Format("15:04")
}

// roleName names a team role.
func roleName(r domain.TeamRole) string {
	switch r {
	case domain.RoleRep:
		return lang.X("team.role.rep", "sales rep")
	case domain.RoleManager:
		return lang.X("team.role.manager", "manager")
	case domain.RoleBackoffice:
		return lang.X("team.role.backoffice", "back office")
	}
	return string(r)
}

// fieldName names a synced field: its form label where a form has one.
func fieldName(field string) string {
	switch field {
	case "":
		return lang.X("team.field.record", "the whole record")
	case "payment_terms_days":
		return lang.X("team.field.payment_terms_days", "Payment terms (days)")
	case "terms_eom":
		return lang.X("team.field.terms_eom", "Payment terms end of month")
	case "archived":
		return lang.X("team.field.archived", "Archived")
	case "contact":
		return lang.X("team.field.contact", "Contact")
	case "occurred_at":
		return lang.X("team.field.occurred_at", "Date and time")
	case "due_on":
		return lang.X("team.field.due_on", "Due date")
	case "deleted_at":
		return lang.X("team.field.deleted_at", "Deleted")
	case "active":
		return lang.X("team.field.active", "Active")
	case "starts_on":
		return lang.X("team.field.starts_on", "Valid from")
	case "ends_on":
		return lang.X("team.field.ends_on", "Valid to")
	case "value":
		return lang.X("team.field.value", "Setting")
	case "sku":
		return lang.X("team.field.sku", "SKU")
	case "description":
		return lang.X("team.field.description", "Description")
	case "unit":
		return lang.X("team.field.unit", "Unit")
	case "list_price":
		return lang.X("team.field.list_price", "List price")
	case "vat_rate":
		return lang.X("team.field.vat_rate", "VAT rate")
	case "min_qty":
		return lang.X("team.field.min_qty", "Minimum quantity")
	case "price":
		return lang.X("team.field.price", "Price")
	case "discount_pct":
		return lang.X("team.field.discount_pct", "Discount %")
	}
	if l := alert.FieldLabel(field); l != field {
		return l
	}
	return strings.ReplaceAll(field, "_", " ")
}

// valueText is a conflict's value as a person reads it: yes and no in
// their language, an empty value said to be empty.
func valueText(v string) string {
	switch v {
	case "":
		return lang.X("team.value.empty", "(empty)")
	case "yes":
		return lang.X("team.value.yes", "yes")
	case "no":
		return lang.X("team.value.no", "no")
	}
	return v
}

// opName says what a refused change did.
func opName(op string) string {
	switch op {
	case "insert":
		return lang.X("team.op.insert", "added")
	case "delete":
		return lang.X("team.op.delete", "deleted")
	}
	return lang.X("team.op.update", "changed")
}
