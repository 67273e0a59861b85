using FsCheck;
using FsCheck.Fluent;
using Latchkey.Core.Passwords.Blocklist;

namespace Latchkey.Tests.Passwords.Blocklist;

public sealed class FingerprintFilterTests
{
    [Fact]
    public void Contains_AnyInsertedKeys_EveryOneFound()
    {
        Prop.ForAll<ulong[]>(keys =>
        {
            using var filter = Build(keys);
            return keys.All(filter.Contains) && filter.Count == keys.Distinct().Count();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Contains_AnyInsertedPasswords_EveryOneFound()
    {
        Prop.ForAll<NonEmptyString[]>(passwords =>
        {
            var keys = passwords.Select(p => BlocklistKey.Of(p.Get)).ToArray();
            using var filter = Build(keys);
            return keys.All(filter.Contains);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(10_000)]
    public void Contains_KeysAcrossBucketSizes_AllFoundAndNeighboursNot(int count)
    {
        var random = new Random(count);
        var keys = Enumerable.Range(0, count).Select(_ => (ulong)random.NextInt64()).ToArray();

        using var filter = Build(keys);

        keys.ShouldAllBe(k => filter.Contains(k));
        filter.Contains(ulong.MaxValue).ShouldBeFalse();
        // The filter keeps a key's top 32 + bucket bits (at least 32): a key differing in bit 40 is another entry.
        keys.Count(k => filter.Contains(k ^ (1UL << 40))).ShouldBe(0);
    }

    [Fact]
    public void Contains_ExtremeKeys_Found()
    {
        ulong[] keys = [0, 1, ulong.MaxValue - 1, ulong.MaxValue, 1UL << 63];

        using var filter = Build(keys);

        keys.ShouldAllBe(k => filter.Contains(k));
    }

    [Fact]
    public void BlocklistKey_Password_IsTheHibpHashPrefix()
    {
        var key = BlocklistKey.Of("password");

        key.ShouldBe(0x5BAA61E4C9B93F3FUL); // SHA-1("password") = 5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8
    }

    [Fact]
    public void Add_KeysOutOfOrder_Throws()
    {
        using var stream = new MemoryStream();
        var writer = new FingerprintFilterWriter(stream, 2);
        writer.Add(5);

        Should.Throw<InvalidOperationException>(() => writer.Add(4));
    }

    private static FingerprintFilter Build(IEnumerable<ulong> keys)
    {
        var sorted = keys.Order().ToArray();
        using var stream = new MemoryStream();
        var writer = new FingerprintFilterWriter(stream, sorted.Length);
        foreach (var key in sorted)
        {
            writer.Add(key);
        }

        writer.Complete();
        stream.Position = 0;
        return FingerprintFilter.Load(stream);
    }
}
