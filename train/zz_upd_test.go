package train

import "testing"

func BenchmarkUpdateX(b *testing.B) {
	c := Defaults()
	c.Depth, c.Width = 2, 512
	nt, err := newNetwork[float32](&c, 512, 128)
	if err != nil {
		b.Fatal(err)
	}
	ly := nt.layers[1]
	var p *param[float32]
	for i := range nt.params {
		if nt.params[i].l == ly {
			p = &nt.params[i]
		}
	}
	for i := range ly.gw {
		ly.gw[i] = float32(i%7) * 1e-3
	}
	for b.Loop() {
		s := nt.newStepper(0.01)
		for r0 := 0; r0 < 512; r0 += 48 {
			nt.updateRows(&s, ly, p, r0, min(r0+48, 512))
		}
	}
}
