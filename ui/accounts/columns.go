package accounts

import "kontor/ui/xwidget"

// The list's columns: code, name, last contact, city, tax ID, customer group,
// owner. A narrow list beside an open account drops them from the right,
// keeping code and name.
// Code, last contact and tax ID are never cut: the code column widens to the
// codes shown.
var listColumns = xwidget.Columns{Widths: []float32{150, 200, 110, 115, 115, 110, 160}, Flex: 1, Whole: []int{0, 2, 4}}
