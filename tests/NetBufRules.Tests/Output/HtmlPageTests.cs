using System.Buffers.Binary;
using System.Diagnostics;
using AngleSharp.Html.Parser;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Output;

/// <summary>The HTML page parses without errors, fetches nothing, and a real browser (Debian's headless Chromium) renders it.</summary>
public sealed class HtmlPageTests
{
    private const int Width = 1280, Height = 1600;

    private static async Task<string> Page(string from)
    {
        var (_, output, error) = await CliRunner.Run("run", Repo.Playbooks, "--from", from, "--format", "html");
        error.ShouldBeEmpty();
        return output;
    }

    public static TheoryData<string> Sources() => ["netns-backlog.json", "host-user.json", "netns-healthy.json", ""];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task The_page_parses_as_html5_without_a_single_error(string snapshot)
    {
        var html = await Page(Path.Combine(Repo.Snapshots, snapshot));
        var errors = new List<string>();
        var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = false });
        parser.Error += (_, e) => errors.Add(e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error ? $"{error.Message} at {error.Position}" : e.ToString()!);
        var document = parser.ParseDocument(html);
        errors.ShouldBeEmpty();
        document.Doctype.ShouldNotBeNull().Name.ShouldBe("html");
        document.Title.ShouldStartWith("netbufrules ");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task The_page_is_self_contained_no_script_no_external_url_and_a_policy_that_forbids_fetching(string snapshot)
    {
        var html = await Page(Path.Combine(Repo.Snapshots, snapshot));
        var document = new HtmlParser().ParseDocument(html);
        document.QuerySelectorAll("script, link, img, iframe, object, embed, base").ShouldBeEmpty();
        document.QuerySelectorAll("[src], [href], [style]").ShouldBeEmpty();
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        html.ShouldNotContain("url(");
        document.QuerySelector("meta[http-equiv='Content-Security-Policy']").ShouldNotBeNull().GetAttribute("content").ShouldStartWith("default-src 'none'");
    }

    [SkippableTheory]
    [InlineData("netns-backlog.json")]
    [InlineData("")]
    public async Task Headless_chromium_renders_the_page_to_a_screenshot_that_is_not_blank(string snapshot)
    {
        Skip.IfNot(File.Exists("/usr/bin/chromium"), "Debian's chromium is not installed (.ci/run installs it)");
        var folder = Directory.CreateTempSubdirectory("nbr-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var blank = Path.Combine(folder.FullName, "blank.html");
            await File.WriteAllTextAsync(page, await Page(Path.Combine(Repo.Snapshots, snapshot)));
            await File.WriteAllTextAsync(blank, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>blank</title></head><body></body></html>");
            var shot = Screenshot(page, folder.FullName, "report.png");
            var empty = Screenshot(blank, folder.FullName, "blank.png");
            var bytes = await File.ReadAllBytesAsync(shot);
            bytes.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a });
            // IHDR is the first chunk: width and height, big-endian, at offsets 16 and 20.
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)).ShouldBe(Width);
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)).ShouldBe(Height);
            // A white page compresses to almost nothing; text, tables and colour bars do not.
            var blankSize = new FileInfo(empty).Length;
            ((long)bytes.Length).ShouldBeGreaterThan(blankSize * 5, $"the screenshot ({bytes.Length} bytes) is hardly larger than a blank page's ({blankSize} bytes)");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Screenshot(string page, string folder, string name)
    {
        var png = Path.Combine(folder, name);
        var start = new ProcessStartInfo("/usr/bin/chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                $"--user-data-dir={Path.Combine(folder, "profile-" + name)}", $"--window-size={Width},{Height}", $"--screenshot={png}",
                new Uri(page).AbsoluteUri,
            },
        };
        using var chromium = Process.Start(start)!;
        chromium.StandardOutput.ReadToEndAsync();
        var stderr = chromium.StandardError.ReadToEndAsync();
        if (!chromium.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            chromium.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not render the page within 60 s");
        }
        File.Exists(png).ShouldBeTrue($"chromium wrote no screenshot (exit {chromium.ExitCode}): {stderr.Result}");
        return png;
    }
}
