// Package decimal is the one grammar for the numbers a user types and the one
// exact formatter for the rationals the commands print.
//
// Parse reads an exact rational: a decimal such as -0.25, 1e-3 or 2.5E+2
// ("0.1" is exactly 1/10, not the float64 nearest it) or a fraction p/q of two
// such decimals such as 1/3 or 1e3/7. Errors are *SyntaxError values that carry
// the input and the reason, and quote the input shortened (Quote), so that a
// typo of a thousand characters yields a one-line message.
//
// String writes a rational back exactly: positional decimal digits when the
// expansion is finite and short, exact scientific notation (1e400) when it is
// finite and long, p/q when it does not terminate, and a marked approximation
// (≈0.33333333333333331) only when p/q itself would be too long to read.
package decimal
