package store

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is the database both kontor and kontorctl use unless told
// otherwise: $KONTOR_DB, else kontor/kontor.db in the user's data folder
// ($XDG_DATA_HOME or ~/.local/share on Linux, ~/Library/Application Support on
// macOS, %LOCALAPPDATA% on Windows).
func DefaultPath() string {
	if p := os.Getenv("KONTOR_DB"); p != "" {
		return p
	}
	return filepath.Join(dataDir(), "kontor", "kontor.db")
}

func dataDir() string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return d
		}
		return filepath.Join(home, "AppData", "Local")
	case "darwin":
		return filepath.Join(home, "Library", "Application Support")
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d
	}
	return filepath.Join(home, ".local", "share")
}
