// The routines of VectorMath at each vector width (a generic type cannot be named shorter in C#).
global using Math512 = JaxNet.Backends.CpuSimd.Codegen.Vector.VectorMath<JaxNet.Backends.CpuSimd.Codegen.Vector.Lanes512,
    System.Runtime.Intrinsics.Vector512<double>, System.Runtime.Intrinsics.Vector512<long>,
    System.Runtime.Intrinsics.Vector512<float>, System.Runtime.Intrinsics.Vector512<int>>;
global using Math256 = JaxNet.Backends.CpuSimd.Codegen.Vector.VectorMath<JaxNet.Backends.CpuSimd.Codegen.Vector.Lanes256,
    System.Runtime.Intrinsics.Vector256<double>, System.Runtime.Intrinsics.Vector256<long>,
    System.Runtime.Intrinsics.Vector256<float>, System.Runtime.Intrinsics.Vector256<int>>;
