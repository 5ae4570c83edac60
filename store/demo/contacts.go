package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"kontor/domain"
	"kontor/store"
)

// demoContactCounts averages three people an account.
var demoContactCounts = []int{1, 2, 2, 3, 3, 3, 3, 4, 4, 5}

func genContacts(g *demo, b *store.Bulk, tick func(int)) error {
	r := g.rng("contacts")
	g.contacts = make([][]demoContactRef, len(g.accounts))
	// The table is empty (there are no accounts): the ids are 1, 2, 3, ….
	return produced(b, tick, func(emit func(store.Row, int) bool) error {
		id := domain.ContactID(0)
		for i := range g.accounts {
			a := &g.accounts[i]
			n := demoContactCounts[r.IntN(len(demoContactCounts))]
			used := map[string]bool{}
			for k := 0; k < n; k++ {
				f := demoContact(r, a, k, used)
				if err := f.Validate(); err != nil {
					return fmt.Errorf("generated contact %s of %s: %w", f.FullName(), a.fields.Code, err)
				}
				created := a.created.Add(time.Duration(r.Int64N(int64(g.now.Sub(a.created))/4 + 1)))
				id++
				g.contacts[i] = append(g.contacts[i], demoContactRef{id: int64(id), name: f.FirstName + " " + f.LastName})
				if !emit(store.ContactRow(&domain.Contact{ID: id, AccountID: domain.AccountID(a.id), ContactFields: f,
					CreatedAt: created, UpdatedAt: created}), 1) {
					return nil
				}
			}
		}
		return nil
	})
}

// demoContact makes the k-th person of an account: the owner or a director
// first, then a buyer, then accounts, then anyone. used holds the e-mail
// addresses already given at this account.
func demoContact(r *rand.Rand, a *demoAccount, k int, used map[string]bool) domain.ContactFields {
	female := r.IntN(2) == 0
	var role demoRole
	switch k {
	case 0:
		role = demoRoleOwner[r.IntN(len(demoRoleOwner))]
		if !a.company() && role.m == "Prezes Zarządu" {
			role = demoRole{"Wspólnik", "Wspólniczka"} // partnerships have no board
		}
	case 1:
		role = demoRoleBuyer[r.IntN(len(demoRoleBuyer))]
	case 2:
		role = demoRoleAccounts[r.IntN(len(demoRoleAccounts))]
		female = r.IntN(10) < 8 // most bookkeepers in Polish firms are women
	default:
		role = demoRoleOther[r.IntN(len(demoRoleOther))]
		if (a.horeca || a.fields.CustomerGroup == "HoReCa") && r.IntN(2) == 0 {
			role = demoRoleChef
		}
	}
	var f domain.ContactFields
	if k == 0 && a.owner[0] != "" {
		// A sole trader's first contact is the owner named in the firm.
		f.FirstName, f.LastName, role = a.owner[0], a.owner[1], demoRole{"Właściciel", "Właścicielka"}
		female = containsString(demoFirstFemale, a.owner[0])
		f.Phone = "+48 " + pick(r, demoMobilePrefixes) + " " + demoDigits(r, 3) + " " + demoDigits(r, 3)
	} else if c := a.country; c != nil {
		s := c.surnames[r.IntN(len(c.surnames))]
		f.FirstName, f.LastName = pick(r, c.firstMale), s.m
		if female {
			f.FirstName, f.LastName = pick(r, c.firstFemale), s.f
		}
		f.Phone = c.mobilePhone(r)
	} else {
		s := pick(r, demoSurnames)
		f.FirstName, f.LastName = pick(r, demoFirstMale), s
		if female {
			f.FirstName, f.LastName = pick(r, demoFirstFemale), femineSurname(s)
		}
		f.Phone = "+48 " + pick(r, demoMobilePrefixes) + " " + demoDigits(r, 3) + " " + demoDigits(r, 3)
	}
	f.Role = role.m
	if female {
		f.Role = role.f
	}
	switch n := r.IntN(100); {
	case n < 8:
		f.Phone = ""
	case n < 14 && a.fields.Phone != "":
		f.Phone = a.fields.Phone + " wew. " + strconv.Itoa(10+r.IntN(90))
	}
	if r.IntN(100) >= 6 {
		f.Email = demoEmail(r, f.FirstName, f.LastName, a.domain, used)
	}
	return f
}

// demoEmail builds an address from the folded names ("jan.kowalski",
// "j.kowalski", "jkowalski") at the company's domain, or at a free mail
// provider for firms without one; unique within the account.
func demoEmail(r *rand.Rand, first, last, dom string, used map[string]bool) string {
	fi, la := asciiWord(first), asciiWord(last)
	var local string
	switch n := r.IntN(100); {
	case n < 55:
		local = fi + "." + la
	case n < 80:
		local = fi[:1] + "." + la
	case n < 90:
		local = fi[:1] + la
	default:
		local = fi
	}
	if dom == "" {
		dom = pick(r, []string{"wp.pl", "o2.pl", "onet.pl", "interia.pl", "gmail.com"})
		local = fi + "." + la
	}
	addr := local + "@" + dom
	for n := 2; used[addr]; n++ {
		addr = local + strconv.Itoa(n) + "@" + dom
	}
	used[addr] = true
	return addr
}

// company reports whether the account is a company with a board (Sp. z o.o., S.A.).
func (a *demoAccount) company() bool {
	return strings.Contains(a.fields.Name, "Sp. z o.o.") || strings.Contains(a.fields.Name, "S.A.") ||
		strings.Contains(a.fields.Name, "GmbH") || strings.Contains(a.fields.Name, "s.r.o.") || strings.Contains(a.fields.Name, "UAB")
}
