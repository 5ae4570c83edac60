package domain

import (
	"strings"
)

// PastedLine is one non-blank line of pasted text.
type PastedLine struct {
	Line     int    // 1-based line number in the pasted text
	Text     string // the line as pasted (without its line break)
	SKU      string
	Quantity Quantity
	Product  *Product // set by MatchProducts
	Problem  *Error   // why the line was not recognised; nil when it was
}

// PasteResult splits pasted lines into those recognised and those not. Every
// non-blank line of the text is in exactly one of the two, in text order:
// nothing is dropped silently.
type PasteResult struct {
	Lines    []PastedLine
	Rejected []PastedLine
}

// ParsePaste reads lines copied from a spreadsheet or an e-mail: "SKU<TAB>qty"
// or "SKU;qty", one a line. A line with more cells (SKU, name, qty copied from a
// sheet) takes the first cell as the SKU and the last non-empty one as the
// quantity; a line with neither a tab nor a semicolon splits at its last run of
// spaces ("ABC-1  12"). Blank lines are skipped. Whether the SKU exists is
// MatchProducts' business.
func ParsePaste(text string) PasteResult {
	var res PasteResult
	text = strings.TrimPrefix(text, "\ufeff")
	for n, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		raw = strings.TrimSuffix(raw, "\r")
		if strings.TrimSpace(raw) == "" {
			continue
		}
		pl := PastedLine{Line: n + 1, Text: raw}
		sku, qty, ok := splitPasted(raw)
		pl.SKU = sku
		switch {
		case !ok:
			pl.Problem = Errorf(EInvalid, "paste.no_quantity", "line {{.Line}}: no quantity after the SKU (write SKU, a tab or ;, then the quantity)",
				map[string]any{"Line": pl.Line})
		case sku == "":
			pl.Problem = Errorf(EInvalid, "paste.no_sku", "line {{.Line}}: no SKU before the quantity", map[string]any{"Line": pl.Line})
		default:
			q, err := ParseQuantity(qty)
			switch {
			case err != nil:
				pl.Problem = Errorf(EInvalid, "paste.bad_quantity", "line {{.Line}}: {{.Value}} is not a quantity",
					map[string]any{"Line": pl.Line, "Value": qty})
			case q <= 0:
				pl.Problem = Errorf(EInvalid, "paste.quantity_positive", "line {{.Line}}: the quantity must be more than 0",
					map[string]any{"Line": pl.Line})
			}
			pl.Quantity = q
		}
		if pl.Problem != nil {
			res.Rejected = append(res.Rejected, pl)
		} else {
			res.Lines = append(res.Lines, pl)
		}
	}
	return res
}

// splitPasted cuts a line into its SKU and quantity cells.
func splitPasted(s string) (sku, qty string, ok bool) {
	var cells []string
	switch {
	case strings.Contains(s, "\t"):
		cells = strings.Split(s, "\t")
	case strings.Contains(s, ";"):
		cells = strings.Split(s, ";")
	default:
		f := strings.Fields(s)
		if len(f) < 2 {
			return strings.TrimSpace(s), "", false
		}
		// "ABC-1 1 000" groups thousands with a space: the SKU is the first word.
		return f[0], strings.Join(f[1:], " "), true
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	sku = cells[0]
	for i := len(cells) - 1; i > 0; i-- {
		if cells[i] != "" {
			return sku, cells[i], true
		}
	}
	return sku, "", false
}

// MatchProducts looks each recognised line's SKU up with find (nil, nil: no
// such product) and moves to Rejected, with why, the lines whose SKU is unknown
// or inactive or whose quantity has more decimals than the product's unit
// allows. Rejected stays in text order. An error of find itself is returned
// and the result left as it was.
func (r *PasteResult) MatchProducts(find func(sku string) (*Product, error)) error {
	var keep, rejected []PastedLine
	for _, pl := range r.Lines {
		p, err := find(pl.SKU)
		if err != nil && ErrorCode(err) != ENotFound {
			return err
		}
		switch {
		case p == nil:
			pl.Problem = Errorf(EInvalid, "paste.unknown_sku", "line {{.Line}}: no product with SKU {{.SKU}}",
				map[string]any{"Line": pl.Line, "SKU": pl.SKU})
		case !p.Active:
			pl.Problem = Errorf(EInvalid, "paste.inactive", "line {{.Line}}: {{.SKU}} is no longer sold",
				map[string]any{"Line": pl.Line, "SKU": p.SKU})
		default:
			if err := p.Unit.Check(pl.Quantity); err != nil {
				e, _ := AsError(err)
				pl.Problem = Errorf(EInvalid, "paste.unit_decimals", "line {{.Line}}: {{.Why}}",
					map[string]any{"Line": pl.Line, "Why": e.Error()})
			}
		}
		pl.Product = p
		if pl.Problem != nil {
			rejected = append(rejected, pl)
		} else {
			pl.SKU = p.SKU
			keep = append(keep, pl)
		}
	}
	r.Lines = keep
	r.Rejected = mergeByLine(r.Rejected, rejected)
	return nil
}

func mergeByLine(a, b []PastedLine) []PastedLine {
	out := make([]PastedLine, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || (i < len(a) && a[i].Line < b[j].Line) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// NewLine makes a document line of a recognised pasted line, unpriced (price it
// with PriceService.Reprice and ApplyPrices).
func (pl *PastedLine) NewLine() DocumentLine {
	return NewDocumentLine(pl.Product, pl.Quantity)
}

// NewDocumentLine makes a line of product p, unpriced; the list price stands in
// until the document is repriced.
func NewDocumentLine(p *Product, q Quantity) DocumentLine {
	return DocumentLine{ProductID: p.ID, SKU: p.SKU, Name: p.Name, Unit: p.Unit, Quantity: q,
		Price: p.ListPrice, EnginePrice: p.ListPrice, Source: SourceList, VATRate: p.VATRate}
}
