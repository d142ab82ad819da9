package charts

import (
	"fmt"
	"math"
	"strconv"
)

// Text drawn on a coloured chart area (a map tile) is black or white,
// whichever contrasts more with its fill: between them, every fill reaches
// at least 4.58:1, above WCAG 1.4.3's 4.5:1 (a darker blue or a lighter grey
// label would drop to 3.9:1 on mid-luminance fills).
const (
	labelDark  = "#000000"
	labelLight = "#ffffff"
)

// rgb is a colour's sRGB channels, 0–255.
type rgb [3]float64

// parseHex reads "#rrggbb".
func parseHex(hex string) (rgb, error) {
	if len(hex) != 7 || hex[0] != '#' {
		return rgb{}, fmt.Errorf("charts: colour %q is not #rrggbb", hex)
	}
	var c rgb
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return rgb{}, fmt.Errorf("charts: colour %q: %w", hex, err)
		}
		c[i] = float64(v)
	}
	return c, nil
}

func mustHex(hex string) rgb {
	c, err := parseHex(hex)
	if err != nil {
		panic(err) // only the package's own constants come here
	}
	return c
}

func (c rgb) hex() string {
	return fmt.Sprintf("#%02x%02x%02x", int(c[0]), int(c[1]), int(c[2]))
}

// luminance is WCAG 2.1's relative luminance.
func (c rgb) luminance() float64 {
	var ch [3]float64
	for i, v := range c {
		s := v / 255
		if s <= 0.04045 {
			ch[i] = s / 12.92
		} else {
			ch[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2]
}

// contrast is WCAG 2.1's contrast ratio of two colours, 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// lerp is the colour a fraction t (0–1) of the way from a to b, each
// channel rounded, as ECharts' continuous visualMap interpolates its
// inRange colours.
func lerp(a, b rgb, t float64) rgb {
	t = math.Min(math.Max(t, 0), 1)
	var c rgb
	for i := range c {
		c[i] = math.Round(a[i] + (b[i]-a[i])*t)
	}
	return c
}

// labelOn is the label colour for text on fill.
func labelOn(fill rgb) string {
	if contrast(fill, mustHex(labelLight)) >= contrast(fill, mustHex(labelDark)) {
		return labelLight
	}
	return labelDark
}
