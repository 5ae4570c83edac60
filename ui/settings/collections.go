package settings

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kontor/domain"
	"kontor/ui/alert"
	"kontor/ui/language"
	"kontor/ui/xwidget"
)

// levelRow is one reminder level's fields.
type levelRow struct {
	days     *widget.Entry
	pl, en   *widget.Entry
	interest *widget.Check
}

// collectionsSettings is the Collections section: the reminder levels (days
// overdue, wording in both languages, whether the letter claims interest and
// compensation), the days a reminder gives to pay, the statutory interest
// table with periods a user adds after Kontor's, and the import of NBP
// exchange rates.
type collectionsSettings struct {
	s        *Screen
	content  fyne.CanvasObject
	levels   *fyne.Container
	rows     []*levelRow
	deadline *widget.Entry
	status   *widget.Label
	loaded   string // the levels and deadline as loaded or saved (formText); "" before the load

	rates    *widget.Label
	from, to *widget.Entry
	rate     *widget.Entry
	addBtn   *widget.Button
	dropBtn  *widget.Button
	table    domain.RateTable
	nbpBtn   *widget.Button
	nbpState *widget.Label
}

func newCollectionsSettings(s *Screen) *collectionsSettings {
	c := &collectionsSettings{s: s}
	c.levels = container.NewVBox()
	c.deadline = widget.NewEntry()
	c.deadline.OnChanged = func(string) { c.edited() }
	add := widget.NewButtonWithIcon(lang.X("settings.collections.add_level", "Add a level"), theme.ContentAddIcon(), func() {
		last := 0
		if n := len(c.rows); n > 0 {
			last, _ = strconv.Atoi(strings.TrimSpace(c.rows[n-1].days.Text))
		}
		c.addRow(domain.ReminderLevel{Days: last + 30})
		xwidget.Relayout(c.levels)
		c.edited()
	})
	drop := widget.NewButtonWithIcon(lang.X("settings.collections.drop_level", "Remove the last level"), theme.ContentRemoveIcon(), func() {
		if n := len(c.rows); n > 1 {
			c.rows = c.rows[:n-1]
			c.levels.Remove(c.levels.Objects[len(c.levels.Objects)-1])
			xwidget.Relayout(c.levels)
			c.edited()
		}
	})
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	c.rates = widget.NewLabel("")
	c.rates.Wrapping = fyne.TextWrapWord
	c.from, c.to, c.rate = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	xwidget.DatePicker(c.from, language.Locale(), false, nil)
	xwidget.DatePicker(c.to, language.Locale(), false, nil)
	c.from.SetPlaceHolder(lang.X("settings.collections.from", "from, e.g. 01.01.2027"))
	c.to.SetPlaceHolder(lang.X("settings.collections.to", "to, e.g. 30.06.2027"))
	c.rate.SetPlaceHolder(lang.X("settings.collections.rate", "% a year"))
	c.addBtn = widget.NewButtonWithIcon(lang.X("settings.collections.add_rate", "Add period"), theme.ContentAddIcon(), c.addRate)
	c.dropBtn = widget.NewButtonWithIcon(lang.X("settings.collections.drop_rate", "Remove the last added period"), theme.DeleteIcon(), c.dropRate)
	c.nbpBtn = widget.NewButtonWithIcon(lang.X("settings.collections.nbp", "Import NBP table A…"), theme.UploadIcon(), c.importNBP)
	c.nbpState = widget.NewLabel(lang.X("settings.collections.nbp_hint",
		"The compensation for recovery costs is converted at NBP's average EUR rate (table A). Import the JSON NBP's API returns (api.nbp.pl, tables/A) or NBP's yearly archive CSV."))
	c.nbpState.Wrapping = fyne.TextWrapWord
	if s.d.ImportRates == nil {
		c.nbpBtn.Hide()
	}
	title := widget.NewLabelWithStyle(lang.X("settings.collections.title", "Collections"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading := func(key, text string) *widget.Label {
		return widget.NewLabelWithStyle(lang.X(key, text), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.content = container.NewVBox(widget.NewSeparator(), title,
		heading("settings.collections.levels", "Payment reminder levels"), c.levels,
		container.NewHBox(add, drop),
		widget.NewForm(widget.NewFormItem(lang.X("settings.collections.deadline", "Days to pay after a reminder"), c.deadline)),
		c.status,
		heading("settings.collections.rates", "Statutory interest for delay in commercial transactions"), c.rates,
		container.NewGridWithColumns(4, c.from, c.to, c.rate, c.addBtn), container.NewHBox(c.dropBtn),
		heading("settings.collections.nbp_title", "NBP exchange rates"), c.nbpState, container.NewHBox(c.nbpBtn))
	c.load()
	return c
}

func (c *collectionsSettings) addRow(l domain.ReminderLevel) {
	r := &levelRow{days: widget.NewEntry(), pl: widget.NewMultiLineEntry(), en: widget.NewMultiLineEntry(),
		interest: widget.NewCheck(lang.X("settings.collections.interest", "Claim interest and compensation"), nil)}
	r.days.SetText(strconv.Itoa(l.Days))
	r.pl.SetText(l.WordingPL)
	r.en.SetText(l.WordingEN)
	r.pl.Wrapping, r.en.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	r.pl.SetMinRowsVisible(2)
	r.en.SetMinRowsVisible(2)
	r.interest.SetChecked(l.AddInterest)
	for _, e := range []*widget.Entry{r.days, r.pl, r.en} {
		e.OnChanged = func(string) { c.edited() }
	}
	r.interest.OnChanged = func(bool) { c.edited() }
	c.rows = append(c.rows, r)
	n := len(c.rows)
	form := widget.NewForm(
		widget.NewFormItem(lang.X("settings.collections.level", "Level {{.Level}}: days overdue", map[string]any{"Level": n}), r.days),
		widget.NewFormItem(lang.X("settings.collections.wording_pl", "Wording (Polish)"), r.pl),
		widget.NewFormItem(lang.X("settings.collections.wording_en", "Wording (English)"), r.en),
		widget.NewFormItem("", r.interest))
	c.levels.Add(form)
}

// load reads the levels and the rate table on the worker.
func (c *collectionsSettings) load() {
	d := c.s.d
	d.Run(func() {
		rs, err := d.Collections.ReminderSettings(context.Background())
		var t domain.RateTable
		if err == nil {
			t, err = d.Collections.InterestRates(context.Background())
		}
		fyne.Do(func() {
			if err != nil {
				alert.Error(d.Window, err)
				return
			}
			c.showLevels(rs)
			c.showRates(t)
		})
	})
}

// showLevels shows the levels and deadline as stored.
func (c *collectionsSettings) showLevels(rs domain.ReminderSettings) {
	c.loaded = ""
	c.levels.RemoveAll()
	c.rows = nil
	for _, l := range rs.Levels {
		c.addRow(l)
	}
	c.deadline.SetText(strconv.Itoa(rs.DeadlineDays))
	c.loaded = c.formText()
	xwidget.Relayout(c.levels)
	c.s.changed()
}

// formText is the levels and deadline as typed, to tell a change.
func (c *collectionsSettings) formText() string {
	var b strings.Builder
	for _, r := range c.rows {
		fmt.Fprintf(&b, "%s\x00%s\x00%s\x00%v\x00", r.days.Text, r.pl.Text, r.en.Text, r.interest.Checked)
	}
	return b.String() + c.deadline.Text
}

// edited is the user's change of the levels: the screen's Save takes it.
func (c *collectionsSettings) edited() {
	if c.loaded == "" {
		return // still loading
	}
	c.s.changed()
}

func (c *collectionsSettings) dirty() bool { return c.loaded != "" && c.formText() != c.loaded }

func (c *collectionsSettings) discard() { c.load() }

func (c *collectionsSettings) showRates(t domain.RateTable) {
	c.table = t
	loc := language.Locale()
	var lines []string
	for _, p := range t {
		line := loc.FormatDate(p.From) + " – " + loc.FormatDate(p.To) + ": " + loc.FormatDecimal(p.Rate, 2) + " %"
		if !p.Shipped {
			line += " " + lang.X("settings.collections.added", "(added)")
		}
		lines = append(lines, line)
	}
	c.rates.SetText(strings.Join(lines, "\n"))
	c.dropBtn.Disable()
	if n := len(t); n > 0 && !t[n-1].Shipped {
		c.dropBtn.Enable()
	}
	if n := len(t); n > 0 {
		c.from.SetText(loc.FormatDate(t[n-1].To.AddDays(1)))
	}
}

// settingsFromForm reads the levels typed; a number that is not one is refused.
func (c *collectionsSettings) settingsFromForm() (domain.ReminderSettings, error) {
	var rs domain.ReminderSettings
	for i, r := range c.rows {
		days, err := strconv.Atoi(strings.TrimSpace(r.days.Text))
		if err != nil {
			return rs, domain.Errorf(domain.EInvalid, "reminders.levels_days",
				"reminder level {{.Level}}: the days overdue must be more than the level before's (1 to 3650)", map[string]any{"Level": i + 1})
		}
		rs.Levels = append(rs.Levels, domain.ReminderLevel{Days: days, WordingPL: strings.TrimSpace(r.pl.Text),
			WordingEN: strings.TrimSpace(r.en.Text), AddInterest: r.interest.Checked})
	}
	days, err := strconv.Atoi(strings.TrimSpace(c.deadline.Text))
	if err != nil {
		return rs, domain.Errorf(domain.EInvalid, "reminders.deadline_days", "the days to pay after a reminder are 1 to 90", nil)
	}
	rs.DeadlineDays = days
	return rs, rs.Validate()
}

func (c *collectionsSettings) save(done func(bool)) {
	d := c.s.d
	rs, err := c.settingsFromForm()
	if err != nil {
		c.status.SetText(alert.Message(err))
		done(false)
		return
	}
	d.Run(func() {
		err := d.Collections.SaveReminderSettings(context.Background(), rs)
		fyne.Do(func() {
			if err != nil {
				c.status.SetText(alert.Message(err))
				done(false)
				return
			}
			c.status.SetText("")
			c.loaded = c.formText()
			done(true)
		})
	})
}

// addRate adds a period after the table's last; a gap or an overlap is
// refused with the reason, the fields kept.
func (c *collectionsSettings) addRate() {
	d := c.s.d
	from, err1 := xwidget.ParseDate(c.from.Text)
	to, err2 := xwidget.ParseDate(c.to.Text)
	rate, err3 := domain.ParseDecimal(c.rate.Text, 4)
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			c.status.SetText(alert.Message(err))
			return
		}
	}
	p := domain.RatePeriod{From: from, To: to, Rate: rate}
	d.Run(func() {
		err := d.Collections.AddInterestRate(context.Background(), p)
		var t domain.RateTable
		if err == nil {
			t, err = d.Collections.InterestRates(context.Background())
		}
		fyne.Do(func() {
			if err != nil {
				c.status.SetText(alert.Message(err))
				return
			}
			c.to.SetText("")
			c.rate.SetText("")
			c.status.SetText(lang.X("settings.collections.rate_added", "The period is added."))
			c.showRates(t)
		})
	})
}

func (c *collectionsSettings) dropRate() {
	d := c.s.d
	if n := len(c.table); n == 0 || c.table[n-1].Shipped {
		return
	}
	from := c.table[len(c.table)-1].From
	d.Run(func() {
		err := d.Collections.DeleteInterestRate(context.Background(), from)
		var t domain.RateTable
		if err == nil {
			t, err = d.Collections.InterestRates(context.Background())
		}
		fyne.Do(func() {
			if err != nil {
				c.status.SetText(alert.Message(err))
				return
			}
			c.showRates(t)
		})
	})
}

// importNBP asks for an NBP file and imports it; a wrong table or shape is
// refused with NBP's words for what is expected.
func (c *collectionsSettings) importNBP() {
	d := c.s.d
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			alert.Error(d.Window, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		c.ImportFile(path)
	}, d.Window)
	xwidget.ShowFileDialog(dlg, d.Window)
}

// ImportFile imports the NBP rates in path (the file dialog's answer; tests).
func (c *collectionsSettings) ImportFile(path string) {
	d := c.s.d
	d.Run(func() {
		tables, n, err := d.ImportRates(context.Background(), path)
		fyne.Do(func() {
			if err != nil {
				c.nbpState.SetText(alert.Message(err))
				return
			}
			c.nbpState.SetText(lang.X("settings.collections.nbp_done", "{{.Tables}} NBP tables imported, {{.Rates}} rates.",
				map[string]any{"Tables": tables, "Rates": n}))
		})
	})
}
