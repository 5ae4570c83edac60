package team

import (
	"errors"

	"github.com/godbus/dbus/v5"
)

// The freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC …) over
// the session D-Bus: the OS keyring of a Linux desktop. Where no session bus
// or no service answers, passwords go to the 0600 file instead.

const (
	secretsName       = "org.freedesktop.secrets"
	secretsPath       = dbus.ObjectPath("/org/freedesktop/secrets")
	secretsCollection = dbus.ObjectPath("/org/freedesktop/secrets/aliases/default")
	secretsService    = "org.freedesktop.Secret.Service"
)

// secret is the Secret Service's Secret struct (oayays).
type secret struct {
	Session     dbus.ObjectPath
	Parameters  []byte
	Value       []byte
	ContentType string
}

type secretService struct{ conn *dbus.Conn }

func init() {
	systemKeyring = func() keyring {
		conn, err := dbus.SessionBus()
		if err != nil {
			return nil
		}
		var has bool
		if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, secretsName).Store(&has); err != nil || !has {
			return nil
		}
		return secretService{conn: conn}
	}
}

func (s secretService) session() (dbus.ObjectPath, error) {
	var out dbus.Variant
	var path dbus.ObjectPath
	err := s.conn.Object(secretsName, secretsPath).Call(secretsService+".OpenSession", 0, "plain", dbus.MakeVariant("")).Store(&out, &path)
	return path, err
}

func attributes(service, user string) map[string]string {
	return map[string]string{"application": "kontor", "service": service, "username": user}
}

func (s secretService) get(service, user string) (string, error) {
	sess, err := s.session()
	if err != nil {
		return "", err
	}
	var unlocked, locked []dbus.ObjectPath
	if err := s.conn.Object(secretsName, secretsPath).Call(secretsService+".SearchItems", 0, attributes(service, user)).Store(&unlocked, &locked); err != nil {
		return "", err
	}
	if len(unlocked) == 0 {
		return "", errors.New("no unlocked secret")
	}
	var sec secret
	if err := s.conn.Object(secretsName, unlocked[0]).Call("org.freedesktop.Secret.Item.GetSecret", 0, sess).Store(&sec); err != nil {
		return "", err
	}
	return string(sec.Value), nil
}

func (s secretService) set(service, user, password string) error {
	sess, err := s.session()
	if err != nil {
		return err
	}
	props := map[string]dbus.Variant{
		"org.freedesktop.Secret.Item.Label":      dbus.MakeVariant("Kontor: " + user),
		"org.freedesktop.Secret.Item.Attributes": dbus.MakeVariant(attributes(service, user)),
	}
	sec := secret{Session: sess, Value: []byte(password), ContentType: "text/plain"}
	var item, prompt dbus.ObjectPath
	if err := s.conn.Object(secretsName, secretsCollection).Call("org.freedesktop.Secret.Collection.CreateItem", 0, props, sec, true).Store(&item, &prompt); err != nil {
		return err
	}
	if prompt != "/" {
		// The keyring is locked and wants a person to unlock it: the file
		// serves instead of a dialog nobody may be there to answer.
		return errors.New("the keyring is locked")
	}
	return nil
}
