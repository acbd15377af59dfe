package extreme

import (
	"github.com/selu-tool/selu/mapping"
	"github.com/selu-tool/selu/verify"
)

// contraction calls verify.Contraction; the one place that knows how the
// prover takes its constants.
func contraction(lambda, alpha float64, b verify.Box, s *verify.Settings) (*verify.Certificate, error) {
	return verify.Contraction(mapping.Constants{Lambda: lambda, Alpha: alpha}, b, s)
}
