package montecarlo

import "github.com/selu-tool/selu/mapping"

// dropoutMoments is mapping.AlphaDropoutMap.Moments with keep
// probability q, saturation sat and correction a, b.
func dropoutMoments(p mapping.Point, q, sat, a, b float64) mapping.Point {
	return mapping.AlphaDropoutMap{Rate: 1 - q, A: a, B: b, Saturation: sat}.Moments(p)
}

// dropoutJacobian is mapping.AlphaDropoutMap.Jacobian (it does not depend
// on b).
func dropoutJacobian(p mapping.Point, q, sat, a float64) [2][2]float64 {
	return mapping.AlphaDropoutMap{Rate: 1 - q, A: a, Saturation: sat}.Jacobian(p)
}
