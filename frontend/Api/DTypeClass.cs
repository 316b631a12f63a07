namespace JaxNet;

/// <summary>
/// NumPy's abstract scalar classes, as <c>jnp.issubdtype</c> takes them: Generic holds everything; Number the
/// integers and the inexact types (bool is not a number); Integer splits into SignedInteger and UnsignedInteger,
/// Inexact into Floating (bfloat16 included, as JAX counts it) and ComplexFloating. Bool is NumPy's <c>bool_</c>.
/// Extended (jax.dtypes.extended) lies outside NumPy's tree and holds PRNGKey (jax.dtypes.prng_key), the class of
/// the typed key dtype <c>key&lt;fry&gt;</c>.
/// </summary>
public enum DTypeClass
{
    Generic,
    Number,
    Integer,
    SignedInteger,
    UnsignedInteger,
    Inexact,
    Floating,
    ComplexFloating,
    Bool,
    Extended,
    PRNGKey,
}
