using Microsoft.Extensions.Logging;

namespace Latchkey.Core.SignIn;

/// <summary>
/// Log messages of the SignIn feature: event ids 1200-1201 (kept from when sign-in lived in Sessions). Never a
/// token, password or cookie.
/// </summary>
internal static partial class SignInLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Account {AccountId} signed in, session {SessionId}")]
    public static partial void SignedIn(ILogger logger, Guid accountId, Guid sessionId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Sign-in refused for account {AccountId}: {Reason}")]
    public static partial void SignInRefused(ILogger logger, Guid? accountId, string reason);
}
