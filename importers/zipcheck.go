package importers

import (
	"archive/zip"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"sort"
	"strings"
)

// ratioMinBytes is the unpacked size below which an entry's compression
// ratio is not checked: small XML parts (styles, content types) are all
// repetition and compress far beyond 100:1 without being bombs.
const ratioMinBytes = 1 << 20

// zipLimits are the bounds of the pre-check, from Options.
type zipLimits struct {
	entries  int
	part     int64 // one entry, unpacked
	total    int64 // all entries, unpacked
	ratio    int64 // unpacked : packed, per entry and overall
	fileSize int64
}

// precheckZip reads the zip's central directory before excelize sees a
// byte and refuses what excelize would handle badly or silently: too many
// entries, declared sizes over the limits (or overflowing), bomb-like
// ratios, names that repeat or climb out of the archive, symlinks and
// entries that share bytes. Then it reads every entry once, so that a CRC
// mismatch or a size that lies is an error here rather than data excelize
// hands on truncated (it discards its own copy errors).
func precheckZip(p string, o Options, st *state) bool {
	info, err := os.Stat(p)
	if err != nil {
		return refuseZipCorrupt(st)
	}
	lim := zipLimits{entries: o.MaxZipEntries, part: min(o.MaxPartBytes, o.MaxUnzipped), total: o.MaxUnzipped,
		ratio: int64(o.MaxZipRatio), fileSize: info.Size()}
	if !checkEOCD(p, lim, st) {
		return false
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		return refuseZipCorrupt(st)
	}
	defer zr.Close()
	if len(zr.File) > lim.entries {
		st.refuse(CodeFileLimit, "압축 항목 수 제한을 넘습니다: %d개 (최대 %d개).", len(zr.File), lim.entries)
		return false
	}
	return checkEntries(zr.File, lim, st) && checkOverlap(zr.File, lim.fileSize, st) && verifyEntries(zr.File, st)
}

func refuseZipCorrupt(st *state) bool {
	st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다. 압축 구조가 손상된 .xlsx 파일입니다. "+
		"엑셀에서 열어 .xlsx로 다시 저장해 보세요.")
	return false
}

// checkEntries checks each directory entry's name, kind and declared sizes.
func checkEntries(files []*zip.File, lim zipLimits, st *state) bool {
	var total, packed uint64
	seen := make(map[string]bool, len(files))
	for _, zf := range files {
		if !entryNameOK(zf.Name) || seen[strings.ToLower(zf.Name)] {
			st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다. 압축 안의 항목 이름이 올바르지 않거나 중복됩니다: %q.",
				truncateRunes(zf.Name, 80))
			return false
		}
		seen[strings.ToLower(zf.Name)] = true
		if zf.Mode()&(fs.ModeSymlink|fs.ModeDevice|fs.ModeNamedPipe|fs.ModeSocket) != 0 {
			st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다. 압축 안에 심볼릭 링크 같은 특수 항목이 있습니다: %q.",
				truncateRunes(zf.Name, 80))
			return false
		}
		size := zf.UncompressedSize64
		if size > math.MaxInt64 || int64(size) > lim.part {
			st.refuse(CodeFileLimit, "압축 안의 항목 하나가 압축을 푼 크기 제한을 넘습니다: %q (최대 %s).",
				truncateRunes(zf.Name, 80), humanBytes(lim.part))
			return false
		}
		total += size
		packed += zf.CompressedSize64
		if total > math.MaxInt64 || int64(total) > lim.total {
			st.refuse(CodeFileLimit, "압축을 푼 크기 제한을 넘습니다 (최대 %s).", humanBytes(lim.total))
			return false
		}
		if size >= ratioMinBytes && overRatio(size, zf.CompressedSize64, lim.ratio) {
			st.refuse(CodeFileLimit, "압축률 제한(%d:1)을 넘는 항목이 있습니다: %q. 압축 폭탄일 수 있습니다.",
				lim.ratio, truncateRunes(zf.Name, 80))
			return false
		}
	}
	if total >= ratioMinBytes && overRatio(total, packed, lim.ratio) {
		st.refuse(CodeFileLimit, "파일 전체의 압축률이 제한(%d:1)을 넘습니다. 압축 폭탄일 수 있습니다.", lim.ratio)
		return false
	}
	return true
}

// overRatio reports unpacked:packed over ratio:1, dividing so that a lying
// packed size cannot overflow the product.
func overRatio(unpacked, packed uint64, ratio int64) bool {
	return unpacked/uint64(max(ratio, 1)) > packed
}

// entryNameOK refuses names that are absolute, climb out with "..", use
// backslashes or drive letters (Windows paths, which excelize would turn
// into other parts' names), or hold control characters.
func entryNameOK(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") ||
		(len(name) >= 2 && name[1] == ':') {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7F {
			return false
		}
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return false
		}
	}
	// "xl//a.xml" or "xl/./a.xml" would alias another part once cleaned.
	return path.Clean(name) == strings.TrimSuffix(name, "/")
}

// checkOverlap refuses entries whose stored bytes overlap another's or run
// past the end of the file: the "overlapping" zip bomb points many
// directory entries at one compressed stream, so that a small file unpacks
// to many times its size, each entry's ratio looking harmless.
func checkOverlap(files []*zip.File, fileSize int64, st *state) bool {
	type span struct{ start, end uint64 }
	spans := make([]span, 0, len(files))
	for _, zf := range files {
		off, err := zf.DataOffset()
		if err != nil || off < 0 || zf.CompressedSize64 > uint64(fileSize) ||
			uint64(off)+zf.CompressedSize64 > uint64(fileSize) {
			return refuseZipCorrupt(st)
		}
		spans = append(spans, span{uint64(off), uint64(off) + zf.CompressedSize64})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := 1; i < len(spans); i++ {
		// Each entry's data follows its own local header (30+ bytes), so
		// data spans of distinct entries can never touch, let alone share.
		if spans[i].start < spans[i-1].end+30 {
			st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다. 압축 항목들이 같은 데이터를 겹쳐 가리킵니다 (압축 폭탄 형태).")
			return false
		}
	}
	return true
}

// verifyEntries reads every entry once through archive/zip, which stops at
// the declared size (ErrFormat) and checks length and CRC at the end; the
// CRC is also computed here, since archive/zip skips the check when the
// directory says 0. Nothing is kept: the bytes only pass through a hash.
func verifyEntries(files []*zip.File, st *state) bool {
	buf := make([]byte, 64<<10)
	for _, zf := range files {
		if err := verifyEntry(zf, buf); err != nil {
			st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다. 압축 안의 %q 항목이 손상되었습니다 (크기나 CRC가 맞지 않음). "+
				"엑셀에서 열어 .xlsx로 다시 저장해 보세요.", truncateRunes(zf.Name, 80))
			return false
		}
	}
	return true
}

var errZipCRC = errors.New("zip entry CRC mismatch")

func verifyEntry(zf *zip.File, buf []byte) error {
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	h := crc32.NewIEEE()
	n, err := io.CopyBuffer(h, io.LimitReader(rc, int64(zf.UncompressedSize64)+1), buf)
	switch {
	case err != nil:
		return err
	case uint64(n) != zf.UncompressedSize64:
		return io.ErrUnexpectedEOF
	case h.Sum32() != zf.CRC32:
		return errZipCRC
	}
	return nil
}
