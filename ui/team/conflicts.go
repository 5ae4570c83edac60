package team

import (
	"context"
	"sort"
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

// Conflicts is the Conflicts screen: the values that lost when two people
// changed the same thing, each with the value that stands, who made it and
// when, and one click to keep either; below them, the changes the team
// server refused, with its reason.
type Conflicts struct {
	d Deps

	heading *widget.Label
	hint    *widget.Label
	empty   *widget.Label
	list    *widget.List
	refHead *widget.Label
	refList *widget.List
	top     fyne.CanvasObject // the conflicts, or the word that there are none
	split   *container.Split  // the conflicts above the refused changes, while there are any
	body    *fyne.Container
	content fyne.CanvasObject

	items   []domain.Conflict
	refused []domain.RefusedChange
	busy    map[domain.ConflictID]bool // resolutions running
	gen     int
}

// NewConflicts builds the screen; Reload fills it.
func NewConflicts(d Deps) *Conflicts {
	d.defaults()
	c := &Conflicts{d: d, busy: map[domain.ConflictID]bool{}}
	c.heading = widget.NewLabelWithStyle(lang.X("team.conflicts.title", "Conflicts"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.heading.SizeName = theme.SizeNameSubHeadingText
	c.hint = widget.NewLabel(lang.X("team.conflicts.hint",
		"You and someone else changed the same thing before your files met. The team's value stands for now; choose the one to keep. Keeping yours sends it to the team at the next sync."))
	c.hint.Wrapping = fyne.TextWrapWord
	c.hint.Importance = widget.LowImportance
	c.empty = widget.NewLabel(lang.X("team.conflicts.none", "No conflicts: everything you changed reached the team as you left it."))
	c.empty.Wrapping = fyne.TextWrapWord
	c.empty.Hide()
	c.list = widget.NewList(func() int { return len(c.items) }, newConflictRow, c.updateConflict)
	c.list.OnSelected = func(widget.ListItemID) { c.list.UnselectAll() } // the buttons act, not the row
	c.refHead = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.refList = widget.NewList(func() int { return len(c.refused) }, newRefusedRow, c.updateRefused)
	c.refList.OnSelected = func(widget.ListItemID) { c.refList.UnselectAll() }
	refused := container.NewBorder(container.NewVBox(widget.NewSeparator(), c.refHead), nil, nil, nil, c.refList)
	c.top = container.NewStack(c.list, container.NewVBox(c.empty))
	c.split = container.NewVSplit(c.top, refused)
	c.split.Offset = 0.7
	c.body = container.NewStack(c.top)
	c.content = xwidget.NewHeaded(container.NewVBox(c.heading, c.hint), c.body)
	return c
}

// Content is the screen's top object.
func (c *Conflicts) Content() fyne.CanvasObject { return c.content }

// Items are the conflicts shown.
func (c *Conflicts) Items() []domain.Conflict { return c.items }

// Refused are the refused changes shown.
func (c *Conflicts) Refused() []domain.RefusedChange { return c.refused }

// Reload reads the conflicts and refused changes off the Fyne goroutine.
func (c *Conflicts) Reload() {
	c.gen++
	gen := c.gen
	c.d.Run(func() {
		ctx := context.Background()
		items, err := c.d.Team.Conflicts(ctx)
		var refused []domain.RefusedChange
		if err == nil {
			refused, err = c.d.Team.Refused(ctx)
		}
		fyne.Do(func() {
			if gen != c.gen {
				return
			}
			if err != nil {
				alert.Error(c.d.Window, err)
				return
			}
			c.show(items, refused)
		})
	})
}

func (c *Conflicts) show(items []domain.Conflict, refused []domain.RefusedChange) {
	sort.SliceStable(items, func(i, j int) bool { return items[i].When.After(items[j].When) })
	c.items, c.refused = items, refused
	if len(items) == 0 {
		c.empty.Show()
	} else {
		c.empty.Hide()
	}
	c.refHead.SetText(lang.XN("team.refused.title", "Refused by the team server ({{.Count}})", len(refused),
		map[string]any{"Count": len(refused)}))
	if len(refused) == 0 {
		c.body.Objects = []fyne.CanvasObject{c.top}
	} else {
		c.body.Objects = []fyne.CanvasObject{c.split}
	}
	c.body.Refresh()
	c.list.Refresh()
	c.refList.Refresh()
}

// Resolve keeps one side of the conflict with id, off the Fyne goroutine,
// then reads the list again and tells the shell (the status area's count).
func (c *Conflicts) Resolve(id domain.ConflictID, choice domain.ConflictChoice) {
	if c.busy[id] {
		return
	}
	c.busy[id] = true
	c.list.Refresh()
	c.d.Run(func() {
		err := c.d.Team.Resolve(context.Background(), id, choice)
		var st *domain.TeamStatus
		if err == nil {
			st, _ = c.d.Team.Status(context.Background())
		}
		fyne.Do(func() {
			delete(c.busy, id)
			if err != nil && domain.ErrorCode(err) != domain.ENotFound {
				alert.Error(c.d.Window, err)
			}
			c.Reload()
			if st != nil && c.d.Changed != nil {
				c.d.Changed(st)
			}
			if err == nil && choice == domain.KeepMine && c.d.Resolved != nil {
				c.d.Resolved()
			}
		})
	})
}

// conflictRow is one conflict: what and where, the team's value with who
// and when, this file's value, and the two buttons.
type conflictRow struct {
	widget.BaseWidget
	title, theirs, mine *widget.Label
	keepTheirs, keepMin *widget.Button
}

func newConflictRow() fyne.CanvasObject {
	r := &conflictRow{
		title:      widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		theirs:     widget.NewLabel(""),
		mine:       widget.NewLabel(""),
		keepTheirs: widget.NewButton(lang.X("team.conflicts.keep_theirs", "Keep the team's"), nil),
		keepMin:    widget.NewButton(lang.X("team.conflicts.keep_mine", "Keep mine"), nil),
	}
	for _, l := range []*widget.Label{r.title, r.theirs, r.mine} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	r.keepMin.Importance = widget.HighImportance
	r.ExtendBaseWidget(r)
	return r
}

func (r *conflictRow) CreateRenderer() fyne.WidgetRenderer {
	buttons := container.NewVBox(r.keepTheirs, r.keepMin)
	return widget.NewSimpleRenderer(container.NewBorder(nil, widget.NewSeparator(), nil, buttons,
		container.NewVBox(r.title, r.theirs, r.mine)))
}

func (c *Conflicts) updateConflict(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(c.items) {
		return
	}
	r, k := o.(*conflictRow), c.items[i]
	theirs, mine := sides(k)
	r.title.SetText(k.Record + " — " + fieldName(k.Field))
	by := when(k.When, c.d.Locale)
	if k.Who != "" {
		by = k.Who + ", " + by
	}
	if k.Kind == domain.ConflictJoined {
		r.theirs.SetText(lang.X("team.conflicts.theirs_joined", "Team: {{.Value}}", map[string]any{"Value": theirs}))
	} else {
		r.theirs.SetText(lang.X("team.conflicts.theirs", "Team: {{.Value}} ({{.By}})", map[string]any{"Value": theirs, "By": by}))
	}
	r.mine.SetText(lang.X("team.conflicts.mine", "Yours: {{.Value}}", map[string]any{"Value": mine}))
	id := k.ID
	r.keepTheirs.OnTapped = func() { c.Resolve(id, domain.KeepTheirs) }
	r.keepMin.OnTapped = func() { c.Resolve(id, domain.KeepMine) }
	if c.busy[id] {
		r.keepTheirs.Disable()
		r.keepMin.Disable()
	} else {
		r.keepTheirs.Enable()
		r.keepMin.Enable()
	}
}

// sides are the two values of a conflict as a person reads them.
func sides(k domain.Conflict) (theirs, mine string) {
	if k.Kind != domain.ConflictDeleted {
		return valueText(k.Kept), valueText(k.Lost)
	}
	if k.DeletedHere {
		return lang.X("team.conflicts.edited_there", "edited on the team server"), lang.X("team.conflicts.deleted_here", "deleted here")
	}
	mine = lang.X("team.conflicts.edited_here", "edited here")
	if k.Lost != "" {
		mine += ": " + k.Lost
	}
	return lang.X("team.conflicts.deleted_there", "deleted on the team server"), mine
}

// refusedRow is one refused change: what it did to which record, and why.
type refusedRow struct {
	widget.BaseWidget
	title, why *widget.Label
}

func newRefusedRow() fyne.CanvasObject {
	r := &refusedRow{title: widget.NewLabel(""), why: widget.NewLabel("")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.why.Truncation = fyne.TextTruncateEllipsis
	r.why.Importance = widget.WarningImportance
	r.ExtendBaseWidget(r)
	return r
}

func (r *refusedRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(r.title, r.why))
}

func (c *Conflicts) updateRefused(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(c.refused) {
		return
	}
	r, x := o.(*refusedRow), c.refused[i]
	what := opName(x.Op)
	if f := refusedFields(x); f != "" {
		what += " " + f
	}
	r.title.SetText(lang.X("team.refused.what", "{{.Record}}: {{.What}} · {{.When}}",
		map[string]any{"Record": x.Record, "What": what, "When": when(x.At, c.d.Locale)}))
	r.why.SetText(refusedReason(x))
}

// refusedFields lists what a refused change set: "Credit limit 50000.00".
func refusedFields(x domain.RefusedChange) string {
	if x.Op == "delete" {
		return ""
	}
	names := make([]string, 0, len(x.Fields))
	for k := range x.Fields {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = fieldName(k) + " " + valueText(x.Fields[k])
	}
	return strings.Join(parts, ", ")
}

// refusedReason is why the server refused a change, in the person's
// language where Kontor words it.
func refusedReason(x domain.RefusedChange) string {
	if x.ReasonKey == "" {
		return capital(x.Reason)
	}
	args := map[string]any{}
	for k, v := range x.ReasonArgs {
		args[k] = v
	}
	if f, ok := args["Field"].(string); ok {
		args["Field"] = fieldName(f)
	}
	return capital(lang.X(x.ReasonKey, x.Reason, args))
}

// capital starts a sentence with a capital letter.
func capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
