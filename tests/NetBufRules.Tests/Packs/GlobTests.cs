using NetBufRules.Packs;

namespace NetBufRules.Tests.Packs;

/// <summary>Id globs for --only/--skip/disable and path globs for exclude.</summary>
public sealed class GlobTests
{
    [Theory]
    [InlineData("tcp-*", "tcp-backlog", true)]
    [InlineData("tcp-*", "udp-datagram-too-large", false)]
    [InlineData("*-drops", "nic-drops", true)]
    [InlineData("tcp-?emory", "tcp-memory", true)]
    [InlineData("tcp-backlog", "tcp-backlog-team", false)]
    [InlineData("tcp.backlog", "tcp-backlog", false)]
    public void An_id_glob_matches_the_whole_id(string pattern, string id, bool matches) =>
        Glob.Of(pattern).IsMatch(id).ShouldBe(matches);

    [Theory]
    [InlineData("tests", "tests/NetBufRules.Tests/Golden/load/x.yaml", true)]
    [InlineData("tests", "playbooks/tests.yaml", false)]
    [InlineData("**/*.draft.yaml", "playbooks/next.draft.yaml", true)]
    [InlineData("**/*.draft.yaml", "next.draft.yaml", true)]
    [InlineData("vendor/*", "vendor/a/b.yaml", true)]
    [InlineData("*.yaml", "playbooks/a.yaml", false)]
    public void A_path_glob_matches_the_path_or_a_folder_it_lies_in(string pattern, string path, bool matches) =>
        Glob.Of(pattern).MatchesPathOrParent(path).ShouldBe(matches);

    [Theory]
    [InlineData("b", true)]
    [InlineData("c", false)]
    public void A_glob_of_many_double_stars_answers_without_backtracking_past_its_time_limit(string last, bool matches)
    {
        // "**/" written 25 times over a path 30 folders deep backtracked past the 200 ms limit: an internal error.
        var glob = Glob.Of(string.Concat(Enumerable.Repeat("**/", 25)) + "b");
        var path = string.Join('/', Enumerable.Repeat("a", 30)) + "/" + last;
        glob.MatchesPathOrParent(path).ShouldBe(matches);
    }
}
