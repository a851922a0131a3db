namespace NetBufRules.Tests.Support;

/// <summary>Paths inside the repository, found from the test binary's folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Playbooks => Path.Combine(Root, "playbooks");

    public static string Snapshots => Path.Combine(Root, "examples", "snapshots");

    public static string Schemas => Path.Combine(Root, "schemas");

    public static string Golden => Path.Combine(Root, "tests", "NetBufRules.Tests", "Golden");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetBufRules.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NetBufRules.sln not found above " + AppContext.BaseDirectory);
    }
}
