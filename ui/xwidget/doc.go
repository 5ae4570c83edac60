// Package xwidget holds the widgets and the editing plumbing Kontor's
// screens share: a search entry that steers a list of hits from the
// keyboard, a form field that shows its problem under the entry, the state
// of an editor's form (problems, unsaved changes, saves one at a time with
// the version loaded) and a list beside the record open from it.
package xwidget
