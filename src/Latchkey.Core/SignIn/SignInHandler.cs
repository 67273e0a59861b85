using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Passwords;

namespace Latchkey.Core.SignIn;

/// <summary>
/// Checks an e-mail address and password and opens a server-side session.
/// </summary>
/// <remarks>
/// Every refusal is the same <see cref="ErrorCodes.InvalidCredentials"/> with <see cref="RefusedMessage"/> after the
/// same Argon2id work (<see cref="SignInPasswordCheck"/>): unknown address, wrong password, the previous password, a
/// disabled account, no panel access, and an account locked for this source, so neither the answer nor its timing
/// tells whether an account exists, changed its password or is locked (ASVS 6.3.8). The audit event records the real
/// reason. A lock holds for unknown sources only (docs/lockout.md): a browser presenting a valid device cookie for
/// the account (<see cref="TrustedDevices"/>) is compared as usual, and its wrong passwords count toward the device's
/// own limit instead of the account's lock. An IP address with too many failures gets
/// <see cref="ErrorCodes.RateLimited"/> before any hashing. A browser still sending the previous password is recorded
/// as a stale device and does not count (<see cref="FailedSignInRecorder"/>).
/// </remarks>
public sealed class SignInHandler(
    SignInAccounts accounts,
    SignInPasswordCheck passwordCheck,
    SignInSource source,
    SignInRefusals refusals,
    SignInCompletion completion)
{
    /// <summary>The one answer to every refused sign-in, whatever the reason.</summary>
    public const string RefusedMessage = "The e-mail address or password is not correct.";

    public const string IpRefusedMessage = "Too many failed sign-ins from your address. Try again later.";

    public async Task<Result<SignedIn>> HandleAsync(SignInRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PasswordSize.Check("password", request.Password) is { } tooLong)
        {
            return tooLong;
        }

        var context = AuditContext.Anonymous(request.Ip, request.UserAgent);
        EmailAddress.TryNormalize(request.Email, out var email, out _);
        var login = email.Length == 0 ? ColumnWidths.Fit(request.Email.Trim(), ColumnWidths.Login) : email;
        Account? account;
        string? deviceId;
        bool lockedOut;
        await using (await accounts.HoldConnectionAsync(cancellationToken))
        {
            if (await source.AddressRefusedAsync(request.Ip, cancellationToken))
            {
                await refusals.RefuseAsync(context, null, ColumnWidths.Fit(request.Email.Trim(), ColumnWidths.Login), "ip_refused", cancellationToken);
                return Result<SignedIn>.Fail(ErrorCodes.RateLimited, IpRefusedMessage);
            }

            account = email.Length == 0 ? null : await accounts.FindAsync(email, cancellationToken);
            (deviceId, lockedOut) = await source.AssessAsync(account, request.DeviceCookie, cancellationToken);
        }

        var outcome = await passwordCheck.CheckAsync(account, request.Password, compare: !lockedOut, request.Ip, cancellationToken);
        await using var held = await accounts.HoldConnectionAsync(cancellationToken);
        if (account is null)
        {
            return await refusals.WrongPasswordAsync(context, null, login, request, previous: false, null, "unknown_account", cancellationToken);
        }

        if (lockedOut)
        {
            return await refusals.RefuseAsync(context, account.Id, account.Email, "locked", cancellationToken);
        }

        if (outcome != PasswordCheckOutcome.Matches)
        {
            var previous = outcome == PasswordCheckOutcome.Previous;
            return await refusals.WrongPasswordAsync(context, account, login, request, previous, deviceId, previous ? "previous_password" : "wrong_password", cancellationToken);
        }

        if (account.Disabled || !account.PanelAccess)
        {
            await passwordCheck.CompleteRefusalAsync(request.Password, request.Ip, cancellationToken);
            return await refusals.RefuseAsync(context, account.Id, account.Email, account.Disabled ? "disabled" : "no_panel_access", cancellationToken);
        }

        return await completion.PasswordVerifiedAsync(account, request, deviceId, cancellationToken);
    }
}
