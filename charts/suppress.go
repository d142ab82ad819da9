package charts

// hide decides which rows of a partition (rows whose n add up to a total
// that is shown elsewhere: the headline numbers, the national figure, a
// region page) are blanked:
//
//   - primary: every row with fewer than suppress_below responses, empty
//     rows included (there is nothing to show for them);
//   - secondary: when exactly one non-empty row is primary, the smallest
//     other non-empty row (the first in row order on a tie), so that the
//     primary value cannot be recovered as total minus the rest.
//
// With two or more primary rows only their combination is recoverable,
// which is what suppression allows.
func (c *Catalogue) hide(ns []int) []bool {
	hidden := make([]bool, len(ns))
	primary := 0
	for i, n := range ns {
		if n < c.suppress {
			hidden[i] = true
			if n > 0 {
				primary++
			}
		}
	}
	if primary != 1 {
		return hidden
	}
	pick := -1
	for i, n := range ns {
		if !hidden[i] && n > 0 && (pick < 0 || n < ns[pick]) {
			pick = i
		}
	}
	if pick >= 0 {
		hidden[pick] = true
	}
	return hidden
}

// shown reports whether a single cell (one not part of a shown partition,
// such as a headline or a multi-select share) may be published.
func (c *Catalogue) shown(n int) bool { return n >= c.suppress }

// countHidden counts the non-empty rows hide blanked, for the notes.
func countHidden(ns []int, hidden []bool) int {
	k := 0
	for i, h := range hidden {
		if h && ns[i] > 0 {
			k++
		}
	}
	return k
}
