namespace NoAttributePlugin;

/// <summary>An assembly in a plugin folder that is not a JaxNet plugin (it lacks the BackendPlugin attribute).</summary>
public static class NotAPlugin
{
    public static int Answer => 42;
}
