using Fido2NetLib;

namespace Latchkey.Api.TwoFactor;

/// <summary>Body of <c>POST /api/v1/me/passkeys</c>: the passkey's name and the browser's <c>navigator.credentials.create</c> answer (base64url fields).</summary>
public sealed record AddPasskeyBody(string? Name, AuthenticatorAttestationRawResponse? Credential);

/// <summary>Body of the passkey sign-in calls: the sign-in challenge (second step only) and the <c>navigator.credentials.get</c> answer.</summary>
public sealed record PasskeySignInBody(string? Challenge, AuthenticatorAssertionRawResponse? Credential);

/// <summary>Body of <c>POST /api/v1/session/two-factor/passkey/options</c>: the challenge from the password step.</summary>
public sealed record PasskeyOptionsBody(string? Challenge);

/// <summary>Body of <c>POST /api/v1/me/step-up/passkey</c>: the <c>navigator.credentials.get</c> answer to the step-up options.</summary>
public sealed record PasskeyStepUpBody(AuthenticatorAssertionRawResponse? Credential);

/// <summary>Body of <c>PATCH /api/v1/me/passkeys/{id}</c>: the passkey's new name.</summary>
public sealed record RenamePasskeyBody(string? Name);
