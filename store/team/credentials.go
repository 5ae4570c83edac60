package team

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Credentials keeps a person's team password outside the database.
type Credentials interface {
	// Password returns the password kept for login at server; "" when none.
	Password(server, login string) (string, error)
	// SetPassword keeps password for login at server.
	SetPassword(server, login, password string) error
}

// FileCredentials keeps passwords in a 0600 file beside the database
// (DATABASE.team-secret): the fallback where the system offers no keyring.
type FileCredentials struct{ Path string }

// CredentialsFor returns where the password of the file at dbPath is kept:
// the OS keyring where one answers, else a 0600 file beside the database.
func CredentialsFor(dbPath string) Credentials {
	file := FileCredentials{Path: dbPath + ".team-secret"}
	if k := systemKeyring(); k != nil {
		return keyringCredentials{keyring: k, fallback: file}
	}
	return file
}

type secretFile map[string]string // server + " " + login → password

func (f FileCredentials) read() (secretFile, error) {
	b, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return secretFile{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Path, err)
	}
	m := secretFile{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Path, err)
	}
	return m, nil
}

// Password implements Credentials.
func (f FileCredentials) Password(server, login string) (string, error) {
	m, err := f.read()
	if err != nil {
		return "", err
	}
	return m[server+" "+login], nil
}

// SetPassword implements Credentials: written to a new 0600 file renamed over
// the old one, so the file is never half-written nor readable by others.
func (f FileCredentials) SetPassword(server, login, password string) error {
	m, err := f.read()
	if err != nil {
		return err
	}
	m[server+" "+login] = password
	b, _ := json.MarshalIndent(m, "", "  ")
	tmp, err := os.CreateTemp(filepath.Dir(f.Path), ".team-secret-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), f.Path)
}

// keyring is the OS's secret store.
type keyring interface {
	get(service, user string) (string, error)
	set(service, user, secret string) error
}

type keyringCredentials struct {
	keyring  keyring
	fallback FileCredentials
}

const keyringService = "Kontor team server"

func (k keyringCredentials) Password(server, login string) (string, error) {
	if p, err := k.keyring.get(keyringService, login+"@"+server); err == nil && p != "" {
		return p, nil
	}
	return k.fallback.Password(server, login)
}

func (k keyringCredentials) SetPassword(server, login, password string) error {
	if err := k.keyring.set(keyringService, login+"@"+server, password); err == nil {
		return nil
	}
	return k.fallback.SetPassword(server, login, password)
}

// systemKeyring is the OS keyring when one is reachable, else nil. Set by
// the platform's file (keyring_*.go).
var systemKeyring = func() keyring { return nil }
