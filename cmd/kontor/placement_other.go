//go:build !linux || wayland

package main

import "fyne.io/fyne/v2"

// otherPlacement stands for a platform where Kontor cannot read or set its
// window's position: the window keeps only its size across starts.
type otherPlacement struct{}

func newPlacement(fyne.Window) *otherPlacement { return nil }

func (*otherPlacement) Position() (int, int, bool) { return 0, 0, false }
func (*otherPlacement) Move(int, int)              {}
func (*otherPlacement) pointer() (int, int, bool)  { return 0, 0, false }
