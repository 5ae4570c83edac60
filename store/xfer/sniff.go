package xfer

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// sniff is what one streaming pass over a file learns before it is parsed:
// its encoding (a single Windows-1250 byte on the last line decides the
// encoding of the first, so the whole file is looked at, but never held in
// memory), where the first byte of each kind of trouble is, how its lines
// end, and the header line's separators.
type sniff struct {
	size  int64
	start [4]byte // the first bytes: a byte-order mark, a zip
	boms  int     // UTF-8 byte-order marks at the start

	nulLine              int // the line of the first NUL byte, 0 for none
	badLineLF, badLineCR int // the first byte that is not UTF-8: its line counted by LF, by CR; 0 for none
	badByte              byte
	sure                 bool // a UTF-8 letter Windows-1250 text cannot be mistaken for (see surelyUTF8)
	high, allPolish      bool // a byte ≥ 0x80 was seen; every such byte is a Polish letter in Windows-1250
	lf, cr               int  // line feeds and carriage returns
	commas, semis, tabs  int  // in the header line, outside quotes
	headerDone, quoted   bool
	carry                []byte // an incomplete UTF-8 sequence at the end of a chunk
}

// sniffFile reads src to its end (at most limit+1 bytes) in one pass.
func sniffFile(src io.Reader, limit int64) (*sniff, error) {
	s := &sniff{allPolish: true}
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			s.feed(buf[:n], false)
			if s.size > limit {
				return s, nil
			}
		}
		if err == io.EOF {
			s.feed(nil, true)
			return s, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func (s *sniff) feed(chunk []byte, eof bool) {
	if s.size == 0 {
		copy(s.start[:], chunk)
		// Leading byte-order marks are not text; a tool may add one to a file
		// that has one, so any number is one.
		for bytes.HasPrefix(chunk, []byte(bom)) {
			chunk, s.boms = chunk[len(bom):], s.boms+1
		}
		s.size = int64(s.boms * len(bom))
	}
	s.size += int64(len(chunk))
	// A letter cut by the end of the last chunk is completed from this one
	// (no copy of the chunk: a reader's memory must not grow with the file).
	for len(s.carry) > 0 && len(chunk) > 0 && !utf8.FullRune(s.carry) {
		s.carry, chunk = append(s.carry, chunk[0]), chunk[1:]
	}
	if len(s.carry) > 0 && (utf8.FullRune(s.carry) || eof) {
		s.scan(s.carry, true)
		s.carry = nil
	}
	if len(s.carry) == 0 {
		if rest := s.scan(chunk, eof); len(rest) > 0 {
			s.carry = append([]byte(nil), rest...)
		}
	}
}

// scan looks at data's bytes and returns what is left of an incomplete
// UTF-8 sequence at its end (nothing when eof).
func (s *sniff) scan(data []byte, eof bool) []byte {
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			s.ascii(b)
			i++
			continue
		}
		if !eof && !utf8.FullRune(data[i:]) {
			return data[i:]
		}
		c, size := utf8.DecodeRune(data[i:])
		if c == utf8.RuneError && size == 1 {
			if s.badLineLF == 0 {
				s.badLineLF, s.badLineCR, s.badByte = s.lf+1, s.cr+1, b
			}
		} else {
			for _, x := range data[i : i+size] {
				if !polish1250[x] {
					s.sure = true
				}
			}
		}
		for _, x := range data[i : i+size] {
			s.high = true
			if !polish1250[x] {
				s.allPolish = false
			}
		}
		i += size
	}
	return nil
}

func (s *sniff) ascii(b byte) {
	switch b {
	case 0:
		if s.nulLine == 0 {
			s.nulLine = s.lf + 1
		}
	case '\n':
		s.lf++
	case '\r':
		s.cr++
	}
	if s.headerDone {
		return
	}
	switch {
	case b == '"':
		s.quoted = !s.quoted
	case s.quoted:
	case b == '\n' || b == '\r':
		s.headerDone = true
	case b == ',':
		s.commas++
	case b == ';':
		s.semis++
	case b == '\t':
		s.tabs++
	}
}

// crOnly reports lines ended by CR alone (Excel's "CSV (Macintosh)").
func (s *sniff) crOnly() bool { return s.lf == 0 && s.cr > 0 }

// badLine is the line of the first byte that is not UTF-8.
func (s *sniff) badLine() int {
	if s.crOnly() {
		return s.badLineCR
	}
	return s.badLineLF
}

// crToLF reads CR line ends as LF.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// errRecordTooLong stops a record that runs on past Limits.MaxRecordBytes.
var errRecordTooLong = errors.New("record too long")

// recordLimit fails a read once more than max bytes have gone by since the
// last record ended (mark): a line of 200 MB, or a quotation mark left open
// at the top of a large file, is refused instead of filling memory.
type recordLimit struct {
	r         io.Reader
	n, mark   int64
	max       int64
	exhausted bool
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.n-l.mark > l.max {
		l.exhausted = true
		return 0, errRecordTooLong
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	return k, err
}

// lineEnds counts the line breaks in s, as the file ends its lines.
func lineEnds(s string) int { return bytes.Count([]byte(s), []byte{'\n'}) }
