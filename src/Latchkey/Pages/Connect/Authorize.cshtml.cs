using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Latchkey.Core.Oidc;
using Latchkey.Http;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Latchkey.Pages.Connect;

/// <summary>
/// The OpenID Connect authorization endpoint. A visitor without a session is sent to Latchkey's own /login (lockout
/// and every sign-in rule included) and comes back here. A first-party client, or one the user has already allowed
/// for these scopes, gets its code at once; any other shows the consent screen, whose answer is posted back here with
/// the original request.
/// </summary>
public sealed class AuthorizeModel(IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, TimeProvider timeProvider) : PageModel
{
    public string ClientName { get; private set; } = "";

    public IReadOnlyList<string> RequestedScopes { get; private set; } = [];

    /// <summary>The original request's parameters, echoed as hidden fields by the consent form.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (request, application) = await LoadAsync(cancellationToken);
        var subject = CurrentSession.Required(HttpContext).AccountId.ToString();
        var applicationId = (await applications.GetIdAsync(application, cancellationToken))!;
        if (await applications.GetConsentTypeAsync(application, cancellationToken) == ConsentTypes.Implicit)
        {
            return await IssueAsync(request, applicationId, cancellationToken);
        }

        // The consent is looked up to the end before issuing: one connection cannot run the insert while this reader is open.
        var consented = false;
        await foreach (var _ in authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes(), cancellationToken))
        {
            consented = true;
            break;
        }

        if (consented)
        {
            return await IssueAsync(request, applicationId, cancellationToken);
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return Refuse(Errors.ConsentRequired, "The user has not allowed this application yet.");
        }

        ClientName = await applications.GetDisplayNameAsync(application, cancellationToken) ?? request.ClientId ?? "";
        RequestedScopes = [.. request.GetScopes()];
        Parameters = [.. request.GetParameters().Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString() ?? ""))];
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        var (request, application) = await LoadAsync(cancellationToken);
        var session = CurrentSession.Required(HttpContext);
        var identity = OidcIdentity.Create(session.Account, session.Roles);
        var applicationId = (await applications.GetIdAsync(application, cancellationToken))!;
        await authorizations.CreateAsync(identity, session.AccountId.ToString(), applicationId, AuthorizationTypes.Permanent, request.GetScopes(), cancellationToken);
        return await IssueAsync(request, applicationId, cancellationToken);
    }

    public IActionResult OnPostDeny() => Refuse(Errors.AccessDenied, "The user did not allow this application.");

    private async Task<(OpenIddictRequest Request, object Application)> LoadAsync(CancellationToken cancellationToken)
    {
        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict validated a client that no longer exists.");
        return (request, application);
    }

    /// <summary>
    /// Issues the code under a new ad-hoc authorization that records this Latchkey session (the tokens' <c>sid</c>), so
    /// the sign-out that ends the session can name it in the client's logout token. A permanent authorization, when
    /// there is one, only records the consent.
    /// </summary>
    private async Task<SignInResult> IssueAsync(OpenIddictRequest request, string applicationId, CancellationToken cancellationToken)
    {
        var session = CurrentSession.Required(HttpContext);
        var identity = OidcIdentity.Create(session.Account, session.Roles, session.SessionId);
        identity.SetScopes(request.GetScopes().Intersect(OidcIdentity.SupportedScopes).ToImmutableArray());
        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = applicationId,
            CreationDate = timeProvider.GetUtcNow(),
            Status = Statuses.Valid,
            Subject = session.AccountId.ToString(),
            Type = AuthorizationTypes.AdHoc,
        };
        descriptor.Scopes.UnionWith(identity.GetScopes());
        descriptor.Properties[OidcClientProperties.SessionId] = JsonSerializer.SerializeToElement(session.SessionId.ToString());
        var authorization = await authorizations.CreateAsync(descriptor, cancellationToken);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, cancellationToken));
        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private ForbidResult Refuse(string error, string description) =>
        Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
