using NetBufRules.Lint;
using NetBufRules.Load;
using NetBufRules.Tests.Support;
using NetBufRules.Validate;

namespace NetBufRules.Tests.Load;

/// <summary>
/// A folder holds more than playbooks: CI configs, values files. Those are passed over when a folder is scanned;
/// a broken playbook is not, and a file named on the command line is always loaded.
/// </summary>
public sealed class FolderScanTests
{
    [Theory]
    [InlineData("apiVersion: netbufrules/v1\nid: x\n", true)]
    [InlineData("id: x\ntitle: no apiVersion\n", true)]
    [InlineData("apiVersoin: netbufrules/v1\nprobes: {}\n", true)]
    [InlineData("title: only a title\nwhen: x\n", true)]
    [InlineData("", true)]
    [InlineData("# only a comment\n", true)]
    [InlineData("{ apiVersion: netbufrules/v1 }\n", true)]
    [InlineData(": broken\n  - [\n", true)]
    [InlineData("name: lint playbooks\non:\n  push:\njobs:\n  lint:\n    runs-on: ubuntu-latest\n", false)]
    [InlineData("netbufrules-lint:\n  script:\n    - ./netbufrules lint playbooks/\n  when: always\n", false)]
    [InlineData("max_udp_errors_per_s: 50\ntcp-backlog:\n  min_somaxconn: 8192\n", false)]
    [InlineData("repos:\n  - repo: local\n", false)]
    public void A_yaml_file_in_a_folder_is_a_playbook_unless_it_is_clearly_something_else(string text, bool playbook)
    {
        PlaybookLoader.LooksLikePlaybook(text).ShouldBe(playbook);
    }

    [Fact]
    public void Linting_the_examples_folder_passes_over_its_ci_configs_and_values_file()
    {
        // examples/ holds no playbook of its own since neighbour-table moved into the pack: lint a copy of its
        // CI configs and values file beside one playbook, which is the only file that counts.
        var examples = Path.Combine(Repo.Root, "examples");
        Directory.GetFiles(examples, "*.y*ml", SearchOption.AllDirectories).Length.ShouldBeGreaterThan(1);
        var lint = PlaybookLinter.Lint([Repo.Playbooks, examples]);
        lint.Diagnostics.ShouldBeEmpty(string.Join("\n", lint.Diagnostics));
        // Only the playbooks count: the pack's and examples/playbooks' (test files, CI configs and the values file are passed over).
        // examples/team-pack is a pack of its own, excluded by the repository's .netbufrules.yaml (.ci/run lints it alone).
        lint.Files.ShouldBe(new[] { Repo.Playbooks, Path.Combine(examples, "playbooks") }
            .SelectMany(d => Directory.GetFiles(d, "*.yaml")).Count(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_values_file_beside_the_playbooks_does_not_break_a_run()
    {
        var folder = Directory.CreateTempSubdirectory("nbr-scan-").FullName;
        try
        {
            File.Copy(Path.Combine(Repo.Playbooks, "tcp-backlog.yaml"), Path.Combine(folder, "tcp-backlog.yaml"));
            File.Copy(Path.Combine(Repo.Root, "examples", "team-values.yaml"), Path.Combine(folder, "team-values.yaml"));
            File.WriteAllText(Path.Combine(folder, "broken.yaml"), "id: broken\ntitle: Broken\n");
            var loaded = PlaybookLoader.Load([folder]);
            loaded.Playbooks.Select(p => p.Id).ShouldBe(["broken", "tcp-backlog"], ignoreOrder: true);
            // The broken playbook is still loaded, so its mistakes are still reported.
            loaded.Diagnostics.ShouldContain(d => d.Code == "NBR005" && d.Position.File.EndsWith("broken.yaml", StringComparison.Ordinal));
            loaded.Diagnostics.ShouldNotContain(d => d.Position.File.EndsWith("team-values.yaml", StringComparison.Ordinal));
            // Named on the command line, the values file is read as a playbook, and reported as not being one.
            PlaybookLoader.Load([Path.Combine(folder, "team-values.yaml")]).Diagnostics.ShouldContain(d => d.Code == "NBR005");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
