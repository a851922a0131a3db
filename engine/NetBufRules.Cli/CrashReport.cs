namespace NetBufRules.Cli;

/// <summary>Writes an internal error's stack to a private file (mode 0600) so the terminal gets one line and the bug report gets the details.</summary>
internal static class CrashReport
{
    /// <summary>The file written, or null when no place could take it.</summary>
    public static string? Write(Exception e, string[] args)
    {
        var text = $"""
            netbufrules {typeof(CrashReport).Assembly.GetName().Version} internal error at {DateTimeOffset.UtcNow:O}
            command: netbufrules {string.Join(' ', args)}

            {e}

            """;
        // The message and the command line may carry host or argument bytes: escapes, not a terminal's controls, when the
        // file is shown with cat.
        text = Primitives.HostText.EscapeLines(text);
        var name = $"crash-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48] + ".txt";
        foreach (var folder in Folders())
        {
            try
            {
                var path = Path.Combine(folder, name);
                if (OperatingSystem.IsWindows()) continue;
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                // Created 0600: the stack and the command line are the user's business only.
                using var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                using var writer = new StreamWriter(stream);
                writer.Write(text);
                return path;
            }
            catch (Exception io) when (io is IOException or UnauthorizedAccessException)
            {
                // Try the next place.
            }
        }
        return null;
    }

    /// <summary>$XDG_STATE_HOME/netbufrules, else ~/.local/state/netbufrules, else the temp folder.</summary>
    private static IEnumerable<string> Folders()
    {
        if (Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state && Path.IsPathRooted(state))
            yield return Path.Combine(state, "netbufrules");
        if (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home)
            yield return Path.Combine(home, ".local", "state", "netbufrules");
        yield return Path.GetTempPath();
    }
}
