package montecarlo

import (
	"context"
	"math"
	"os"
	"testing"

	"selu/mapping"
)

func TestCalib(t *testing.T) {
	if os.Getenv("CALIB") == "" {
		t.Skip()
	}
	for _, tc := range []struct {
		tgt  mapping.Point
		c    mapping.Constants
		drop float64
	}{
		{mapping.Point{0, 1}, mapping.Paper, 0},
		{mapping.Point{0, 4}, mapping.Constants{1.07023227444711082731986364607838, 2.40400533821648224237642412369141}, 0},
		{mapping.Point{0, 1}, mapping.Paper, 0.1},
	} {
		var ms, vs, sdm, sdv, sem, sev []float64
		for seed := range uint64(60) {
			c := &Config{Width: 128, Depth: 16, Batch: 64, Constants: tc.c, Target: tc.tgt, Init: Init{Kind: Exact}, InputMean: 0, InputVar: tc.tgt.Var, Seed: seed + 100, DropoutRate: tc.drop}
			r, err := Run(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			l := r.Layers[len(r.Layers)-1]
			ms = append(ms, l.Mean)
			vs = append(vs, l.Var)
			sdm = append(sdm, l.SDMean)
			sdv = append(sdv, l.SDVar)
			sem = append(sem, l.MeanSE)
			sev = append(sev, l.VarSE)
		}
		mean := func(x []float64) float64 {
			s := 0.0
			for _, v := range x {
				s += v
			}
			return s / float64(len(x))
		}
		t.Logf("%v drop %v: mean %.5f sd %.5f (reported se %.5f sd %.5f); var %.5f sd %.5f (se %.5f sd %.5f); pred %v", tc.tgt, tc.drop,
			mean(ms), math.Sqrt(sampleVar(ms)), mean(sem), mean(sdm), mean(vs), math.Sqrt(sampleVar(vs)), mean(sev), mean(sdv), tc.tgt)
	}
}
