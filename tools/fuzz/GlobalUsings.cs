global using JaxNet.Conformance.Numerics;
global using JaxNet.Fuzz.Numerics;
global using JaxNet.Fuzz.Values;
global using Lax = JaxNet.Jax.Lax;
