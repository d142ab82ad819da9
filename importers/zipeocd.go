package importers

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
)

// maxDirEntryBytes is a generous size for one central-directory entry (46
// fixed bytes, a name and extra fields): MaxZipEntries of them bound the
// directory that archive/zip is allowed to load.
const maxDirEntryBytes = 1024

// checkEOCD reads the end-of-central-directory record (and its Zip64
// form) before archive/zip loads the directory: archive/zip builds a File
// for every directory entry and compares only the low 16 bits of the
// count, so a 50 MB upload could otherwise make it hold a million entries.
// A record that cannot be found is left for archive/zip to refuse.
func checkEOCD(p string, lim zipLimits, st *state) bool {
	f, err := os.Open(p)
	if err != nil {
		return refuseZipCorrupt(st)
	}
	defer f.Close()
	n := min(lim.fileSize, 65535+22)
	tail := make([]byte, n)
	if _, err := f.ReadAt(tail, lim.fileSize-n); err != nil && err != io.EOF {
		return refuseZipCorrupt(st)
	}
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || len(tail)-i < 22 {
		return true
	}
	le := binary.LittleEndian
	records, dirSize := uint64(le.Uint16(tail[i+10:])), uint64(le.Uint32(tail[i+12:]))
	if records == 0xFFFF || dirSize == 0xFFFFFFFF {
		records, dirSize = zip64Counts(f, lim.fileSize-n+int64(i), records, dirSize)
	}
	if records > uint64(lim.entries) || dirSize > uint64(lim.entries)*maxDirEntryBytes {
		st.refuse(CodeFileLimit, "압축 항목 수 제한을 넘습니다: %d개 (최대 %d개).", records, lim.entries)
		return false
	}
	return true
}

// zip64Counts reads the Zip64 end record through its locator, 20 bytes
// before the classic record; without one the classic values stand.
func zip64Counts(f *os.File, eocd int64, records, dirSize uint64) (uint64, uint64) {
	loc := make([]byte, 20)
	if eocd < 20 {
		return records, dirSize
	}
	if _, err := f.ReadAt(loc, eocd-20); err != nil || !bytes.HasPrefix(loc, []byte("PK\x06\x07")) {
		return records, dirSize
	}
	off := binary.LittleEndian.Uint64(loc[8:])
	rec := make([]byte, 56)
	if off > uint64(eocd) {
		return records, dirSize
	}
	if _, err := f.ReadAt(rec, int64(off)); err != nil || !bytes.HasPrefix(rec, []byte("PK\x06\x06")) {
		return records, dirSize
	}
	return binary.LittleEndian.Uint64(rec[32:]), binary.LittleEndian.Uint64(rec[40:])
}
