namespace Latchkey.Api.Sessions;

/// <summary><c>{"ended":N}</c>: how many sessions a revoke-all ended.</summary>
public sealed record EndedSessionsResponse(int Ended);
