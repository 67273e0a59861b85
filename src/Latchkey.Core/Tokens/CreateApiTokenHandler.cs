using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Tokens;

/// <summary>
/// Creates a personal API token and returns its secret once. Refused for an empty or over-long name, no scope or an
/// unknown one, an expiry outside 1…<see cref="ApiTokenOptions.MaxLifetimeDays"/> days, a disabled account, and
/// beyond <see cref="ApiTokenOptions.MaxTokensPerAccount"/> live tokens. Callers make sure a token never creates
/// tokens (the API refuses Bearer requests here).
/// </summary>
public sealed class CreateApiTokenHandler(LatchkeyDbContext db, AuditLog auditLog, StepUp stepUp, IOptions<ApiTokenOptions> options, TimeProvider timeProvider)
{
    public const string NameField = "name";
    public const string ScopesField = "scopes";
    public const string ExpiresField = "expiresInDays";

    public async Task<Result<CreatedApiToken>> HandleAsync(CreateApiTokenCommand command, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        var name = command.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > ApiToken.MaxNameLength || name.Any(char.IsControl))
        {
            return Failure.Field(ErrorCodes.Validation, NameField, "Name the token (the script or app it is for), in at most {0} characters.", ApiToken.MaxNameLength);
        }

        var (scopes, unknown) = ApiTokenScopes.Parse(command.Scopes);
        if (unknown is not null || scopes.Count == 0)
        {
            return Failure.Field(ErrorCodes.Validation, ScopesField,
                (unknown is null ? "Choose at least one scope: " : $"'{unknown}' is not a scope. Choose from: ") + string.Join(", ", ApiTokenScopes.All) + ".");
        }

        var days = command.ExpiresInDays ?? settings.DefaultLifetimeDays;
        if (days < 1 || days > settings.MaxLifetimeDays)
        {
            return Failure.Field(ErrorCodes.Validation, ExpiresField, "A token expires after 1 to {0} days.", settings.MaxLifetimeDays);
        }

        var account = await db.Users.AsNoTracking().Where(a => a.Id == command.AccountId).Select(a => new { a.Email, a.Disabled }).SingleOrDefaultAsync(cancellationToken);
        if (account is null || account.Disabled)
        {
            return Result<CreatedApiToken>.Fail(ErrorCodes.Unauthorized, "Sign in again.");
        }

        if (command.SessionId is not null && await stepUp.RequireAsync(command.AccountId, command.SessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        var now = timeProvider.GetUtcNow();
        var live = await db.ApiTokens.CountAsync(t => t.AccountId == command.AccountId && t.RevokedAt == null && t.ExpiresAt > now, cancellationToken);
        if (live >= settings.MaxTokensPerAccount)
        {
            return Failure.Field(ErrorCodes.Validation, NameField, "You have {0} live tokens, the most allowed. Revoke one you no longer use first.", live);
        }

        var secret = ApiTokenSecrets.NewToken();
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            AccountId = command.AccountId,
            Name = name,
            TokenHash = ApiTokenSecrets.Hash(secret),
            Scopes = string.Join(' ', scopes),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.ApiTokens.Add(token);
        auditLog.Add(AuditEventTypes.ApiTokenCreated, AuditEventTypes.Success, context, command.AccountId, account.Email, $"{token.Id} {token.Scopes}");
        await db.SaveChangesAsync(cancellationToken);
        return Result<CreatedApiToken>.Ok(new CreatedApiToken(ApiTokenView.From(token), secret));
    }
}
