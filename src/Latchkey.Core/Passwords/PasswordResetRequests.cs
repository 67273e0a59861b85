using System.Threading.Channels;
using Latchkey.Core.Audit;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.Passwords;

/// <summary>
/// "Forgot password" requests waiting for <see cref="PasswordResetWorker"/>: the page and the API answer at once,
/// before any lookup, token or e-mail, so the answer and its timing are the same for every address. Bounded
/// (<see cref="Capacity"/>); beyond it requests are dropped (and logged), never queued without limit.
/// </summary>
public sealed class PasswordResetRequests(ILogger<PasswordResetRequests> logger)
{
    public const int Capacity = 1024;

    private readonly Channel<(string? Email, AuditContext Context)> _channel = Channel.CreateBounded<(string?, AuditContext)>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    internal ChannelReader<(string? Email, AuditContext Context)> Reader => _channel.Reader;

    public void Enqueue(string? email, AuditContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_channel.Writer.TryWrite((email, context)))
        {
            PasswordsLog.ResetRequestDropped(logger);
        }
    }
}
