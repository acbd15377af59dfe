package diagnose

import (
	"sort"

	"github.com/selu-tool/selu/mapping"
)

// A Preset is a common weight initialization, described by the weight
// variance τ = Σw² it gives a unit (per-weight variance τ/n for fan-in n),
// and what goes wrong with it. Presets use ω = 0, the expectation of ω = Σw
// for zero-mean weights.
type Preset struct {
	Name    string
	Tau     float64
	Summary string // one line: where the initialization comes from and its consequence
}

// TruncatedLeCunTau is the weight variance factor of a normal distribution
// truncated at ±2 standard deviations without the rescaling that restores
// the variance,
//
//	τ = 1 − 4φ(2) / (2Φ(2) − 1) ≈ 0.7737413,
//
// with φ, Φ the standard normal density and distribution function. The
// usual correction divides the standard deviation by √τ ≈ 0.8796257.
// (The digits are mpmath's, diagnose/testdata/reference.json.)
const TruncatedLeCunTau = 0.77374130354992324718

// Presets returns the initialization presets, as a new slice each time.
// Each Summary is a complete sentence.
func Presets() []Preset {
	return []Preset{
		{
			Name:    "paper",
			Tau:     1,
			Summary: "LeCun normal init w ~ N(0, 1/n) as the paper prescribes (tau = 1): the fixed point (0, 1).",
		},
		{
			Name:    "pytorch-gain",
			Tau:     0.5625,
			Summary: "torch.nn.init.calculate_gain('selu') = 3/4 used as gain (tau = 9/16): activations settle near std 0.16, not 1, and converge slowly.",
		},
		{
			Name:    "pytorch-linear-default",
			Tau:     1.0 / 3,
			Summary: "PyTorch's default nn.Linear init U(-1/sqrt(n), 1/sqrt(n)) (tau = 1/3): no non-trivial fixed point, the variance collapses to 0.",
		},
		{
			Name:    "truncated-lecun",
			Tau:     TruncatedLeCunTau,
			Summary: "normal truncated at 2 std without the 0.8796 correction (tau = 0.7737): the fixed point moves to variance 0.35.",
		},
	}
}

// LookupPreset returns the preset with the given name.
func LookupPreset(name string) (Preset, bool) {
	for _, p := range Presets() {
		if p.Name == name {
			return p, true
		}
	}
	return Preset{}, false
}

// PresetNames returns the preset names in sorted order.
func PresetNames() []string {
	ps := Presets()
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	sort.Strings(names)
	return names
}

// Layer returns the layer with constants c and the preset's weights
// (ω = 0, τ = p.Tau).
func (p Preset) Layer(c mapping.Constants) mapping.Layer {
	return mapping.Layer{Constants: c, Weights: mapping.Weights{Omega: 0, Tau: p.Tau}}
}
