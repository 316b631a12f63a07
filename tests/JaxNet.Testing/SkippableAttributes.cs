using Xunit;
using Xunit.Sdk;

namespace JaxNet.Testing;

/// <summary>A fact that may skip itself at run time by throwing <see cref="SkipException"/>.</summary>
[XunitTestCaseDiscoverer("JaxNet.Testing.SkippableFactDiscoverer", "JaxNet.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkippableFactAttribute : FactAttribute;

/// <summary>A theory whose rows may skip themselves at run time by throwing <see cref="SkipException"/>.</summary>
[XunitTestCaseDiscoverer("JaxNet.Testing.SkippableTheoryDiscoverer", "JaxNet.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkippableTheoryAttribute : TheoryAttribute;
