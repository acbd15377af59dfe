package montecarlo

import (
	"math"
	"math/bits"
)

// gaussian is a stream of standard normal variates for drawing weights:
// the ziggurat method of Marsaglia and Tsang ("The Ziggurat Method for
// Generating Random Variables", J. Stat. Softw. 5(8), 2000) with 128
// layers, on the xoshiro256++ generator (Blackman and Vigna, "Scrambled
// Linear Pseudorandom Number Generators", ACM TOMS 47(4), 2021), whose
// state is seeded from the block's ChaCha8 stream (see stream). It is
// several times cheaper per variate than rand.Rand.NormFloat64 on ChaCha8,
// which matters when every layer draws n² fresh weights.
type gaussian struct{ s0, s1, s2, s3 uint64 }

// newGaussian returns the normal stream of one block of work.
func newGaussian(seed, purpose uint64, layer, block int) gaussian {
	src := stream(seed, purpose, layer, block)
	g := gaussian{src.Uint64(), src.Uint64(), src.Uint64(), src.Uint64()}
	if g == (gaussian{}) { // the one state xoshiro cannot leave; 2⁻²⁵⁶
		g.s0 = 1
	}
	return g
}

// uint64 returns the next output of xoshiro256++.
func (g *gaussian) uint64() uint64 {
	s0, s1, s2, s3 := g.s0, g.s1, g.s2, g.s3
	r := bits.RotateLeft64(s0+s3, 23) + s0
	t := s1 << 17
	s2 ^= s0
	s3 ^= s1
	s1 ^= s2
	s0 ^= s3
	s2 ^= t
	s3 = bits.RotateLeft64(s3, 45)
	g.s0, g.s1, g.s2, g.s3 = s0, s1, s2, s3
	return r
}

// unit returns a uniform variate in (0, 1).
func (g *gaussian) unit() float64 { return (float64(g.uint64()>>11) + 0.5) * 0x1p-53 }

// Ziggurat tables for the standard normal density f(x) = exp(−x²/2) with
// 128 layers of area zigV each; zigR is the start of the tail (Marsaglia and
// Tsang 2000, section 4). zigK[i] is the acceptance threshold of layer i for
// a 31-bit magnitude, zigW[i] the scale from a 31-bit integer to x, zigF[i]
// = f(x_i).
const (
	zigR = 3.442619855899
	zigV = 9.91256303526217e-3
)

var (
	zigK       [128]uint32
	zigW, zigF [128]float64
)

func init() {
	const m = 1 << 31
	d, t := zigR, zigR
	q := zigV / math.Exp(-0.5*d*d)
	zigK[0] = uint32(d / q * m)
	zigK[1] = 0
	zigW[0] = q / m
	zigW[127] = d / m
	zigF[0] = 1
	zigF[127] = math.Exp(-0.5 * d * d)
	for i := 126; i >= 1; i-- {
		d = math.Sqrt(-2 * math.Log(zigV/d+math.Exp(-0.5*d*d)))
		zigK[i+1] = uint32(d / t * m)
		t = d
		zigF[i] = math.Exp(-0.5 * d * d)
		zigW[i] = d / m
	}
}

// norm returns a standard normal variate. One 64-bit draw suffices in
// about 99% of the calls: 31 bits of magnitude, a sign and 7 bits of layer.
func (g *gaussian) norm() float64 {
	u := g.uint64()
	j := int32(u)
	i := (u >> 32) & 127
	// |j| < zigK[i] < 2³¹ (for j = −2³¹, max(j, −j) = −2³¹ ↦ 2³¹ rejects).
	if uint32(max(j, -j)) < zigK[i] {
		return float64(j) * zigW[i]
	}
	return g.slow(j, i)
}

// slow finishes norm when the first draw falls outside the layer's
// rectangle: the tail beyond zigR (Marsaglia's method) or the wedge.
func (g *gaussian) slow(j int32, i uint64) float64 {
	for {
		x := float64(j) * zigW[i]
		if i == 0 {
			for {
				x = -math.Log(g.unit()) / zigR
				y := -math.Log(g.unit())
				if y+y >= x*x {
					break
				}
			}
			if j > 0 {
				return zigR + x
			}
			return -zigR - x
		}
		if zigF[i]+g.unit()*(zigF[i-1]-zigF[i]) < math.Exp(-0.5*x*x) {
			return x
		}
		u := g.uint64()
		j = int32(u)
		i = (u >> 32) & 127
		if uint32(max(j, -j)) < zigK[i] {
			return float64(j) * zigW[i]
		}
	}
}

// fillNormal sets dst[i] = T(scale·x_i) for the next len(dst) variates x_i
// of g: the same numbers as calling g.norm repeatedly, with the generator's
// state kept in registers for the common path.
func fillNormal[T float](g *gaussian, dst []T, scale float64) {
	s0, s1, s2, s3 := g.s0, g.s1, g.s2, g.s3
	for i := range dst {
		u := bits.RotateLeft64(s0+s3, 23) + s0
		t := s1 << 17
		s2 ^= s0
		s3 ^= s1
		s1 ^= s2
		s0 ^= s3
		s2 ^= t
		s3 = bits.RotateLeft64(s3, 45)
		j := int32(u)
		k := (u >> 32) & 127
		if uint32(max(j, -j)) < zigK[k] {
			dst[i] = T(scale * (float64(j) * zigW[k]))
			continue
		}
		g.s0, g.s1, g.s2, g.s3 = s0, s1, s2, s3
		dst[i] = T(scale * g.slow(j, k))
		s0, s1, s2, s3 = g.s0, g.s1, g.s2, g.s3
	}
	g.s0, g.s1, g.s2, g.s3 = s0, s1, s2, s3
}
