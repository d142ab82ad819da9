package store

import "strconv"

// firmIndex maps the business numbers met in one load to firm ids. A
// 1,000,000-row wave meets a million numbers; keyed by the number's value a
// map entry is two machine words, against a string header, a separate
// allocation for the digits and the id, which took tens of MB of the import's
// peak. Numbers that are not ten ASCII digits (the importer never passes
// one, but the store does not rely on that) keep their own map.
type firmIndex struct {
	digits map[uint64]int64
	other  map[string]int64
}

func newFirmIndex() firmIndex {
	return firmIndex{digits: map[uint64]int64{}, other: map[string]int64{}}
}

// tenDigits is no's value when it is exactly ten ASCII digits.
func tenDigits(no string) (uint64, bool) {
	if len(no) != 10 || no[0] == '+' || no[0] == '-' {
		return 0, false
	}
	v, err := strconv.ParseUint(no, 10, 64)
	return v, err == nil
}

func (f firmIndex) get(no string) (id int64, ok bool) {
	if v, isNum := tenDigits(no); isNum {
		id, ok = f.digits[v]
		return id, ok
	}
	id, ok = f.other[no]
	return id, ok
}

func (f firmIndex) set(no string, id int64) {
	if v, isNum := tenDigits(no); isNum {
		f.digits[v] = id
		return
	}
	f.other[no] = id
}
