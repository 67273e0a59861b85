using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Latchkey.Api;

/// <summary>
/// The problem answers an API endpoint can give, as OpenAPI response metadata. Each endpoint declares its own
/// (<see cref="Problems"/>: 404 for an unknown id, 409 for a duplicate …); <see cref="DeclareCommonProblems"/> adds
/// those that come from the pipeline rather than the handler, so no endpoint can forget them: 500 and 503 everywhere,
/// 401 and 403 (no session, <c>forbidden</c>, <c>insufficient_scope</c>, the password-change and second-factor gates)
/// where a session is required, 403 <c>cross_origin</c> and 415 on state-changing methods, 400 and 413 where a body is read.
/// </summary>
internal static class ApiResponses
{
    private static readonly string[] _problemTypes = ["application/problem+json"];

    /// <summary>Declares RFC 9457 problem answers with these statuses.</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>Runs last, once every endpoint of the group has its own metadata (AllowAnonymous, its body).</summary>
    public static RouteGroupBuilder DeclareCommonProblems(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            var method = metadata.OfType<IHttpMethodMetadata>().FirstOrDefault()?.HttpMethods is [var first, ..] ? first : HttpMethods.Get;
            var stateChanging = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
            var readsBody = metadata.OfType<IAcceptsMetadata>().Any(accepts => accepts.RequestType is not null);
            var statuses = new List<int> { StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable };
            if (metadata.OfType<IAllowAnonymous>().FirstOrDefault() is null)
            {
                statuses.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
            }

            if (stateChanging)
            {
                statuses.AddRange([StatusCodes.Status403Forbidden, StatusCodes.Status415UnsupportedMediaType]);
            }

            if (readsBody)
            {
                statuses.AddRange([StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge]);
            }

            foreach (var status in statuses.Distinct())
            {
                if (!metadata.OfType<IProducesResponseTypeMetadata>().Any(declared => declared.StatusCode == status))
                {
                    metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), _problemTypes));
                }
            }
        });
        return group;
    }
}
