//go:build !linux

package main

import "os"

// noEcho leaves the terminal as it is where kontorctl cannot switch its
// echo off: the password shows as it is typed.
func noEcho(*os.File) (restore func()) { return func() {} }
