package verify

import "github.com/selu-tool/selu/internal/interval"

// A dual is an interval enclosure of a function f(m, q) on a box of (m, q),
// q = s², together with enclosures of its partial derivatives ∂f/∂m and
// ∂f/∂q on the same box (forward-mode differentiation in interval
// arithmetic). At a point the derivative parts are ignored.
type dual struct {
	v, dm, dq interval.I
}

type iv = interval.I

func (x dual) add(y dual) dual       { return dual{x.v.Add(y.v), x.dm.Add(y.dm), x.dq.Add(y.dq)} }
func (x dual) sub(y dual) dual       { return dual{x.v.Sub(y.v), x.dm.Sub(y.dm), x.dq.Sub(y.dq)} }
func (x dual) neg() dual             { return dual{x.v.Neg(), x.dm.Neg(), x.dq.Neg()} }
func (x dual) scale(c iv) dual       { return dual{x.v.Mul(c), x.dm.Mul(c), x.dq.Mul(c)} }
func (x dual) scaleF(c float64) dual { return x.scale(interval.Point(c)) }

// mul: (xy)' = x'y + xy'.
func (x dual) mul(y dual) dual {
	return dual{x.v.Mul(y.v), x.dm.Mul(y.v).Add(x.v.Mul(y.dm)), x.dq.Mul(y.v).Add(x.v.Mul(y.dq))}
}

// sqr: (x²)' = 2xx'.
func (x dual) sqr() dual {
	t := x.v.Scale(2)
	return dual{x.v.Sqr(), t.Mul(x.dm), t.Mul(x.dq)}
}

// div: (x/y)' = (x' − (x/y)y')/y.
func (x dual) div(y dual) dual {
	q := x.v.Div(y.v)
	return dual{q, x.dm.Sub(q.Mul(y.dm)).Div(y.v), x.dq.Sub(q.Mul(y.dq)).Div(y.v)}
}

// chain applies a function with value f and derivative df (both enclosures
// on the range of x).
func (x dual) chain(f, df iv) dual { return dual{f, df.Mul(x.dm), df.Mul(x.dq)} }

// exp: (eˣ)' = eˣ.
func (x dual) exp() dual {
	e := interval.Exp(x.v)
	return x.chain(e, e)
}

// sqrt: (√x)' = 1/(2√x).
func (x dual) sqrt() dual {
	r := interval.Sqrt(x.v)
	return x.chain(r, r.Scale(2).Recip())
}

// erfc: erfc'(x) = −(2/√π) e^{−x²} (DLMF 7.10.1).
func (x dual) erfc() dual {
	d := interval.TwoBySqrtPi().Mul(interval.Exp(x.v.Sqr().Neg())).Neg()
	return x.chain(interval.Erfc(x.v), d)
}

// erfcx: erfcx'(x) = 2x·erfcx(x) − 2/√π (from DLMF 7.10.1).
func (x dual) erfcx() dual {
	e := interval.Erfcx(x.v)
	d := x.v.Scale(2).Mul(e).Sub(interval.TwoBySqrtPi())
	return x.chain(e, d)
}
