using System.Reflection.Emit;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

internal sealed partial class RowFunctionEmitter
{
    /// <summary>
    /// The accumulators of a row reduction. Sum/Prod/Max/Min/And/Or keep one vector accumulator per unrolled
    /// copy (independent dependency chains, and partial sums that keep large float sums accurate), folded
    /// lane by lane into a scalar at the end of the vector loop. ArgMax/ArgMin run in scalar code only: a value
    /// and its position, replaced when a later value is strictly better or the first NaN.
    /// </summary>
    private sealed class FoldState
    {
        private readonly RowFunctionEmitter e;
        private readonly RowFold fold;
        private readonly DType accType;
        private readonly bool isArg;
        private readonly LocalBuilder scalarAcc;
        private readonly LocalBuilder? indexAcc;
        private readonly LocalBuilder laneValue;
        private LocalBuilder[] vectorAccs = [];
        private LocalBuilder? identityVector;

        public FoldState(RowFunctionEmitter emitter, RowFold fold)
        {
            e = emitter;
            this.fold = fold;
            accType = e.nodes[fold.Node].DType;
            isArg = fold.Op is ReduceOp.ArgMax or ReduceOp.ArgMin;
            scalarAcc = e.il.DeclareLocal(LaneLayout.ScalarType(accType));
            laneValue = e.il.DeclareLocal(LaneLayout.ScalarType(accType));
            if (isArg) indexAcc = e.il.DeclareLocal(typeof(int));
            e.EmitConstant(ReduceIdentity.Of(fold.Op, accType));
            e.il.Emit(OpCodes.Stloc, scalarAcc);
        }

        private string ScalarCombine => ReduceIdentity.CombineOpName(fold.Op);

        private string VectorCombine => MaskName(ScalarCombine, accType);

        /// <summary>Whether values fold in vector accumulators (arg ops fold in scalar code only).</summary>
        public bool HasVectorForm => !isArg;

        public void DeclareVectorAccumulators(int count)
        {
            vectorAccs = new LocalBuilder[count];
            for (var k = 0; k < count; k++) vectorAccs[k] = BroadcastIdentity();
            identityVector = BroadcastIdentity();
        }

        /// <summary>A new vector local holding the identity (the scalar accumulator's value until the vector folds end).</summary>
        private LocalBuilder BroadcastIdentity()
        {
            var local = e.il.DeclareLocal(e.layout.VectorType(accType));
            e.il.Emit(OpCodes.Ldloc, scalarAcc);
            e.il.Emit(OpCodes.Call, accType == DType.Bool
                ? e.VectorHelper(e.layout.LaneBytes == 8 ? "MaskW8" : "MaskW4", typeof(bool))
                : e.VectorHelper("Broadcast", LaneLayout.ScalarType(accType)));
            e.il.Emit(OpCodes.Stloc, local);
            return local;
        }

        /// <summary>Folds the first <paramref name="count"/> lanes of the value's vector into the first accumulator, the
        /// other lanes (outside the row) counting as the identity.</summary>
        public void AccumulateFirstLanes(LocalBuilder count)
        {
            var laneType = e.layout.LaneType(accType);
            var kept = e.il.DeclareLocal(e.layout.VectorType(accType));
            e.il.Emit(OpCodes.Ldloc, e.vectors[fold.Node]!);
            e.il.Emit(OpCodes.Ldloc, count);
            e.il.Emit(OpCodes.Ldloc, identityVector!);
            e.il.Emit(OpCodes.Call, e.layout.Helpers.GetMethod("KeepFirst")!.MakeGenericMethod(laneType));
            e.il.Emit(OpCodes.Stloc, kept);
            e.EmitVectorOp(VectorCombine, ScalarCombine, [vectorAccs[0], kept], [accType, accType], vectorAccs[0], accType);
        }

        public void AccumulateVector(int copy)
        {
            var acc = vectorAccs[copy];
            e.EmitVectorOp(VectorCombine, ScalarCombine, [acc, e.vectors[fold.Node]!], [accType, accType], acc, accType);
        }

