using System.Text;
using NetBufRules.Tests.Hostile;
using NetBufRules.Tests.Support;

namespace NetBufRules.Tests.Render;

/// <summary>
/// A busy host is no reason for a wrong answer: the pack's file-descriptors fix walks the whole process table to find
/// the limits it must not lower, and on a host with more processes than a template loop allowed (10,000) the finding
/// was an error instead of its fix.
/// </summary>
public sealed class LargeHostRenderTests
{
    [Fact]
    public async Task The_file_descriptors_fix_renders_on_a_host_with_twelve_thousand_processes()
    {
        using var scratch = new RobustnessScratch();
        File.Copy(Path.Combine(Repo.Playbooks, "file-descriptors.yaml"), Path.Combine(scratch.Root, "file-descriptors.yaml"));
        var table = new StringBuilder("pid\\tfds\\tsoft\\thard\\tuid\\tunit\\tcomm\\n4242\\t1024\\t1024\\t524288\\t33\\tnginx.service\\tnginx\\n");
        // The highest hard limit of a login process sits last: the fix must have read every row to find it.
        for (var pid = 10_000; pid < 22_000; pid++) table.Append(pid).Append("\\t4\\t1024\\t").Append(pid == 21_999 ? 1048576 : 524288).Append("\\t1000\\t-\\tbash\\n");
        scratch.Write("file-descriptors.test.yaml", $"""
            tests:
              - name: twelve thousand processes
                snapshot: {Path.Combine(Repo.Snapshots, "netns-healthy.json")}
                probes:
                  near_limit:
                    - "pid\tfds\tsoft\thard\tuid\tunit\tcomm\n4242\t1024\t1024\t524288\t33\tnginx.service\tnginx\n"
                  all_processes:
                    - "{table}"
                expect:
                  status: fired
                  fix_contains: ["LimitNOFILE=524288", "hard  nofile  1048576"]
            """);
        var (code, output, error) = await CliRunner.Run("test", scratch.Root);
        error.ShouldBeEmpty();
        output.ShouldContain("PASS file-descriptors: twelve thousand processes", customMessage: output.Length > 4000 ? output[..4000] : output);
        code.ShouldBe(0);
    }
}
