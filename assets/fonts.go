package assets

import _ "embed"

// DejaVu Sans, regular and bold, for PDFs: the core PDF fonts cannot print
// Polish letters (ł, ż, …). Its license is fonts/LICENSE-DejaVu.txt.
var (
	//go:embed fonts/DejaVuSans.ttf
	DejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	DejaVuSansBold []byte
)
