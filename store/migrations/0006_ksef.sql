-- Kontor schema 6: KSeF e-invoices. Each invoice and credit note dated from the
-- KSeF start date (settings ksef.start, default 2026-04-01) gets its FA(3) file,
-- built once and kept as exact bytes: the verification QR code's hash and the
-- receipt's (UPO) hash are over these bytes, so they are never rebuilt.
-- Moments are RFC 3339 TEXT (*_at).

-- Goods listed in Annex 15 to the VAT act: an invoice over 15,000 PLN with such
-- a line is paid by split payment (MPP).
ALTER TABLE products ADD COLUMN annex15 INTEGER NOT NULL DEFAULT 0 CHECK (annex15 IN (0, 1));
-- The few such products, read whole each time invoices are issued.
CREATE INDEX products_annex15 ON products (id) WHERE annex15 = 1;

-- One row per invoice whose file was built or could not be built. An invoice
-- dated from the start date without a row is pending: its file is built from
-- its stored data on first export or print (invoices issued before this
-- schema, or when the start date moves earlier). One before the start date
-- without a row is not for KSeF.
--   waiting:      xml built, no KSeF number yet
--   sent:         xml built, ksef_number read from a receipt (assigned_at: when KSeF gave it)
--   cannot_build: reasons (a JSON list of {code, key, msg, args}) says what is missing;
--                 built as soon as that is fixed
CREATE TABLE ksef_files (
	invoice_id  INTEGER PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
	status      TEXT NOT NULL CHECK (status IN ('waiting', 'sent', 'cannot_build')),
	xml         BLOB,
	sha256      TEXT NOT NULL DEFAULT '', -- of xml, standard Base64 (as a UPO writes it)
	seller_nip  TEXT NOT NULL DEFAULT '', -- the NIP in xml: the QR link's and the receipt's
	reasons     TEXT NOT NULL DEFAULT '',
	built_at    TEXT,
	ksef_number TEXT UNIQUE,
	assigned_at TEXT,
	recorded_at TEXT,
	CHECK (status = 'cannot_build' AND xml IS NULL AND reasons <> '' AND ksef_number IS NULL
		OR status = 'waiting' AND xml IS NOT NULL AND sha256 <> '' AND ksef_number IS NULL
		OR status = 'sent' AND xml IS NOT NULL AND sha256 <> '' AND ksef_number IS NOT NULL)
) STRICT;

-- The status counts, the waiting list and the files still to build.
CREATE INDEX ksef_files_by_status ON ksef_files (status);
