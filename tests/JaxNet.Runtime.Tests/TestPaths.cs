namespace JaxNet.Runtime.Tests;

/// <summary>Where the build put the real and the deliberately broken plugins (see the csproj).</summary>
internal static class TestPaths
{
    public static string Plugins => Path.Combine(AppContext.BaseDirectory, "plugins");

    public static string BrokenPlugins => Path.Combine(AppContext.BaseDirectory, "testplugins");

    public static string BrokenPlugin(string name) => Path.Combine(BrokenPlugins, name);

    public static JaxNetConfig Config(params (string Key, string Value)[] env) =>
        JaxNetConfig.FromSources(null, env.ToDictionary(e => e.Key, e => e.Value));
}
