using System.Text.Json;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Packs;

/// <summary>'list' and 'docs' over the built-in pack, pinned by golden files (UPDATE_GOLDEN=1 rewrites them).</summary>
public sealed class ListDocsGoldenTests
{
    private static string Golden(string name) => Path.Combine(Repo.Golden, "packs", name);

    [Fact]
    public async Task List_shows_id_title_severity_tags_pack_and_version()
    {
        var (code, output, error) = await CliRunner.Run("list");
        error.ShouldBeEmpty();
        code.ShouldBe(0);
        GoldenFile.Match(Golden("list-builtin.out.txt"), output);
    }

    [Fact]
    public async Task List_as_json_has_one_object_per_playbook()
    {
        var (code, output, _) = await CliRunner.Run("list", "builtin", "--format", "json");
        code.ShouldBe(0);
        GoldenFile.Match(Golden("list-builtin.json"), output);
        var playbooks = JsonDocument.Parse(output).RootElement.GetProperty("playbooks");
        playbooks.EnumerateArray().ShouldAllBe(p => p.GetProperty("pack").GetString() == "builtin" && p.GetProperty("version").GetString() == "0.1.0");
    }

    [Fact]
    public async Task Docs_writes_a_markdown_catalogue_of_the_built_in_pack()
    {
        var (code, output, error) = await CliRunner.Run("docs", "builtin");
        error.ShouldBeEmpty();
        code.ShouldBe(0);
        GoldenFile.Match(Golden("docs-builtin.md"), output);
        // Every cause has its section, and every param its default.
        foreach (var file in Directory.GetFiles(Repo.Playbooks, "*.yaml").Where(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal)))
            output.ShouldContain($"\n## {Path.GetFileNameWithoutExtension(file)}\n");
        output.ShouldContain("| `min_somaxconn` | `4096` |");
    }

    [Fact]
    public async Task Docs_of_a_team_pack_names_the_pack_its_version_and_the_engine_it_needs()
    {
        using var folder = new PackFolder();
        folder.Write("team/pack.yaml", "name: team-net\nversion: 1.2.0\ndescription: The network team's playbooks\nengine: \">=0.1.0\"\n");
        folder.Write("team/team-somaxconn.yaml", PackFolder.TeamPlaybook("team-somaxconn"));
        var (code, output, _) = await CliRunner.Run("docs", Path.Combine(folder.Root, "team"));
        code.ShouldBe(0);
        output.ShouldStartWith("# team-net 1.2.0\n\nThe network team's playbooks\n\nNeeds netbufrules `>=0.1.0`.\n");
        output.ShouldContain("| `min_somaxconn` | `8192` | the team's load test |");
    }

    [Fact]
    public async Task Docs_of_a_shared_pack_write_its_prose_as_text_never_as_html_links_headings_or_fences()
    {
        using var folder = new PackFolder();
        folder.Write("evil/pack.yaml", "name: evil\nversion: 1.0.0\ndescription: \"desc <script>alert(1)</script> [l](javascript:alert(1)) \\n# Heading\\n```\"\n");
        folder.Write("evil/rt-dk.yaml", """
            apiVersion: netbufrules/v1
            id: rt-dk
            title: "a | b <img src=x onerror=alert(1)> [x](javascript:alert(1))"
            severity: info
            summary: "sum <script>alert(2)</script>\n\n```\n# injected heading"
            why: "why </details><script>alert(3)</script>"
            params:
              # comment <script>alert(4)</script> | pipe
              p: 1
            probes:
              x:
                sysctl: net.core.somaxconn
            when:
              - if: x > p
                message: "m"
            """);
        var (code, output, _) = await CliRunner.Run("docs", Path.Combine(folder.Root, "evil"));
        code.ShouldBe(0);
        // No tag, no link target, and no line of the pack's own starting a heading or a fence.
        output.ShouldNotMatch(@"(?<!\\)<(script|img|/details)");
        output.ShouldNotMatch(@"(?<!\\)\]\(javascript");
        output.Split('\n').ShouldNotContain(l => l.StartsWith("```", StringComparison.Ordinal) || l.StartsWith("# Heading", StringComparison.Ordinal) || l.StartsWith("# injected", StringComparison.Ordinal));
        // The words are all still there, as text.
        output.ShouldContain("alert(2)");
        output.ShouldContain("## rt-dk\n");
        output.ShouldContain("### Signals\n");
    }
}
