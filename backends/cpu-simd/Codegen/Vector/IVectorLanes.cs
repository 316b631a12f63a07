namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// One vector width: its float64, int64, float32 and int32 lanes, and the moves between float32 and float64 lanes
/// (a float32 routine that runs in float64 widens each half and narrows the two results back).
/// </summary>
internal interface IVectorLanes<TDouble, TLong, TFloat, TInt> : IFloat64Lanes<TDouble, TLong>, IFloat32Lanes<TFloat, TInt>
{
    static abstract TDouble WidenLower(TFloat x);
    static abstract TDouble WidenUpper(TFloat x);
    static abstract TFloat Narrow(TDouble lower, TDouble upper);
}
