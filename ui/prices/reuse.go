package prices

import "kontor/domain"

// PickProduct opens the product picker (folded search of active products by
// SKU or name, arrows and Enter) over d.Window with text typed; chosen runs
// with the product picked. Quotes and orders pick their lines with it.
func PickProduct(d Deps, text string, chosen func(*domain.Product)) {
	d.defaults()
	newProductPicker(&d, text, chosen)
}

// Explain puts a resolution into words in the language in use: the price, its
// source, and one line for the winning agreement followed by one per other
// candidate ("why this price?"). p may be nil.
func Explain(loc domain.Locale, p *domain.Product, r *domain.Resolution) (price, source string, lines []string) {
	x := explain(loc, p, r)
	return x.price, x.source, x.lines
}
