namespace JaxNet.Runtime;

/// <summary>
/// A folder that should hold a plugin: <c>&lt;folder&gt;/&lt;folder name&gt;.dll</c>, as McMaster.NETCore.Plugins lays
/// plugins out. Found in the app's <c>plugins/</c> folder and in the plugin path's folders.
/// </summary>
public sealed record PluginCandidate(string Folder)
{
    public string AssemblyPath => Path.Combine(Folder, Path.GetFileName(Folder.TrimEnd(Path.DirectorySeparatorChar)) + ".dll");

    /// <summary>
    /// Plugin folders under each root: a root that is itself a plugin folder counts, else each of its
    /// sub-folders does. Missing roots are skipped (reported by the caller).
    /// </summary>
    public static IEnumerable<PluginCandidate> FindIn(string root)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) yield break;
        var self = new PluginCandidate(root);
        if (File.Exists(self.AssemblyPath))
        {
            yield return self;
            yield break;
        }
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            yield return new PluginCandidate(folder);
    }
}
