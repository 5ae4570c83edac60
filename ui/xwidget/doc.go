// Package xwidget holds the widgets Kontor's screens share: a search entry
// that steers a list of hits from the keyboard, and a form field that shows its
// problem under the entry.
package xwidget
