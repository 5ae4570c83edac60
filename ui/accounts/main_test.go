package accounts

import (
	"testing"

	"kontor/ui/uitest"
)

func TestMain(m *testing.M) { uitest.Main(m) }
