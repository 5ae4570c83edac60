package accounts

import "kontor/ui/xwidget"

// The list's columns: code, name, last contact, city, tax ID, customer group,
// owner. A narrow list beside an open account drops them from the right,
// keeping code and name.
var listColumns = xwidget.Columns{Widths: []float32{170, 160, 140, 115, 115, 110, 160}, Flex: 1}
