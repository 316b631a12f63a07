namespace JaxNet.Fuzz.Ops.ComplexNumbers;

/// <summary>The unary functions a <see cref="ComplexUnaryFuzzOp"/> applies to a complex operand.</summary>
public enum ComplexFunction { Neg, Conj, Real, Imag, Abs, Angle, Exp, Log, Sqrt, Sin, Cos, Tanh, Power }
