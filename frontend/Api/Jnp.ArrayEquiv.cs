using JaxNet.Core;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>True when the arrays broadcast together and agree everywhere (numpy.array_equiv); shapes that do
    /// not broadcast give false, not an error.</summary>
    public static bool ArrayEquiv(NDArray x, NDArray y)
    {
        try
        {
            BroadcastShapes(x.Aval.Shape, y.Aval.Shape);
        }
        catch (ShapeException)
        {
            return false;
        }
        return (bool)All(Equal(x, y));
    }
}
