using JaxNet.Abstractions;

namespace JaxNet.Runtime.Tests;

public sealed class AbiVersionTests
{
    [Theory]
    [InlineData(1, 0, 1, 0, true)]
    [InlineData(1, 0, 1, 3, true)]
    [InlineData(1, 4, 1, 3, false)]
    [InlineData(2, 0, 1, 3, false)]
    [InlineData(0, 9, 1, 3, false)]
    public void Same_major_and_not_newer_minor_is_compatible(int pMajor, int pMinor, int hMajor, int hMinor, bool ok)
    {
        var reason = new AbiVersion(pMajor, pMinor).IncompatibilityWith(new AbiVersion(hMajor, hMinor));
        Assert.Equal(ok, reason is null);
        if (!ok)
        {
            Assert.Contains($"{pMajor}.{pMinor}", reason);
            Assert.Contains($"{hMajor}.{hMinor}", reason);
        }
    }
}
