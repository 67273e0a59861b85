namespace Latchkey.Http;

/// <summary>The client's address and browser as recorded in sessions and the audit log.</summary>
internal static class RequestInfo
{
    public static string Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static string UserAgent(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        return agent.Length > 512 ? agent[..512] : agent;
    }
}
