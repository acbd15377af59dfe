package snippet

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/selu-tool/selu/solver"
)

// A Snippet is the code for one framework.
type Snippet struct {
	Framework string // "PyTorch", "Keras 3" or "JAX"
	Code      string
}

// maxDigits is the most digits a literal carries: beyond, the shortest
// literal of the nearest float64 is written (a Python float keeps about 17).
const maxDigits = 30

// literal writes x as a Python float literal: r's decimal when r has at
// most maxDigits digits, else the shortest literal of the nearest float64.
func literal(r *solver.Result, x *big.Float) string {
	if r.Digits <= maxDigits {
		return pyFloat(r.Text(x))
	}
	f, _ := x.Float64()
	return pyFloat(strconv.FormatFloat(f, 'g', -1, 64))
}

// pyFloat makes a decimal a Python float literal ("1" → "1.0").
func pyFloat(s string) string {
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// ratLiteral writes the exact rational q as a Python float expression:
// its decimal when it has one, else a quotient.
func ratLiteral(q *big.Rat) string {
	if q.IsInt() {
		return pyFloat(q.Num().String())
	}
	if f, exact := q.Float64(); exact {
		return pyFloat(strconv.FormatFloat(f, 'g', -1, 64))
	}
	if s := q.FloatString(40); strings.TrimRight(s, "0") != "" {
		// a terminating decimal (denominator 2^a·5^b) within 40 digits
		d := new(big.Rat)
		if _, ok := d.SetString(s); ok && d.Cmp(q) == 0 {
			return pyFloat(strings.TrimRight(strings.TrimRight(s, "0"), "."))
		}
	}
	return pyFloat(q.Num().String()) + " / " + pyFloat(q.Denom().String())
}

// Generate returns the code for PyTorch, Keras 3 and JAX for the result r
// of solver.Solve or solver.SolveLeCun. Each snippet is self-contained: the
// constants, a SELU function, an alpha-dropout layer for any rate (the
// rates of r.Dropout are listed as documentation), and the initializer.
func Generate(r *solver.Result) []Snippet {
	h := header(r)
	return []Snippet{
		{"PyTorch", h + torchCode(r)},
		{"Keras 3", h + kerasCode(r)},
		{"JAX", h + jaxCode(r)},
	}
}

// header writes the constants, the dropout formula and the comment on the
// initialization, shared by the three frameworks.
func header(r *solver.Result) string {
	var b strings.Builder
	mean, variance := ratLiteral(r.Target.Mean), ratLiteral(r.Target.Var)
	fmt.Fprintf(&b, "# SELU constants for target mean %s, variance %s (%d significant digits).\n", mean, variance, r.Digits)
	if r.Digits > maxDigits {
		b.WriteString("# Nearest float64 values; the full-precision constants are in the table.\n")
	}
	fmt.Fprintf(&b, "SELU_LAMBDA = %s\nSELU_ALPHA = %s\n", literal(r, r.Lambda), literal(r, r.Alpha))
	b.WriteString("SELU_ALPHA_PRIME = -SELU_LAMBDA * SELU_ALPHA  # the value of a dropped unit, lim selu(x) as x -> -inf\n")
	fmt.Fprintf(&b, "TARGET_MEAN, TARGET_VAR = %s, %s\n", mean, variance)
	if !r.RandomWeights {
		fmt.Fprintf(&b, "OMEGA, TAU = %s, %s  # every unit's weights: sum(w) = OMEGA, sum(w**2) = TAU\n", ratLiteral(r.Omega), ratLiteral(r.Tau))
	} else {
		fmt.Fprintf(&b, "TAU = %s  # weights drawn N(0, TAU / fan_in) independently\n", ratLiteral(r.Tau))
	}
	b.WriteString(`

def alpha_dropout_ab(rate):
    """a, b of alpha dropout at drop probability rate for this target:
    y = a * (x * d + SELU_ALPHA_PRIME * (1 - d)) + b, d ~ Bernoulli(1 - rate),
    keeps mean TARGET_MEAN and variance TARGET_VAR (Klambauer et al. 2017)."""
    q = 1.0 - rate
    a = (TARGET_VAR / (q * ((1.0 - q) * (SELU_ALPHA_PRIME - TARGET_MEAN) ** 2 + TARGET_VAR))) ** 0.5
    b = TARGET_MEAN - a * (q * TARGET_MEAN + (1.0 - q) * SELU_ALPHA_PRIME)
    return a, b
`)
	if len(r.Dropout) > 0 {
		b.WriteString("\n\n# For reference, alpha_dropout_ab(rate) for some rates:\n")
		for _, d := range r.Dropout {
			fmt.Fprintf(&b, "#   rate %s: a = %s, b = %s\n", strconv.FormatFloat(d.Rate, 'g', -1, 64), literal(r, d.A), literal(r, d.B))
		}
	}
	b.WriteString("\n" + initComment(r))
	return b.String()
}

// initComment says which initialization the constants hold under.
func initComment(r *solver.Result) string {
	mean := ratLiteral(r.Target.Mean)
	switch {
	case r.RandomWeights:
		return "# These constants are for random weights N(0, TAU / fan_in) drawn independently\n" +
			"# (LeCun-normal for TAU = 1): the statistics pooled over units stay at the target.\n"
	case r.Target.Mean.Sign() != 0 && r.Omega.Sign() == 0:
		return fmt.Sprintf("# These constants keep mean %s only if every unit's weights have sum(w) = OMEGA\n", mean) +
			"# and sum(w**2) = TAU exactly: initialize with the exact-row initializer below.\n" +
			"# LeCun-normal weights drift away from this target (their per-unit sum(w) is\n" +
			"# N(0, 1), not 0); for them use the constants of selu-solve --weights lecun.\n"
	case r.Omega.Sign() != 0 || r.Tau.Cmp(big.NewRat(1, 1)) != 0:
		return "# These constants assume every unit's weights have sum(w) = OMEGA and\n" +
			"# sum(w**2) = TAU exactly: initialize with the exact-row initializer below.\n"
	}
	return "# At mean 0 LeCun-normal weights N(0, 1 / fan_in) and the exact-row initializer\n" +
		"# below keep the target alike.\n"
}

func torchCode(r *solver.Result) string {
	code := `
import torch
import torch.nn.functional as F


def selu(x):
    # lambda * x for x > 0, lambda * alpha * (exp(x) - 1) for x <= 0
    return SELU_LAMBDA * F.elu(x, alpha=SELU_ALPHA)


class AlphaDropout(torch.nn.Module):
    """Alpha dropout for this target, any rate (torch.nn.AlphaDropout assumes mean 0, variance 1)."""

    def __init__(self, rate):
        super().__init__()
        self.rate = float(rate)
        self.a, self.b = alpha_dropout_ab(self.rate)

    def forward(self, x):
        if not self.training or self.rate == 0:
            return x
        keep = (torch.rand_like(x) >= self.rate).to(x.dtype)  # 1 with probability 1 - rate
        return self.a * (x * keep + SELU_ALPHA_PRIME * (1 - keep)) + self.b
`
	if r.RandomWeights {
		return code + `

def init_random_(weight):
    """LeCun-normal with gain sqrt(TAU) for a Linear weight (out, in)."""
    torch.nn.init.normal_(weight, 0.0, (TAU / weight.shape[1]) ** 0.5)
`
	}
	return code + `

@torch.no_grad()
def init_exact_rows_(weight):
    """Give every row of a Linear weight (out, in), one unit, sum OMEGA and sum of squares TAU."""
    n = weight.shape[1]
    weight.normal_()
    weight -= weight.mean(dim=1, keepdim=True)
    weight /= weight.norm(dim=1, keepdim=True)
    weight *= (TAU - OMEGA**2 / n) ** 0.5
    weight += OMEGA / n
`
}

func kerasCode(r *solver.Result) string {
	code := `
import keras
from keras import ops


def selu(x):
    return SELU_LAMBDA * ops.elu(x, alpha=SELU_ALPHA)


class AlphaDropout(keras.layers.Layer):
    """Alpha dropout for this target, any rate (keras.layers.AlphaDropout assumes mean 0, variance 1)."""

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = float(rate)
        self.a, self.b = alpha_dropout_ab(self.rate)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, x, training=False):
        if not training or self.rate == 0:
            return x
        keep = ops.cast(keras.random.uniform(ops.shape(x), seed=self.seed_generator) >= self.rate, x.dtype)
        return self.a * (x * keep + SELU_ALPHA_PRIME * (1 - keep)) + self.b
`
	if r.RandomWeights {
		return code + `

# Random weights N(0, TAU / fan_in):
initializer = keras.initializers.VarianceScaling(scale=TAU, mode="fan_in", distribution="untruncated_normal")
layer = keras.layers.Dense(256, activation=selu, kernel_initializer=initializer)
`
	}
	return code + `

class ExactRows(keras.initializers.Initializer):
    """Dense kernel (in, out) whose columns, one per unit, have sum OMEGA and sum of squares TAU."""

    def __init__(self, seed=None):
        self.seed = seed

    def __call__(self, shape, dtype=None):
        n = shape[0]
        w = keras.random.normal(shape, seed=self.seed, dtype=dtype)
        w = w - ops.mean(w, axis=0, keepdims=True)
        w = w / ops.sqrt(ops.sum(w * w, axis=0, keepdims=True))
        return w * (TAU - OMEGA**2 / n) ** 0.5 + OMEGA / n


layer = keras.layers.Dense(256, activation=selu, kernel_initializer=ExactRows())
`
}

func jaxCode(r *solver.Result) string {
	code := `
import jax
import jax.numpy as jnp


def selu(x):
    return SELU_LAMBDA * jax.nn.elu(x, alpha=SELU_ALPHA)


def alpha_dropout(key, x, rate, training=True):
    """Alpha dropout for this target, any rate; apply only while training."""
    if not training or rate == 0:
        return x
    a, b = alpha_dropout_ab(rate)
    keep = jax.random.bernoulli(key, 1.0 - rate, x.shape)
    return a * jnp.where(keep, x, SELU_ALPHA_PRIME) + b
`
	if r.RandomWeights {
		return code + `

def init_random(key, n_in, n_out):
    """Weights (n_in, n_out) drawn N(0, TAU / n_in)."""
    return jax.random.normal(key, (n_in, n_out)) * (TAU / n_in) ** 0.5
`
	}
	return code + `

def init_exact_rows(key, n_in, n_out):
    """Weights (n_in, n_out) whose columns, one per unit, have sum OMEGA and sum of squares TAU."""
    w = jax.random.normal(key, (n_in, n_out))
    w = w - w.mean(axis=0)
    w = w / jnp.linalg.norm(w, axis=0)
    return w * jnp.sqrt(TAU - OMEGA**2 / n_in) + OMEGA / n_in
`
}
