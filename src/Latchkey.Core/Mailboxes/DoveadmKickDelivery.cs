using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Mailboxes;

/// <summary>
/// Delivers <see cref="OutboxKinds.DovecotKick"/>: asks Dovecot's doveadm HTTP API (its address and key come from
/// the last <c>latchkey dovecot config</c>, kept in the store) to <c>kick</c> every IMAP and SMTP connection of the
/// address. Kicking an account with no connection succeeds. Any other answer throws, so the outbox retries. Before
/// Latchkey has generated a configuration there is no Dovecot to tell, and the message is dropped with a warning.
/// </summary>
internal sealed class DoveadmKickDelivery(DovecotPolicySecrets secrets, ILogger<DoveadmKickDelivery> logger) : IOutboxDelivery
{
    /// <summary>doveadm's exit code when the mask matched no connection ("no users kicked"): nothing to close.</summary>
    public const int NothingToKick = 68;

    private static readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Kind => OutboxKinds.DovecotKick;

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var secret = await secrets.FindAsync(cancellationToken);
        if (secret is not { DoveadmUrl: { Length: > 0 } url, DoveadmApiKey: { Length: > 0 } key })
        {
            MailboxesLog.KickSkipped(logger, message.To);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new object[] { new object[] { "kick", new { mask = new[] { message.To } }, "latchkey" } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("X-Dovecot-API", Convert.ToBase64String(Encoding.UTF8.GetBytes(key)));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"doveadm answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var reply = answer.RootElement[0];
        var kind = reply[0].GetString();
        if (kind == "error" && !(reply[1].TryGetProperty("exitCode", out var code) && code.GetInt32() == NothingToKick))
        {
            throw new InvalidOperationException($"doveadm kick failed: {reply[1].GetRawText()}");
        }

        MailboxesLog.Kicked(logger, message.To, kind == "error" ? "no connection was open" : reply[1].GetRawText());
    }
}
