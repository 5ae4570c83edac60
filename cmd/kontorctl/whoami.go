package main

import (
	"os"
	"os/user"
)

// whoAmI names the person kontorctl records as the author of a change (price
// agreements keep who made them): the login name, else $USER, else "kontorctl".
func whoAmI() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "kontorctl"
}
