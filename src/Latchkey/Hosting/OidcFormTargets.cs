using Latchkey.Http;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;

namespace Latchkey.Hosting;

/// <summary>
/// Keeps the strict <c>form-action</c> from breaking OpenID Connect sign-ins: a form posted on the sign-in, second-factor
/// or consent page of an authorization request ends in a redirect to the client, and Chromium checks every redirect
/// after a form post against the page's <c>form-action</c>. On those pages the origin of the request's
/// <c>redirect_uri</c> is added, and only when it is one the client registered (OpenIddict has checked it on
/// <see cref="OidcPaths.AuthorizePath"/>; for a <c>returnUrl</c> that leads there it is checked here). Every other page
/// keeps <c>form-action 'self'</c>.
/// </summary>
internal sealed class OidcFormTargets(IOpenIddictApplicationManager applications) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.Request.Path.Equals(OidcPaths.AuthorizePath, StringComparison.OrdinalIgnoreCase))
        {
            if (http.GetOpenIddictServerRequest()?.RedirectUri is { } redirect && Uri.TryCreate(redirect, UriKind.Absolute, out var uri))
            {
                SecurityHeaders.AllowFormTarget(http, uri);
            }
        }
        else if (await RegisteredRedirectAsync(http) is { } target)
        {
            SecurityHeaders.AllowFormTarget(http, target);
        }

        await next();
    }

    private async Task<Uri?> RegisteredRedirectAsync(HttpContext http)
    {
        string? returnUrl = http.Request.Query["returnUrl"];
        if (string.IsNullOrEmpty(returnUrl) && http.Request.HasFormContentType)
        {
            returnUrl = (await http.Request.ReadFormAsync(http.RequestAborted))["returnUrl"];
        }

        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith(OidcPaths.AuthorizePath + "?", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(returnUrl[returnUrl.IndexOf('?', StringComparison.Ordinal)..]);
        string? clientId = query["client_id"];
        string? redirect = query["redirect_uri"];
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(redirect) || !Uri.TryCreate(redirect, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var application = await applications.FindByClientIdAsync(clientId, http.RequestAborted);
        if (application is null)
        {
            return null;
        }

        var registered = await applications.GetRedirectUrisAsync(application, http.RequestAborted);
        return registered.Contains(redirect, StringComparer.Ordinal) ? uri : null;
    }
}
