using Latchkey.Core.Common;
using Latchkey.Core.Domains;
using Latchkey.Core.Passwords;
using Latchkey.Http;

namespace Latchkey.Api.Domains;

internal static class DomainsEndpoints
{
    public static RouteGroupBuilder MapDomainsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/domains", ListAsync).Produces<ItemsResponse<DomainSummary>>().WithSummary("The domains you manage, with their account counts.");
        api.MapPost("/domains", CreateAsync).Produces<CreatedDomainResponse>(StatusCodes.Status201Created).Problems(409).WithSummary("Add a domain (Administrators).");
        api.MapGet("/domains/{name}/password-policy", GetPolicyAsync).Produces<DomainPolicyView>().Problems(404).WithSummary("The domain's password policy, and whether it is its own or the global one.");
        api.MapPut("/domains/{name}/password-policy", SetPolicyAsync).Produces<DomainPolicyView>().Problems(404).WithSummary("Set the domain's own password policy (Managers of the domain, Administrators); send null to use the global one.");
        return api;
    }

    internal static async Task<IResult> ListAsync(HttpContext context, ListDomainsHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(CurrentSession.Actor(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new ItemsResponse<DomainSummary>(result.Value, result.Value.Count)) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> CreateAsync(CreateDomainBody body, HttpContext context, CreateDomainHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(body.Name ?? "", CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Created($"/api/v1/domains/{result.Value.Name}", new CreatedDomainResponse(result.Value.Name)) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> GetPolicyAsync(string name, HttpContext context, GetDomainPolicyHandler handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(name, CurrentSession.Actor(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(DomainPolicyView.From(result.Value)) : ApiProblems.Result(result.Failure);
    }

    internal static async Task<IResult> SetPolicyAsync(string name, SetPolicyBody body, HttpContext context, SetDomainPolicyHandler handler, CancellationToken cancellationToken)
    {
        var policy = body.Preset is { } preset
            ? PasswordPolicy.FromPreset(preset) is { } known ? known : null
            : body.Policy;
        if (body.Preset is not null && policy is null)
        {
            return ApiProblems.Result(Failure.Field(ErrorCodes.Validation, "preset", "The preset must be 'default' or 'nist-800-63b'."));
        }

        var result = await handler.HandleAsync(name, policy, CurrentSession.Actor(context), CurrentSession.Audit(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(DomainPolicyView.From(result.Value)) : ApiProblems.Result(result.Failure);
    }
}
