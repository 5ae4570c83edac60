package xfer

import "strings"

// Schema describes the columns of one kind of file, in export order.
type Schema struct {
	Kind    string // accounts, contacts, …: also the sheet name of an .xlsx export
	Columns []Column
}

// Column is one column of a Schema.
type Column struct {
	Name     string // lower case, the same as the domain field name
	Required bool   // the column must be in the header and its cells non-empty
	Type     Type   // how an .xlsx export writes the cell
	Width    int    // an .xlsx column's width in characters; 0 leaves the spreadsheet's default
	// Multiline text may hold line breaks and tabs; no cell may hold another
	// control character.
	Multiline bool
}

// Type says how a column's cells are written to a spreadsheet. CSV writes every
// cell as text in the machine form (ISO dates, '.' decimals).
type Type int

// Column types.
const (
	Text   Type = iota // a string cell
	Amount             // a number shown with 2 decimals and grouped thousands
	Number             // a number shown as written
)

// index returns the position of the column named name, or -1.
func (s Schema) index(name string) int {
	for i, c := range s.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Names lists the column names in order.
func (s Schema) Names() []string {
	out := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		out[i] = c.Name
	}
	return out
}

// describe lists the columns as the contract writes them: code*, name*, tax_id, …
func (s Schema) describe() string {
	parts := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		parts[i] = c.Name
		if c.Required {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, ", ")
}
