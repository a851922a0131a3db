namespace NetBufRules.Tests.Support;

/// <summary>Compares output with a checked-in file; UPDATE_GOLDEN=1 rewrites the file instead.</summary>
internal static class GoldenFile
{
    public static void Match(string path, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).ShouldBeTrue($"golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it");
        actual.ShouldBe(File.ReadAllText(path), $"output differs from {Path.GetFileName(path)}");
    }
}
