package main

import (
	"errors"
	"io/fs"
	"os"

	"kontor/domain"
)

// makeFolder creates a missing output folder (and its parents), as most
// command-line tools do; an existing one is left as it is, and a path that
// names a file is left for the batch to refuse with its own message.
func makeFolder(dir string) error {
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return domain.Errorf(domain.EInvalid, "batch.folder_create", "the folder {{.Path}} cannot be created: {{.Reason}}",
			map[string]any{"Path": dir, "Reason": err.Error()})
	}
	return nil
}
