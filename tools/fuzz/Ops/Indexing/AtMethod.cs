namespace JaxNet.Fuzz.Ops.Indexing;

/// <summary>Which method of <c>x.At[idx]</c> an <see cref="IndexUpdateFuzzOp"/> calls.</summary>
public enum AtMethod { Set, Add, Subtract, Multiply, Divide, Power, Min, Max, Apply }
