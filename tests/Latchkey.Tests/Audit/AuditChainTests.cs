using Latchkey.Core.Audit;
using Latchkey.Core.Data;

namespace Latchkey.Tests.Audit;

/// <summary>The chain's hash format: pinned by vectors computed independently from docs/audit.md, and unambiguous.</summary>
public sealed class AuditChainTests
{
    private static readonly Guid _jane = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly DateTimeOffset _at = new(2026, 11, 23, 9, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void ComputeHash_DocumentedVectors_MatchTheFormat()
    {
        var first = SignIn(1);
        var second = new AuditEvent
        {
            Sequence = 2,
            OccurredAt = _at.AddSeconds(1),
            Type = "sign_in",
            Outcome = "failure",
            TargetEmail = "jäne@example.com",
            Ip = "2001:db8::1",
            Detail = "wrong_password",
        };

        var firstHash = AuditChain.ComputeHash(AuditChain.Genesis, first);
        var secondHash = AuditChain.ComputeHash(firstHash, second);

        AuditChain.ToHex(firstHash).ShouldBe("edf72d6e168f4e1af5cbd86c0ab82032c69ff61f67d09462a910b4e261212e28");
        AuditChain.ToHex(secondHash).ShouldBe("7188b22e1a46bc85bcefde4a6fd3d4519a7f9b3e173c3945ddd3f420bfdb21e7");
    }

    [Fact]
    public void ComputeHash_AnyFieldChanged_DifferentHash()
    {
        var original = AuditChain.ComputeHash(AuditChain.Genesis, SignIn(1));
        Action<AuditEvent>[] changes =
        [
            e => e.Sequence = 2,
            e => e.OccurredAt = e.OccurredAt.AddMilliseconds(1),
            e => e.Type = "sign_out",
            e => e.Outcome = "failure",
            e => e.ActorId = Guid.NewGuid(),
            e => e.ActorEmail = "john@example.com",
            e => e.TargetId = null,
            e => e.TargetEmail = null,
            e => e.Ip = "203.0.113.8",
            e => e.UserAgent = "Mozilla/5.1",
            e => e.Detail = "",
        ];

        var hashes = changes.Select(change =>
        {
            var changed = SignIn(1);
            change(changed);
            return AuditChain.ToHex(AuditChain.ComputeHash(AuditChain.Genesis, changed));
        }).ToList();

        hashes.ShouldNotContain(AuditChain.ToHex(original));
        hashes.Distinct().Count().ShouldBe(changes.Length);
    }

    [Fact]
    public void ComputeHash_TextShiftedBetweenFields_DifferentHash()
    {
        var one = new AuditEvent { Type = "a", Outcome = "b", Ip = "ab", UserAgent = null };
        var other = new AuditEvent { Type = "a", Outcome = "b", Ip = "a", UserAgent = "b" };

        AuditChain.ComputeHash(AuditChain.Genesis, one).ShouldNotBe(AuditChain.ComputeHash(AuditChain.Genesis, other));
    }

    [Fact]
    public void ComputeHash_OtherPreviousHash_DifferentHash()
    {
        var previous = new byte[AuditChain.HashLength];
        previous[31] = 1;

        AuditChain.ComputeHash(previous, SignIn(1)).ShouldNotBe(AuditChain.ComputeHash(AuditChain.Genesis, SignIn(1)));
    }

    [Fact]
    public void Seal_TimeWithTicksAndOffset_StoredAsWholeMillisecondsUtc()
    {
        var auditEvent = SignIn(0);
        auditEvent.OccurredAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(4567);

        AuditChain.Seal(auditEvent, 7, AuditChain.Genesis, []);

        auditEvent.OccurredAt.ShouldBe(_at);
        auditEvent.OccurredAt.Offset.ShouldBe(TimeSpan.Zero);
        auditEvent.Sequence.ShouldBe(7);
        auditEvent.Hash.Length.ShouldBe(AuditChain.HashLength);
    }

    [Fact]
    public void Seal_UnpairedSurrogate_BecomesReplacementCharacter()
    {
        var auditEvent = SignIn(0);
        auditEvent.UserAgent = "agent\uD800";

        AuditChain.Seal(auditEvent, 1, AuditChain.Genesis, []);

        auditEvent.UserAgent.ShouldBe("agent\uFFFD");
    }

    private static AuditEvent SignIn(long sequence) => new()
    {
        Sequence = sequence,
        OccurredAt = _at,
        Type = "sign_in",
        Outcome = "success",
        ActorId = _jane,
        ActorEmail = "jane@example.com",
        TargetId = _jane,
        TargetEmail = "jane@example.com",
        Ip = "203.0.113.7",
        UserAgent = "Mozilla/5.0",
    };
}
