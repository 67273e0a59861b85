using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Keeps WebAuthn ceremonies in the store (<see cref="PasskeyCeremony"/>): begun on one node, finished on any. Only
/// the SHA-256 of a challenge is a key; the answer's client data names its challenge, and the first answer claims
/// the ceremony with one conditional update, so a replay, a second answer or a late one (after
/// <see cref="Lifetime"/>) finds nothing.
/// </summary>
public sealed class PasskeyCeremonies(LatchkeyDbContext db, TimeProvider timeProvider)
{
    public const string Registration = "register";
    public const string SecondFactor = "second_factor";
    public const string Passwordless = "passwordless";
    public const string StepUp = "step_up";

    /// <summary>How long a ceremony can be finished after it began.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Adds a ceremony for <paramref name="challenge"/> to the unit of work and saves.</summary>
    public async Task StartAsync(string kind, byte[] challenge, string optionsJson, Guid? accountId, Guid? twoFactorChallengeId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await db.PasskeyCeremonies.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.PasskeyCeremonies.Add(new PasskeyCeremony
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            ChallengeHash = SHA256.HashData(challenge),
            AccountId = accountId,
            TwoFactorChallengeId = twoFactorChallengeId,
            Options = optionsJson,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Claims the live ceremony of <paramref name="kind"/> whose challenge <paramref name="clientDataJson"/> names;
    /// null when there is none (unknown, used, expired, another kind) or the client data cannot be read.
    /// </summary>
    public async Task<PasskeyCeremony?> ClaimAsync(string kind, byte[]? clientDataJson, CancellationToken cancellationToken)
    {
        if (ChallengeOf(clientDataJson) is not { } challenge)
        {
            return null;
        }

        var hash = SHA256.HashData(challenge);
        var now = timeProvider.GetUtcNow();
        var ceremony = await db.PasskeyCeremonies.AsNoTracking().SingleOrDefaultAsync(c => c.ChallengeHash == hash, cancellationToken);
        if (ceremony is null || ceremony.Kind != kind || ceremony.UsedAt is not null || now >= ceremony.ExpiresAt)
        {
            return null;
        }

        var claimed = await db.PasskeyCeremonies.Where(c => c.Id == ceremony.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken);
        return claimed == 1 ? ceremony : null;
    }

    private static byte[]? ChallengeOf(byte[]? clientDataJson)
    {
        if (clientDataJson is null || clientDataJson.Length is 0 or > 8192)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(clientDataJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("challenge", out var challenge)
                && challenge.ValueKind == JsonValueKind.String
                ? Base64Url.DecodeFromChars(challenge.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
