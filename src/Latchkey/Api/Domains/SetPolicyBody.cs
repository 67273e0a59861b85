using Latchkey.Core.Passwords;

namespace Latchkey.Api.Domains;

/// <summary>Body of <c>PUT /api/v1/domains/{name}/password-policy</c>: a preset name, or a whole policy, or neither (global).</summary>
public sealed record SetPolicyBody(string? Preset, PasswordPolicy? Policy);
