package domain

import (
	"context"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// KSeF (Krajowy System e-Faktur) is the Polish national e-invoicing system.
// Since 1 April 2026 a VAT invoice is issued there as an FA(3) XML file; the
// PDF a customer sees is a visualisation carrying a verification QR code (KOD I).
// Kontor builds each invoice's file once and keeps its exact bytes (the code's
// hash is over them); sending the files is left to whatever the firm uses, and
// the KSeF numbers come back from the official receipt (UPO).

// KSeFEnvironment is the KSeF installation the QR codes point at.
type KSeFEnvironment string

// KSeF environments (docs/kody-qr.md).
const (
	KSeFTest       KSeFEnvironment = "test"
	KSeFDemo       KSeFEnvironment = "demo"
	KSeFProduction KSeFEnvironment = "production"
)

// KSeFEnvironments lists the environments in the order a picker shows them.
var KSeFEnvironments = []KSeFEnvironment{KSeFProduction, KSeFDemo, KSeFTest}

// QRBase is the address the environment's verification links start with.
func (e KSeFEnvironment) QRBase() string {
	switch e {
	case KSeFTest:
		return "https://qr-test.ksef.mf.gov.pl"
	case KSeFDemo:
		return "https://qr-demo.ksef.mf.gov.pl"
	}
	return "https://qr.ksef.mf.gov.pl"
}

// Valid reports whether e is one of KSeFEnvironments.
func (e KSeFEnvironment) Valid() bool {
	for _, k := range KSeFEnvironments {
		if k == e {
			return true
		}
	}
	return false
}

// KSeFStart is the day Polish VAT invoices are issued in KSeF (1 February 2026
// for the largest firms, which set it in Settings).
var KSeFStart = NewDate(2026, 4, 1)

// KSeFSettings are the settings of the e-invoices, kept in the database beside
// the company's details so that kontorctl builds the same files.
type KSeFSettings struct {
	Environment KSeFEnvironment // ksef_environment
	// Start: invoices dated before it are not for KSeF.
	Start Date // ksef_start
	// ExemptionBasis is the provision an exempt (zw) sale relies on, printed
	// on the invoice (FA(3) P_19A): "art. 43 ust. 1 pkt 37 ustawy o VAT".
	ExemptionBasis string // exemption_basis
	PlaceOfIssue   string // place_of_issue: the town the invoice is issued in (FA(3) P_1M), optional
}

// KSeF settings field names.
const (
	FieldKSeFEnvironment = "ksef_environment"
	FieldKSeFStart       = "ksef_start"
	FieldExemptionBasis  = "exemption_basis"
	FieldPlaceOfIssue    = "place_of_issue"
)

// KSeFFieldOrder is the order of the settings in forms.
var KSeFFieldOrder = []string{FieldKSeFEnvironment, FieldKSeFStart, FieldExemptionBasis, FieldPlaceOfIssue}

// DefaultKSeFSettings are the settings never saved: production, from 1 April 2026.
func DefaultKSeFSettings() KSeFSettings {
	return KSeFSettings{Environment: KSeFProduction, Start: KSeFStart}
}

// KSeFTextMax is the longest text FA(3) takes in the fields these settings fill.
const KSeFTextMax = 256

// Validate trims and checks the settings.
func (s *KSeFSettings) Validate() error {
	var fe fieldErrors
	s.ExemptionBasis = strings.Join(strings.Fields(s.ExemptionBasis), " ")
	s.PlaceOfIssue = strings.Join(strings.Fields(s.PlaceOfIssue), " ")
	if !s.Environment.Valid() {
		fe.add(FieldKSeFEnvironment, "ksef.environment_invalid", "{{.Value}} is not a KSeF environment (production, demo or test)",
			map[string]any{"Value": string(s.Environment)})
	}
	if s.Start.IsZero() {
		fe.add(FieldKSeFStart, "field.required", "required", nil)
	}
	for _, f := range []struct{ name, v string }{{FieldExemptionBasis, s.ExemptionBasis}, {FieldPlaceOfIssue, s.PlaceOfIssue}} {
		if utf8.RuneCountInString(f.v) > KSeFTextMax {
			fe.add(f.name, "field.too_long", "at most {{.Max}} characters", map[string]any{"Max": KSeFTextMax})
		}
	}
	return fe.err("ksef.settings_invalid", "the KSeF settings are not valid")
}

// KSeFStatus is where an invoice stands with KSeF.
type KSeFStatus string

// KSeF statuses. An invoice dated from the start date on whose file has not
// been built yet (it was issued by an older Kontor, or the start date moved)
// is pending: its file is built from its stored data on first export or print.
const (
	KSeFPending     KSeFStatus = "pending"      // to be built from the stored invoice
	KSeFWaiting     KSeFStatus = "waiting"      // built, to be sent: no KSeF number yet
	KSeFSent        KSeFStatus = "sent"         // KSeF gave it a number (read from a receipt)
	KSeFNotFor      KSeFStatus = "not_for_ksef" // dated before the KSeF start date
	KSeFCannotBuild KSeFStatus = "cannot_build" // something it needs is missing: Reasons say what
)

// KSeFStatuses lists the statuses in the order filters show them.
var KSeFStatuses = []KSeFStatus{KSeFWaiting, KSeFCannotBuild, KSeFPending, KSeFSent, KSeFNotFor}

// KSeFReason is one thing an invoice's FA(3) file cannot be built without:
// what to fill in and where. Code is stable (seller_nip, buyer_id, …); Key and
// Msg translate it like an error's.
type KSeFReason struct {
	Code string
	Key  string
	Msg  string
	Args map[string]any
}

// String is the English sentence.
func (r KSeFReason) String() string { return Render(r.Msg, r.Args) }

// InvoiceKSeF is an invoice's or a credit note's standing with KSeF.
type InvoiceKSeF struct {
	Invoice InvoiceID
	Kind    InvoiceKind
	Number  string
	Date    Date
	Status  KSeFStatus
	Reasons []KSeFReason // why it cannot be built
	// XML is the FA(3) file exactly as stored; nil until built.
	XML []byte
	// Hash is the SHA-256 of XML in standard Base64 (as a UPO gives it).
	Hash string
	// Link is the verification link of KOD I; blank until built.
	Link      string
	SellerNIP string
	BuiltAt   time.Time
	// KSeFNumber and AssignedAt are what a receipt said: the number KSeF gave
	// the invoice and when. Blank until recorded.
	KSeFNumber string
	AssignedAt time.Time
}

// KSeFCounts are how many invoices and credit notes stand in each status.
type KSeFCounts struct {
	Waiting, Sent, NotForKSeF, CannotBuild, Pending int
	// Late are the waiting ones past the offline24 deadline: not sent by the
	// business day after their date.
	Late int
}

// UPODocument is one invoice a KSeF receipt (UPO) confirms.
type UPODocument struct {
	SellerNIP     string
	InvoiceNumber string
	IssueDate     Date
	KSeFNumber    string
	Hash          string // SHA-256 of the file KSeF received, standard Base64
	AssignedAt    time.Time
}

// UPOOutcome says what became of one document of a receipt.
type UPOOutcome string

// UPO outcomes.
const (
	UPORecorded UPOOutcome = "recorded" // the KSeF number is now the invoice's
	UPOAlready  UPOOutcome = "already"  // the invoice had this number already
	UPORefused  UPOOutcome = "refused"  // Reason says why; nothing recorded for it
)

// UPOResult is one document of a receipt and what became of it.
type UPOResult struct {
	Document UPODocument
	Outcome  UPOOutcome
	Invoice  InvoiceID // 0 when no invoice matched
	Reason   *Error    // for UPORefused
}

// KSeFService keeps the FA(3) files and their KSeF standing.
type KSeFService interface {
	FindKSeFSettings(ctx context.Context) (*KSeFSettings, error)
	// SaveKSeFSettings validates and saves the settings, then builds the files
	// the change makes buildable.
	SaveKSeFSettings(ctx context.Context, s KSeFSettings) (*KSeFSettings, error)
	// InvoiceKSeF returns an invoice's standing, building a pending file first.
	InvoiceKSeF(ctx context.Context, id InvoiceID) (*InvoiceKSeF, error)
	// InvoicesKSeF returns the standing of several invoices (no building): a list's column.
	InvoicesKSeF(ctx context.Context, ids []InvoiceID) (map[InvoiceID]KSeFStatus, error)
	// KSeFCounts counts the statuses as of today (for Late).
	KSeFCounts(ctx context.Context, today Date) (KSeFCounts, error)
	// RecordUPO reads an official receipt and records the KSeF number of each
	// invoice it confirms whose number, seller NIP and file hash match.
	RecordUPO(ctx context.Context, receipt []byte) ([]UPOResult, error)
}

// SplitPaymentOver is the gross total above which an invoice with goods of
// Annex 15 to the VAT act is paid by split payment (MPP): 15,000 PLN.
const SplitPaymentOver Amount = 15_000_00

// SplitPayment reports whether an invoice of gross (a credit note: its
// original's gross) with these lines is under split payment: over 15,000 PLN
// with a line of Annex 15 goods.
func SplitPayment(gross Amount, lines []InvoiceLine, annex15 func(ProductID) bool) bool {
	if gross <= SplitPaymentOver {
		return false
	}
	for i := range lines {
		if annex15(lines[i].ProductID) {
			return true
		}
	}
	return false
}

// InvoicePrinter prints an invoice or credit note as PDF with its KSeF
// verification code (store/pdf behind it; cmd/kontor wires it into the app,
// kontorctl uses it directly).
type InvoicePrinter interface {
	// PrintInvoice writes the PDF to w in lang ("pl" or "en"), building a
	// pending FA(3) file first.
	PrintInvoice(ctx context.Context, id InvoiceID, lang string, w io.Writer) error
}

// KSeFReady checks the seller's details an FA(3) file cannot do without: the
// name, a valid Polish NIP and the address (street and city). It returns an
// EInvalid error naming each field at fault, or nil.
func (c CompanySettings) KSeFReady() error {
	var fe fieldErrors
	if strings.TrimSpace(c.Name) == "" {
		fe.add(FieldName, "field.required", "required", nil)
	}
	switch {
	case strings.TrimSpace(c.TaxID) == "":
		fe.add(FieldTaxID, "ksef.seller.nip_required", "KSeF needs the company's Polish NIP", nil)
	case c.Country != "" && c.Country != "PL":
		fe.add(FieldCountry, "ksef.seller.poland", "KSeF takes invoices of a seller registered for VAT in Poland", nil)
	default:
		if _, err := NormalizeNIP(c.TaxID); err != nil {
			fe.addErr(FieldTaxID, err)
		}
	}
	if strings.TrimSpace(c.Street) == "" {
		fe.add(FieldStreet, "field.required", "required", nil)
	}
	if strings.TrimSpace(c.City) == "" {
		fe.add(FieldCity, "field.required", "required", nil)
	}
	return fe.err("ksef.seller.incomplete", "an FA(3) file needs more of the company's details")
}
