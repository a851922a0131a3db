using System.Globalization;
using System.Text;
using CsCheck;
using NetBufRules.Probe.Recording;

namespace NetBufRules.Tests.Probe.Recording;

/// <summary>The stream reader's quick read of a snapshot time gives the general parser's value and offset, or declines.</summary>
public sealed class SnapshotTimeTests
{
    private static bool General(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    [Fact]
    public void Every_round_trip_time_reads_as_the_general_parser_reads_it()
    {
        // Any instant, any whole-minute offset the type allows (±14 h), written as 'collect' writes it.
        Gen.Select(Gen.Long[DateTimeOffset.MinValue.Ticks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[-14 * 60, 14 * 60])
            .Sample((ticks, minutes) =>
            {
                var text = new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes)).ToString("O", CultureInfo.InvariantCulture);
                SnapshotTime.TryRoundTrip(Encoding.UTF8.GetBytes(text), out var quick).ShouldBeTrue(text);
                General(text, out var general).ShouldBeTrue(text);
                quick.Ticks.ShouldBe(general.Ticks, text);
                quick.Offset.ShouldBe(general.Offset, text);
            }, iter: 20_000);
    }

    [Fact]
    public void A_text_it_reads_is_read_alike_by_the_general_parser_even_when_bent()
    {
        // A recorded time with any one byte changed to any digit, sign, letter or punctuation: whatever the quick read
        // accepts, the general parser accepts with the same value and offset (the rest goes to the general parser).
        const string recorded = "2026-11-27T22:46:26.3417087+00:00";
        var bytes = "0123456789+-:.TZ tz,/"u8.ToArray();
        Gen.Select(Gen.Int[0, recorded.Length - 1], Gen.Int[0, bytes.Length - 1], Gen.Int[0, recorded.Length - 1], Gen.Int[0, bytes.Length - 1])
            .Sample((i, b, j, c) =>
            {
                var text = Encoding.ASCII.GetBytes(recorded);
                text[i] = bytes[b];
                text[j] = bytes[c];
                if (!SnapshotTime.TryRoundTrip(text, out var quick)) return;
                var s = Encoding.ASCII.GetString(text);
                General(s, out var general).ShouldBeTrue(s);
                quick.Ticks.ShouldBe(general.Ticks, s);
                quick.Offset.ShouldBe(general.Offset, s);
            }, iter: 50_000);
    }

    [Theory]
    [InlineData("2026-11-27T22:46:26.3417087Z")]
    [InlineData("2026-11-27T22:46:26+00:00")]
    [InlineData("2026-11-27 22:46:26.3417087+00:00")]
    [InlineData("27/11/2026 22:46")]
    public void Other_forms_are_left_to_the_general_parser(string text) =>
        SnapshotTime.TryRoundTrip(Encoding.UTF8.GetBytes(text), out _).ShouldBeFalse();
}
