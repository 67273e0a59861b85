namespace Latchkey.Core.Sessions;

/// <summary>A session as the Security page and <c>GET /api/v1/me/sessions</c> show it.</summary>
public sealed record SessionView(Guid Id, bool Current, string Device, string Ip, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);
