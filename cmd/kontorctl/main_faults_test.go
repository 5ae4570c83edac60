package main

import (
	"os"
	"testing"

	"kontor/store/storetest"
)

// TestMain lets storetest run kontorctl under a file-size limit and remove
// the kontorctl it builds for the fault tests.
func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }
