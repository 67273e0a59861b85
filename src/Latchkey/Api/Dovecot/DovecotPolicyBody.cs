using System.Text.Json.Serialization;

namespace Latchkey.Api.Dovecot;

/// <summary>
/// The JSON Dovecot 2.3's auth-policy client posts (the attributes of the generated
/// <c>auth_policy_request_attributes</c>, plus <c>tls</c>, and <c>success</c>/<c>policy_reject</c> on reports).
/// </summary>
public sealed record DovecotPolicyBody(
    [property: JsonPropertyName("login")] string? Login,
    [property: JsonPropertyName("pwhash")] string? PwHash,
    [property: JsonPropertyName("remote")] string? Remote,
    [property: JsonPropertyName("device_id")] string? DeviceId,
    [property: JsonPropertyName("protocol")] string? Protocol,
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("stale")] string? Stale,
    [property: JsonPropertyName("app_password")] string? AppPassword,
    [property: JsonPropertyName("tls")] bool? Tls,
    [property: JsonPropertyName("success")] bool? Success,
    [property: JsonPropertyName("policy_reject")] bool? PolicyReject);
