namespace Latchkey.Api.Sessions;

/// <summary>Body of <c>POST /api/v1/me/sessions/revoke-all</c>: with <see cref="IncludeCurrent"/> this session ends too.</summary>
public sealed record RevokeAllBody(bool IncludeCurrent = false);
