package report

import (
	"errors"
	"image/color"
	"math"

	"gonum.org/v1/plot/palette"
)

// ramp is a palette.ColorMap interpolating linearly in sRGB between evenly
// spaced control colors over [min, max].
type ramp struct {
	stops    []color.NRGBA
	min, max float64
	alpha    float64
}

var _ palette.ColorMap = (*ramp)(nil)

// Control colors of the maps used by the report.
var (
	// yellowGreenBlue is ColorBrewer's YlGnBu (sequential).
	yellowGreenBlue = []color.NRGBA{
		{0xff, 0xff, 0xd9, 0xff}, {0xed, 0xf8, 0xb1, 0xff}, {0xc7, 0xe9, 0xb4, 0xff},
		{0x7f, 0xcd, 0xbb, 0xff}, {0x41, 0xb6, 0xc4, 0xff}, {0x1d, 0x91, 0xc0, 0xff},
		{0x22, 0x5e, 0xa8, 0xff}, {0x25, 0x34, 0x94, 0xff}, {0x08, 0x1d, 0x58, 0xff},
	}
	// blueWhiteRed is ColorBrewer's RdBu reversed (diverging).
	blueWhiteRed = []color.NRGBA{
		{0x21, 0x66, 0xac, 0xff}, {0x43, 0x93, 0xc3, 0xff}, {0x92, 0xc5, 0xde, 0xff},
		{0xd1, 0xe5, 0xf0, 0xff}, {0xf7, 0xf7, 0xf7, 0xff}, {0xfd, 0xdb, 0xc7, 0xff},
		{0xf4, 0xa5, 0x82, 0xff}, {0xd6, 0x60, 0x4d, 0xff}, {0xb2, 0x18, 0x2b, 0xff},
	}
)

func newRamp(stops []color.NRGBA, min, max float64) *ramp {
	return &ramp{stops: stops, min: min, max: max, alpha: 1}
}

func (r *ramp) At(v float64) (color.Color, error) {
	if err := inRange(v, r.min, r.max); err != nil {
		return nil, err
	}
	t := 0.0
	if r.max > r.min {
		t = (v - r.min) / (r.max - r.min)
	}
	return blend(r.stops, t*float64(len(r.stops)-1), r.alpha), nil
}

func (r *ramp) Max() float64       { return r.max }
func (r *ramp) Min() float64       { return r.min }
func (r *ramp) SetMax(v float64)   { r.max = v }
func (r *ramp) SetMin(v float64)   { r.min = v }
func (r *ramp) Alpha() float64     { return r.alpha }
func (r *ramp) SetAlpha(a float64) { r.alpha = a }
func (r *ramp) Palette(n int) palette.Palette {
	return sampled(n, r.min, r.max, r.At)
}

// solid is a fixed palette.
type solid []color.Color

func (s solid) Colors() []color.Color { return s }

// aroundOne is the diverging map of S, ρ and χ fitted to the data lo…hi:
// white at 1, blue below with the darkest blue at lo, red above with the
// darkest red at hi, so that the colours spread over the values present
// (all blue, from dark to light, when every value is below 1). Values
// outside lo…hi are errors, as for ramp.
type aroundOne struct {
	lo, hi float64
	alpha  float64
}

var _ palette.ColorMap = (*aroundOne)(nil)

// fittedAroundOne returns the aroundOne map for values lo…hi (at least
// 1 ± 0.02 on a side that holds values, so that values all equal to 1 stay
// white).
func fittedAroundOne(lo, hi float64) *aroundOne {
	if !(lo <= hi) { // no finite values
		lo, hi = 0.9, 1.1
	}
	if lo < 1 {
		lo = math.Min(lo, 0.98)
	}
	if hi > 1 {
		hi = math.Max(hi, 1.02)
	}
	return &aroundOne{lo: lo, hi: hi, alpha: 1}
}

func (a *aroundOne) At(v float64) (color.Color, error) {
	if err := inRange(v, a.lo, a.hi); err != nil {
		return nil, err
	}
	half := float64(len(blueWhiteRed)-1) / 2 // index of white
	x := half
	switch {
	case v < 1:
		x = half * (v - a.lo) / (1 - a.lo)
	case v > 1:
		x = half + half*(v-1)/(a.hi-1)
	}
	return blend(blueWhiteRed, x, a.alpha), nil
}

func (a *aroundOne) Max() float64       { return a.hi }
func (a *aroundOne) Min() float64       { return a.lo }
func (a *aroundOne) SetMax(v float64)   { a.hi = v }
func (a *aroundOne) SetMin(v float64)   { a.lo = v }
func (a *aroundOne) Alpha() float64     { return a.alpha }
func (a *aroundOne) SetAlpha(x float64) { a.alpha = x }
func (a *aroundOne) Palette(n int) palette.Palette {
	return sampled(n, a.lo, a.hi, a.At)
}

// inRange returns the error of a color map for v outside [lo, hi], or nil.
func inRange(v, lo, hi float64) error {
	switch {
	case math.IsNaN(v):
		return errors.New("report: NaN in color map")
	case v < lo:
		return palette.ErrUnderflow
	case v > hi:
		return palette.ErrOverflow
	}
	return nil
}

// blend returns the color at position x ∈ [0, len(stops)−1] of the ramp
// through stops, linear between neighbouring stops, with opacity alpha.
func blend(stops []color.NRGBA, x, alpha float64) color.NRGBA {
	i := min(int(math.Floor(x)), len(stops)-2)
	f := x - float64(i)
	p, q := stops[i], stops[i+1]
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p)*(1-f) + float64(q)*f)) }
	return color.NRGBA{R: mix(p.R, q.R), G: mix(p.G, q.G), B: mix(p.B, q.B), A: uint8(math.Round(255 * alpha))}
}

// sampled returns the n colors of at at evenly spaced values from lo to hi.
func sampled(n int, lo, hi float64, at func(float64) (color.Color, error)) palette.Palette {
	cs := make([]color.Color, n)
	for i := range cs {
		v := lo
		if n > 1 {
			v += (hi - lo) * float64(i) / float64(n-1)
		}
		cs[i], _ = at(v)
	}
	return solid(cs)
}
