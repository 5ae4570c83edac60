package timeline

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"kontor/domain"
)

// phoneSVG is a handset for calls, which Fyne's icon set lacks: a phone body
// with its screen cut out and a button under it.
var phoneSVG = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
	`<path fill-rule="evenodd" d="M8 1.5h8a2 2 0 0 1 2 2v17a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2v-17a2 2 0 0 1 2-2zM8 4v13.5h8V4zM10.5 19.25h3v1.5h-3z"/></svg>`)

var phoneIcon = theme.NewThemedResource(fyne.NewStaticResource("phone.svg", phoneSVG))

// KindIcon is the icon of an activity kind in lists and forms.
func KindIcon(k domain.ActivityKind) fyne.Resource {
	switch k {
	case domain.KindCall:
		return phoneIcon
	case domain.KindMeeting:
		return theme.AccountIcon()
	case domain.KindEmail:
		return theme.MailComposeIcon()
	case domain.KindTask:
		return theme.CheckButtonIcon()
	}
	return theme.DocumentIcon()
}

// TaskIcon is a task's icon: ticked when done.
func TaskIcon(done bool) fyne.Resource {
	if done {
		return theme.CheckButtonCheckedIcon()
	}
	return theme.CheckButtonIcon()
}

// KindLabel is the name of one activity of kind k.
func KindLabel(k domain.ActivityKind) string {
	switch k {
	case domain.KindCall:
		return lang.X("activity.kind.call", "Call")
	case domain.KindMeeting:
		return lang.X("activity.kind.meeting", "Meeting")
	case domain.KindEmail:
		return lang.X("activity.kind.email", "E-mail")
	case domain.KindNote:
		return lang.X("activity.kind.note", "Note")
	case domain.KindTask:
		return lang.X("activity.kind.task", "Task")
	case domain.KindDocument:
		return lang.X("activity.kind.document", "Document")
	}
	return string(k)
}

// kindFilter is one choice of the timeline's kind filter.
type kindFilter struct {
	label string
	kinds []domain.ActivityKind // none: every kind
}

// kindFilters are the filter's choices: everything, the contacts that keep an
// account warm, then each kind alone.
func kindFilters() []kindFilter {
	return []kindFilter{
		{lang.X("timeline.filter.all", "All kinds"), nil},
		{lang.X("timeline.filter.contacts", "Calls, meetings, e-mails"), []domain.ActivityKind{domain.KindCall, domain.KindMeeting, domain.KindEmail}},
		{lang.X("timeline.filter.call", "Calls"), []domain.ActivityKind{domain.KindCall}},
		{lang.X("timeline.filter.meeting", "Meetings"), []domain.ActivityKind{domain.KindMeeting}},
		{lang.X("timeline.filter.email", "E-mails"), []domain.ActivityKind{domain.KindEmail}},
		{lang.X("timeline.filter.note", "Notes"), []domain.ActivityKind{domain.KindNote}},
		{lang.X("timeline.filter.task", "Tasks"), []domain.ActivityKind{domain.KindTask}},
		{lang.X("timeline.filter.document", "Documents sent"), []domain.ActivityKind{domain.KindDocument}},
	}
}

// MonthTitle names a month for a timeline header: "November 2026", "Listopad 2026".
func MonthTitle(d domain.Date) string {
	names := []string{
		lang.X("month.january", "January"), lang.X("month.february", "February"), lang.X("month.march", "March"),
		lang.X("month.april", "April"), lang.X("month.may", "May"), lang.X("month.june", "June"),
		lang.X("month.july", "July"), lang.X("month.august", "August"), lang.X("month.september", "September"),
		lang.X("month.october", "October"), lang.X("month.november", "November"), lang.X("month.december", "December"),
	}
	return lang.X("timeline.month_header", "{{.Month}} {{.Year}}", map[string]any{"Month": names[d.Month-1], "Year": d.Year})
}