        /// <summary>Combines the vector accumulators into the scalar one (which is still the identity): into the first
        /// vector, then across its lanes as a tree (each lane combined with the one half, a quarter, ... of the vector
        /// away), which for a short row costs log2(lanes) vector steps instead of a scalar step per lane.</summary>
        public void ReduceVectorAccumulators()
        {
            var first = vectorAccs[0];
            for (var k = 1; k < vectorAccs.Length; k++)
                e.EmitVectorOp(VectorCombine, ScalarCombine, [first, vectorAccs[k]], [accType, accType], first, accType);
            var swapped = e.il.DeclareLocal(e.layout.VectorType(accType));
            var swap = e.layout.Helpers.GetMethod("SwapLanes")!.MakeGenericMethod(e.layout.LaneType(accType));
            for (var distance = e.layout.Lanes / 2; distance > 0; distance /= 2)
            {
                e.il.Emit(OpCodes.Ldloc, first);
                e.il.Emit(OpCodes.Ldc_I4, distance);
                e.il.Emit(OpCodes.Call, swap);
                e.il.Emit(OpCodes.Stloc, swapped);
                e.EmitVectorOp(VectorCombine, ScalarCombine, [first, swapped], [accType, accType], first, accType);
            }
            e.EmitLaneLoad(first, 0, accType);
            e.il.Emit(OpCodes.Stloc, laneValue);
            CombineScalar(scalarAcc, laneValue);
        }

        public void AccumulateScalar()
        {
            var value = e.scalars[fold.Node]!;
            if (!isArg)
            {
                CombineScalar(scalarAcc, value);
                return;
            }
            var skip = e.il.DefineLabel();
            EmitTakes(value, scalarAcc);
            e.il.Emit(OpCodes.Brfalse, skip);
            e.il.Emit(OpCodes.Ldloc, value);
            e.il.Emit(OpCodes.Stloc, scalarAcc);
            e.EmitCoordinate(e.spec.InnerDimension, 0);
            e.il.Emit(OpCodes.Conv_I4);
            e.il.Emit(OpCodes.Stloc, indexAcc!);
            e.il.MarkLabel(skip);
        }

        /// <summary>Combines the row's result into the accumulator in memory (which holds earlier rows' result).</summary>
        public void StoreToAccumulator()
        {
            var storage = e.il.DeclareLocal(LaneLayout.ScalarType(accType));
            e.EmitAddress(fold.ValuePointer, 0, 0);
            e.il.Emit(OpCodes.Call, e.ScalarHelper("Load" + accType, [typeof(nint)], accType));
            e.il.Emit(OpCodes.Stloc, storage);
            if (isArg)
            {
                var done = e.il.DefineLabel();
                EmitTakes(scalarAcc, storage);
                e.il.Emit(OpCodes.Brfalse, done);
                Store(fold.ValuePointer, accType, scalarAcc);
                Store(fold.IndexPointer, DType.Int32, indexAcc!);
                e.il.MarkLabel(done);
                return;
            }
            CombineScalar(storage, scalarAcc);
            Store(fold.ValuePointer, accType, storage);
        }

        private void Store(int pointer, DType dtype, LocalBuilder value)
        {
            e.EmitAddress(pointer, 0, 0);
            e.il.Emit(OpCodes.Ldloc, value);
            e.il.Emit(OpCodes.Call, e.ScalarHelper("Store" + dtype, [typeof(nint), LaneLayout.ScalarType(dtype)], dtype));
        }

        /// <summary>target = combine(target, value).</summary>
        private void CombineScalar(LocalBuilder target, LocalBuilder value)
        {
            var type = LaneLayout.ScalarType(accType);
            e.il.Emit(OpCodes.Ldloc, target);
            e.il.Emit(OpCodes.Ldloc, value);
            e.il.Emit(OpCodes.Call, e.ScalarHelper(ScalarCombine, [type, type], accType));
            e.il.Emit(OpCodes.Stloc, target);
        }

        /// <summary>Pushes whether an arg accumulator holding <paramref name="best"/> should take <paramref name="value"/>.</summary>
        private void EmitTakes(LocalBuilder value, LocalBuilder best)
        {
            var type = LaneLayout.ScalarType(accType);
            var name = fold.Op == ReduceOp.ArgMax ? "ArgMaxTakes" : "ArgMinTakes";
            e.il.Emit(OpCodes.Ldloc, value);
            e.il.Emit(OpCodes.Ldloc, best);
            e.il.Emit(OpCodes.Call, e.ScalarHelper(name, [type, type], DType.Bool));
        }
    }
}
