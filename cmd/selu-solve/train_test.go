package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/selu-tool/selu/train"
)

// trainData writes a small separable problem in idx format (gzip) into a
// temporary directory: 6×6 images, class c lights pixels 3c and 3c+1.
func trainData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range []struct {
		prefix string
		n      int
	}{{"train", 400}, {"t10k", 100}} {
		img := make([]byte, s.n*36)
		lab := make([]byte, s.n)
		for i := range s.n {
			c := rng.IntN(10)
			lab[i] = byte(c)
			for p := range 36 {
				img[i*36+p] = byte(rng.IntN(60))
			}
			img[i*36+3*c], img[i*36+3*c+1] = 230, 230
		}
		for _, f := range []struct {
			name string
			dims []int
			data []byte
		}{{s.prefix + "-images-idx3-ubyte.gz", []int{s.n, 6, 6}, img}, {s.prefix + "-labels-idx1-ubyte.gz", []int{s.n}, lab}} {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write([]byte{0, 0, 8, byte(len(f.dims))})
			for _, d := range f.dims {
				binary.Write(zw, binary.BigEndian, uint32(d))
			}
			zw.Write(f.data)
			zw.Close()
			if err := os.WriteFile(filepath.Join(dir, f.name), b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestTrainJSON(t *testing.T) {
	dir := trainData(t)
	code, out, errs := runArgs(t, "train", "--data", dir, "--depth", "3", "--width", "24", "--epochs", "3", "--batch", "20", "--var", "4", "--dropout", "0.05", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var j struct {
		Epochs []struct {
			Epoch        *int     `json:"epoch"`
			TrainLoss    *float64 `json:"train_loss"`
			TestAccuracy *float64 `json:"test_accuracy"`
			Layers       []struct {
				Mean, Var *float64
				GradNorm  *float64 `json:"grad_norm"`
				DeltaRMS  *float64 `json:"delta_rms"`
			} `json:"layers"`
		} `json:"epochs"`
		Init   []map[string]float64 `json:"init_layers"`
		Config map[string]any       `json:"config"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(j.Epochs) != 3 || len(j.Init) != 3 {
		t.Fatalf("%d epochs, %d init layers; want 3, 3:\n%s", len(j.Epochs), len(j.Init), out)
	}
	for i, e := range j.Epochs {
		if e.Epoch == nil || *e.Epoch != i+1 || e.TrainLoss == nil || e.TestAccuracy == nil || len(e.Layers) != 3 ||
			e.Layers[0].Var == nil || e.Layers[0].GradNorm == nil || e.Layers[0].DeltaRMS == nil {
			t.Fatalf("epoch %d incomplete:\n%s", i+1, out)
		}
	}
	if *j.Epochs[2].TestAccuracy != 1 {
		t.Errorf("test accuracy %v on the separable problem, want 1", *j.Epochs[2].TestAccuracy)
	}
	if j.Config["var"] != 4.0 || j.Config["dropout"] != 0.05 || j.Config["dropout_a"] == nil {
		t.Errorf("config %v", j.Config)
	}
}

func TestTrainText(t *testing.T) {
	dir := trainData(t)
	code, out, errs := runArgs(t, "train", "--data", dir, "--activation", "relu-bn", "--depth", "2", "--width", "16", "--epochs", "2", "--batch", "32")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"ReLU after BatchNorm", "test acc %", "δ rms", "400 training and 100 test samples"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// The quick study runs end to end and writes its HTML page (on
// Fashion-MNIST when installed, else on the synthetic set).
func TestTrainStudyQuick(t *testing.T) {
	args := []string{"train", "--study", "--quick", "--csv"}
	if _, err := os.Stat(train.DefaultDataDir); err != nil {
		args = append(args, "--data", trainData(t))
	}
	html := filepath.Join(t.TempDir(), "study.html")
	code, out, errs := runArgs(t, append(args, "--html", html)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := strings.Count(out, "\n"); n != 1+8*3 {
		t.Errorf("%d CSV lines, want 25 (header, 8 runs × epochs 0–2):\n%s", n, out)
	}
	b, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "selu-solve train --study --quick") || strings.Count(string(b), "<svg xmlns") != 7 {
		t.Errorf("HTML page incomplete (%d bytes)", len(b))
	}
}

func TestTrainBadInput(t *testing.T) {
	dir := trainData(t)
	// The same memory on every machine, for the cases of too large a
	// network.
	old := trainMemory
	trainMemory = func() int64 { return 16 << 30 }
	defer func() { trainMemory = old }()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--activation", "tanh"}, "--activation must be"},
		{[]string{"--optimizer", "rmsprop"}, "--optimizer must be"},
		{[]string{"--depth", "0"}, "--depth must be between"},
		{[]string{"--batch", "1"}, "--batch must be between"},
		{[]string{"--lr", "0"}, "--lr must be > 0"},
		{[]string{"--lr", "NaN"}, "--lr must be a finite number"},
		{[]string{"--dropout", "1"}, "--dropout must be in [0, 1)"},
		{[]string{"--mean", "0.9"}, "infeasible"},
		{[]string{"--var", "-1"}, "var"},
		{[]string{"--tau", "0"}, "--tau must be > 0"},
		{[]string{"--init", "gain=-1"}, "--init must be"},
		{[]string{"--init", "lecun", "--omega", "0.5"}, "needs exact weights"},
		{[]string{"--activation", "relu", "--dropout", "0.1"}, "applies to SELU units"},
		{[]string{"--study", "--depth", "4"}, "fixed by --study"},
		{[]string{"--html", "x.html"}, "applies to --study only"},
		{[]string{"--json", "--csv", "--study"}, "alternatives"},
		// The page's destination is checked before the study runs (it was
		// checked after it, minutes later), and an empty name is refused.
		{[]string{"--study", "--quick", "--html", filepath.Join(dir, "missing", "s.html")}, "train: --html " + filepath.Join(dir, "missing", "s.html") + ": cannot write"},
		{[]string{"--study", "--quick", "--html", ""}, "train: --html needs a file name"},
		{[]string{"--data", filepath.Join(dir, "missing")}, "data directory"},
		{[]string{"--data", os.TempDir() + "/"}, "has no train-images"},
		{[]string{"extra"}, "unexpected argument"},
		// 1000 layers of 16384² weights, five copies each: about 5.5 TiB,
		// refused before the network is built (it used to allocate until
		// the machine ran out of memory).
		{[]string{"--width", "16384", "--depth", "1000"}, "train: the network needs about"},
		{[]string{"--study", "--quick", "--width", "16384"}, "train: the network needs about 2"},
		// Runs of more multiply-adds than --max-work are refused before
		// training (trainWork; a run of width 16384 that fits in memory
		// used to run for as long as asked).
		{[]string{"--max-work", "0"}, "--max-work must be > 0"},
		{[]string{"--max-work", "-1"}, "--max-work must be > 0"},
		{[]string{"--epochs", "3", "--max-work", "1000"}, "train: the run is about"},
		{[]string{"--study", "--quick", "--max-work", "1000"}, "train: the study is about"},
	} {
		args := append([]string{"train"}, tc.args...)
		if !strings.Contains(strings.Join(tc.args, " "), "--data") {
			args = append(args, "--data", dir)
		}
		code, out, errs := runArgs(t, args...)
		if code != 2 || out != "" || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", tc.args, code, out, errs, tc.want)
		}
	}
}

// TestTrainWork checks the multiply-add estimate against a count by hand:
// 4 inputs, 2 hidden layers of 3 units and 10 classes have P = 4·3 + 3·3
// + 3·10 = 51 weights; 1 epoch of 5 training samples costs 3·5·P and the
// 2 evaluations of 6 test samples 2·6·P, 27·51 = 1377 in all.
func TestTrainWork(t *testing.T) {
	if got := trainWork(2, 3, 4, 1, 5, 6); got != 1377 {
		t.Errorf("trainWork(2, 3, 4, 1, 5, 6) = %v, want 1377", got)
	}
	// The default study (4 arms at depths 8, 32, 64, width 256, 3 epochs,
	// 60000 + 10000 Fashion-MNIST samples of 784 pixels) is under the
	// default limit, which the help text says.
	sc := train.DefaultStudy()
	var w float64
	for _, d := range sc.Depths {
		w += float64(len(sc.Arms)) * trainWork(d, sc.Width, 784, sc.Epochs, 60000, 10000)
	}
	if !(w > 1.6e13 && w < 1.8e13 && w < trainDefaultMaxWork) {
		t.Errorf("default study: %.3g multiply-adds, want about 1.7e13, under %g", w, trainDefaultMaxWork)
	}
}
