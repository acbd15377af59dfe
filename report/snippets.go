package report

import (
	"github.com/selu-tool/selu/internal/snippet"
	"github.com/selu-tool/selu/solver"
)

// snippets returns the code for PyTorch, Keras 3 and JAX for res, as
// selu-solve prints it (package internal/snippet).
func snippets(res *solver.Result) []snippetView {
	var out []snippetView
	for _, s := range snippet.Generate(res) {
		out = append(out, snippetView{s.Framework, s.Code})
	}
	return out
}
