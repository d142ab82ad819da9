package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// overlapping is the "overlapping" bomb's shape: 200 directory entries
// that all point at the sheet's one compressed stream, so that each looks
// small and honest while together they unpack to 200 sheets.
func overlapping() ([]byte, error) {
	b, err := Zip(Book(Good(2, "가")))
	if err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	end := bytes.LastIndex(b, []byte("PK\x05\x06"))
	cdOff, cdSize := int(le.Uint32(b[end+16:])), int(le.Uint32(b[end+12:]))
	var sheet []byte
	for p := cdOff; p < cdOff+cdSize; {
		n, m, k := int(le.Uint16(b[p+28:])), int(le.Uint16(b[p+30:])), int(le.Uint16(b[p+32:]))
		if string(b[p+46:p+46+n]) == "xl/worksheets/sheet1.xml" {
			sheet = b[p : p+46+n+m+k]
		}
		p += 46 + n + m + k
	}
	if sheet == nil {
		return nil, errors.New("corpus: no sheet in the directory")
	}
	var extra []byte
	for i := range 200 {
		name := fmt.Sprintf("xl/copy%04d.xml", i)
		rec := append(append(append([]byte(nil), sheet[:46]...), name...), sheet[46+len("xl/worksheets/sheet1.xml"):]...)
		le.PutUint16(rec[28:], uint16(len(name)))
		extra = append(extra, rec...)
	}
	eocd := append([]byte(nil), b[end:]...)
	count := le.Uint16(eocd[10:]) + 200
	le.PutUint16(eocd[8:], count)
	le.PutUint16(eocd[10:], count)
	le.PutUint32(eocd[12:], uint32(cdSize+len(extra)))
	out := append(append([]byte(nil), b[:end]...), extra...)
	return append(out, eocd...), nil
}

// CFB builds a minimal compound file (CFB version 3) whose root holds
// empty streams with the given names: enough for the directory walk that
// tells a legacy .xls from an encrypted workbook.
func CFB(streams ...string) ([]byte, error) {
	if len(streams) > 3 {
		return nil, errors.New("corpus: at most three streams fit one directory sector")
	}
	le := binary.LittleEndian
	fat := make([]byte, cfbSector)
	for i := 0; i < cfbSector/4; i++ {
		le.PutUint32(fat[4*i:], cfbFree)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD)  // sector 0 is the FAT
	le.PutUint32(fat[4:], cfbEndChain) // sector 1, the directory, ends its chain
	dir := make([]byte, cfbSector)
	entry := func(i int, name string, typ byte, child, right uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1 // type, black
		le.PutUint32(e[68:], cfbFree)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], cfbEndChain)
	}
	child := uint32(cfbFree)
	if len(streams) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, child, cfbFree)
	for i, name := range streams {
		right := uint32(cfbFree)
		if i+1 < len(streams) {
			right = uint32(i + 2)
		}
		entry(i+1, name, 2, cfbFree, right)
	}
	return append(append(cfbHeader(), fat...), dir...), nil
}

const (
	cfbSector   = 512
	cfbFree     = 0xFFFFFFFF
	cfbEndChain = 0xFFFFFFFE
)

// cfbHeader is the header of a version-3 compound file with one FAT
// sector (0) and the directory in sector 1.
func cfbHeader() []byte {
	le := binary.LittleEndian
	hdr := make([]byte, cfbSector)
	copy(hdr, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(hdr[24:], 0x003E) // minor version
	le.PutUint16(hdr[26:], 0x0003) // major version 3: 512-byte sectors
	le.PutUint16(hdr[28:], 0xFFFE) // little-endian
	le.PutUint16(hdr[30:], 9)      // sector shift
	le.PutUint16(hdr[32:], 6)      // mini sector shift
	le.PutUint32(hdr[44:], 1)      // one FAT sector
	le.PutUint32(hdr[48:], 1)      // directory starts at sector 1
	le.PutUint32(hdr[56:], 4096)   // mini stream cutoff
	le.PutUint32(hdr[60:], cfbEndChain)
	le.PutUint32(hdr[68:], cfbEndChain)
	le.PutUint32(hdr[76:], 0) // the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(hdr[76+4*i:], cfbFree)
	}
	return hdr
}
