//go:build !unix

package storetest

import "errors"

func execLimited(string, []string, []string, int64) error {
	return errors.New("a file-size limit needs a Unix system")
}
