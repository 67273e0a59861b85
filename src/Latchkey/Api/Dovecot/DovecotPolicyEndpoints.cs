using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Latchkey.Core.Common;
using Latchkey.Core.Mailboxes;
using Latchkey.Http;

namespace Latchkey.Api.Dovecot;

/// <summary>
/// <c>POST /dovecot/policy?command=allow|report</c>: Dovecot's auth-policy protocol. Only Dovecot may call it: the
/// request must carry the shared secret as HTTP Basic auth (user <c>dovecot</c>), compared in constant time; any
/// other request is refused (401) before its body is read. Answers are always <c>{"status","msg"}</c> with 200.
/// </summary>
internal static class DovecotPolicyEndpoints
{
    public const string Path = "/dovecot/policy";

    private const string LogCategory = "Latchkey.Api.Dovecot.DovecotPolicyEndpoints";

    public static void MapDovecotPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync).AllowAnonymous().WithTags("Dovecot")
            .Accepts<DovecotPolicyBody>("application/json").Produces<DovecotPolicyAnswer>().Problems(400, 401, 413, 500, 503)
            .WithSummary("Dovecot's auth-policy protocol: allow before/after the password check, report after (shared secret).");
    }

    internal static async Task<IResult> HandleAsync(
        string? command,
        HttpContext context,
        DovecotPolicySecrets secrets,
        CheckMailLoginHandler check,
        ReportMailLoginHandler report,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!await AuthorizedAsync(context, secrets, cancellationToken))
        {
            MailboxesLog.PolicyRequestRefused(loggers.CreateLogger(LogCategory), RequestInfo.Ip(context), "no_secret");
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"latchkey-dovecot\"";
            return ApiProblems.Result(new Failure(ErrorCodes.Unauthorized, "Only Dovecot, with the shared secret, may use this endpoint."));
        }

        if (command is not ("allow" or "report"))
        {
            return ApiProblems.Result(Failure.Field(ErrorCodes.Validation, "command", "command must be allow or report."));
        }

        DovecotPolicyBody? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<DovecotPolicyBody>(cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            body = null;
        }

        if (body is null)
        {
            return ApiProblems.Result(new Failure(ErrorCodes.Validation, "The body must be Dovecot's JSON policy request."));
        }

        var attempt = new MailLoginAttempt(
            body.Login?.Trim() ?? "",
            body.PwHash ?? "",
            string.IsNullOrWhiteSpace(body.Remote) ? "unknown" : body.Remote.Trim(),
            string.IsNullOrWhiteSpace(body.Protocol) ? "unknown" : body.Protocol.Trim(),
            string.IsNullOrWhiteSpace(body.DeviceId) ? null : body.DeviceId,
            body.Stale == "y",
            Guid.TryParse(body.AppPassword, out var appPassword) ? appPassword : null,
            body.Success,
            body.PolicyReject == true);
        if (command == "report")
        {
            await report.HandleAsync(attempt, cancellationToken);
            LatchkeyMetrics.SignIn(attempt.Success == true ? "success" : "failure", attempt.Protocol is "imap" or "pop3" or "submission" or "smtp" or "lmtp" or "sieve" ? attempt.Protocol : "other");
            return TypedResults.Ok(new DovecotPolicyAnswer(0, ""));
        }

        var verdict = await check.HandleAsync(attempt, cancellationToken);
        LatchkeyMetrics.PolicyVerdict(verdict.Status switch { < 0 => "refuse", > 0 => "delay", _ => "allow" });
        return TypedResults.Ok(new DovecotPolicyAnswer(verdict.Status, verdict.Message));
    }

    /// <summary>Basic auth with user <c>dovecot</c> and the stored secret; false when no secret was generated yet.</summary>
    private static async Task<bool> AuthorizedAsync(HttpContext context, DovecotPolicySecrets secrets, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 512)
        {
            return false;
        }

        var decoded = new byte[384];
        if (!Convert.TryFromBase64String(header[6..].Trim(), decoded, out var length))
        {
            return false;
        }

        var secret = await secrets.FindAsync(cancellationToken);
        if (secret is null)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{DovecotConfig.PolicyUser}:{secret.Secret}");
        return CryptographicOperations.FixedTimeEquals(decoded.AsSpan(0, length), expected);
    }
}
