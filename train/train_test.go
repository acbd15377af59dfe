package train

import (
	"context"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"
)

// synthetic returns a labelled set of n 6×6 images: class c lights pixels
// 3c and 3c+1 (value 200 + noise) on a noisy background (0 … 59), so the
// classes are separable and a small network must classify all of them.
func synthetic(n int, seed uint64) *Set {
	rng := rand.New(rand.NewPCG(seed, 9))
	s := &Set{N: n, Rows: 6, Cols: 6, Images: make([]uint8, n*36), Labels: make([]uint8, n)}
	for i := range n {
		c := rng.IntN(Classes)
		s.Labels[i] = uint8(c)
		img := s.Images[i*36 : (i+1)*36]
		for p := range img {
			img[p] = uint8(rng.IntN(60))
		}
		img[3*c] = uint8(200 + rng.IntN(56))
		img[3*c+1] = uint8(200 + rng.IntN(56))
	}
	return s
}

// Every network type learns the synthetic problem to 100% test accuracy.
func TestLearnsSynthetic(t *testing.T) {
	trainSet, testSet := synthetic(600, 1), synthetic(200, 2)
	for _, tc := range []struct {
		name string
		set  func(c *Config) error
	}{
		{"selu 0/1", func(c *Config) error { return nil }},
		{"selu 0/4 dropout", func(c *Config) error { return c.SolveSELU("0", "4", "0", "1", 0.05) }},
		{"selu 0.2/1 exact", func(c *Config) error { return c.SolveSELU("0.2", "1", "0", "1", 0) }},
		{"selu gain 3/4", func(c *Config) error { c.Init = Init{Kind: InitGain, Gain: 0.75}; return nil }},
		{"relu-bn", func(c *Config) error { c.Activation = ReLUBN; return nil }},
		{"relu adam", func(c *Config) error { c.Activation, c.Optimizer, c.LR = ReLU, Adam, 0.003; return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Defaults()
			c.Depth, c.Width, c.Batch, c.Epochs = 3, 32, 20, 6
			if err := tc.set(&c); err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), c, trainSet, testSet)
			if err != nil {
				t.Fatal(err)
			}
			last := res.Epochs[len(res.Epochs)-1]
			if last.TestAccuracy != 1 {
				t.Errorf("test accuracy %v after %d epochs (train loss %v), want 1", last.TestAccuracy, last.Epoch, last.TrainLoss)
			}
			if res.InitTestAccuracy > 0.5 {
				t.Errorf("untrained accuracy %v: the problem is too easy to show learning", res.InitTestAccuracy)
			}
		})
	}
}

// The same configuration gives bitwise the same record for GOMAXPROCS 1
// and 3 (every reduction runs in a fixed order).
func TestDeterministic(t *testing.T) {
	trainSet, testSet := synthetic(300, 3), synthetic(100, 4)
	for _, act := range []Activation{SELU, ReLUBN} {
		c := Defaults()
		c.Activation = act
		c.Depth, c.Width, c.Batch, c.Epochs = 2, 100, 70, 2
		if act == SELU {
			if err := c.SolveSELU("0", "1", "0", "1", 0.1); err != nil {
				t.Fatal(err)
			}
		}
		var recs []*Result
		for _, p := range []int{1, 3} {
			old := runtime.GOMAXPROCS(p)
			res, err := Run(context.Background(), c, trainSet, testSet)
			runtime.GOMAXPROCS(old)
			if err != nil {
				t.Fatal(err)
			}
			for i := range res.Epochs {
				res.Epochs[i].Seconds, res.Epochs[i].EvalSeconds = 0, 0
			}
			res.Parallelism = 0
			recs = append(recs, res)
		}
		if !reflect.DeepEqual(recs[0], recs[1]) {
			t.Errorf("%v: GOMAXPROCS 1 and 3 differ:\n%+v\n%+v", act, recs[0].Epochs, recs[1].Epochs)
		}
	}
}

// A cancelled context stops the run before the next step and keeps the
// epochs that finished.
func TestInterrupt(t *testing.T) {
	trainSet, testSet := synthetic(100, 5), synthetic(50, 6)
	c := Defaults()
	c.Depth, c.Width, c.Batch, c.Epochs = 2, 16, 10, 5
	ctx, cancel := context.WithCancel(context.Background())
	c.Progress = func(epoch, step, steps int) {
		if epoch == 2 && step == 3 {
			cancel()
		}
	}
	res, err := Run(ctx, c, trainSet, testSet)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Interrupted || len(res.Epochs) != 1 {
		t.Errorf("interrupted %v with %d epochs, want true with 1", res.Interrupted, len(res.Epochs))
	}
}

// Invalid configurations fail with an error, not a panic.
func TestValidate(t *testing.T) {
	trainSet, testSet := synthetic(50, 7), synthetic(20, 8)
	for _, mod := range []func(c *Config){
		func(c *Config) { c.Depth = 0 },
		func(c *Config) { c.Width = 1 },
		func(c *Config) { c.Batch = 1 },
		func(c *Config) { c.LR = -1 },
		func(c *Config) { c.Momentum = 1 },
		func(c *Config) { c.Dropout = 0.5 },
		func(c *Config) { c.Activation, c.Dropout, c.DropoutA = ReLU, 0.1, 1 },
		func(c *Config) { c.Constants.Alpha = 0 },
		func(c *Config) { c.Weights.Omega, c.Init = 1, Init{Kind: InitLeCun} },
	} {
		c := Defaults()
		mod(&c)
		if _, err := Run(context.Background(), c, trainSet, testSet); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
	c := Defaults()
	if err := c.SolveSELU("0.9", "1", "0", "1", 0); err == nil {
		t.Error("infeasible target (0.9, 1) solved")
	}
}
