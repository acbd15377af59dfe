package report

import (
	"fmt"
	"strconv"
	"strings"
)

// py formats a float64 as a Python literal that reads back to the same
// float64 (shortest round-trip digits).
func py(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// snippets returns code for PyTorch, Keras and JAX using the report's
// float64 constants and dropout parameters.
func snippets(d *reportData) []snippet {
	c := d.Constants
	var head strings.Builder
	fmt.Fprintf(&head, "# SELU constants for mean %s, variance %s (weights ω = %s, τ = %s),\n",
		d.Target.MeanText, d.Target.VarText, py(d.Convention.Omega), py(d.Convention.Tau))
	fmt.Fprintf(&head, "# nearest float64 values of the %d-digit results above.\n", c.Digits)
	fmt.Fprintf(&head, "LAMBDA = %s\nALPHA = %s\nALPHA_PRIME = -LAMBDA * ALPHA  # value of a dropped unit\n", py(c.LambdaF), py(c.AlphaF))
	fmt.Fprintf(&head, "OMEGA, TAU = %s, %s  # row sum and row sum of squares of each weight row\n", py(d.Convention.Omega), py(d.Convention.Tau))
	head.WriteString("# Alpha dropout for this target: drop rate -> (a, b); y = a*(x*keep + ALPHA_PRIME*(1-keep)) + b\nDROPOUT = {")
	for i, r := range d.Dropout {
		if i > 0 {
			head.WriteString(",")
		}
		fmt.Fprintf(&head, "\n    %s: (%s, %s)", py(r.Rate), py(r.AF), py(r.BF))
	}
	head.WriteString("\n}\n")
	h := head.String()

	torch := h + `
import torch


def selu(x):
    return LAMBDA * torch.nn.functional.elu(x, alpha=ALPHA)


class AlphaDropout(torch.nn.Module):
    """Alpha dropout for this target (torch.nn.AlphaDropout assumes mean 0, variance 1)."""

    def __init__(self, rate):
        super().__init__()
        self.rate = rate
        self.a, self.b = DROPOUT[rate]

    def forward(self, x):
        if not self.training or self.rate == 0:
            return x
        keep = torch.rand_like(x) >= self.rate
        return self.a * torch.where(keep, x, x.new_full((), ALPHA_PRIME)) + self.b


@torch.no_grad()
def init_rows_(weight):
    """Give every row of a Linear weight (out, in) sum OMEGA and sum of squares TAU."""
    n = weight.shape[1]
    weight.normal_()
    weight -= weight.mean(dim=1, keepdim=True)
    weight /= weight.norm(dim=1, keepdim=True)
    weight *= (TAU - OMEGA**2 / n) ** 0.5
    weight += OMEGA / n
`
	keras := h + `
import keras
from keras import ops


def selu(x):
    return LAMBDA * ops.elu(x, alpha=ALPHA)


class AlphaDropout(keras.layers.Layer):
    """Alpha dropout for this target (keras.layers.AlphaDropout assumes mean 0, variance 1)."""

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.a, self.b = DROPOUT[rate]
        self.seed = keras.random.SeedGenerator(seed)

    def call(self, x, training=False):
        if not training or self.rate == 0:
            return x
        keep = keras.random.uniform(ops.shape(x), seed=self.seed) >= self.rate
        return self.a * ops.where(keep, x, ALPHA_PRIME) + self.b


# LeCun normal weights give OMEGA = 0, TAU = 1 in expectation:
layer = keras.layers.Dense(256, activation=selu, kernel_initializer="lecun_normal")
`
	jax := h + `
import jax
import jax.numpy as jnp


def selu(x):
    return LAMBDA * jax.nn.elu(x, alpha=ALPHA)


def alpha_dropout(key, x, rate):
    """Alpha dropout for this target; apply only while training."""
    a, b = DROPOUT[rate]
    keep = jax.random.bernoulli(key, 1.0 - rate, x.shape)
    return a * jnp.where(keep, x, ALPHA_PRIME) + b


def init_rows(key, n_in, n_out):
    """Weights (n_in, n_out) whose columns have sum OMEGA and sum of squares TAU."""
    w = jax.random.normal(key, (n_in, n_out))
    w = w - w.mean(axis=0)
    w = w / jnp.linalg.norm(w, axis=0)
    return w * jnp.sqrt(TAU - OMEGA**2 / n_in) + OMEGA / n_in
`
	return []snippet{{"PyTorch", torch}, {"Keras 3", keras}, {"JAX", jax}}
}
