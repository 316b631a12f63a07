using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>float64 exp and logistic on .NET's vector exp (float32's are in VectorMath.Float32Math.cs).</summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    /// <summary>
    /// .NET's exp computes the whole vector with its scalar routine when any lane is beyond +-708, so a lane's result
    /// would depend on its neighbours: here the vector routine gets only lanes within range and the others (and NaN)
    /// are computed one by one, so each lane's bits depend on its value alone (as <see cref="Scalar.VectorLane"/> needs).
    /// </summary>
    public static TDouble Exp(TDouble x)
    {
        var inRange = TLanes.LessThanOrEqual(TLanes.Abs(x), TLanes.Create(708d));
        var y = TLanes.NativeExp(TLanes.ConditionalSelect(inRange, x, TLanes.Zero));
        return TLanes.AllSet(inRange) ? y : OneByOne(y, x, TLanes.OnesComplement(inRange), ScalarLaneFunction.Exp);
    }

    /// <summary>1 / (1 + e^-x), e^-x computed first (the 1 taken before the call was kept on the stack across it).</summary>
    [MethodImpl(Inline)]
    public static TDouble Logistic(TDouble x)
    {
        var e = Exp(TLanes.Negate(x));
        return TLanes.Divide(TLanes.One, TLanes.Add(TLanes.One, e));
    }
}
