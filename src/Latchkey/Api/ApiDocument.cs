using Latchkey.Core.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Latchkey.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: the two ways to authenticate (the session cookie and
/// <c>Authorization: Bearer lk_…</c> personal tokens) as security schemes, each operation that needs a session naming
/// both (the Bearer requirement lists the token scope <see cref="ApiScopeGate"/> asks for, or is left out where no
/// token may call it), and the problem schema with Latchkey's <c>code</c> and <c>errors</c> members.
/// </summary>
internal static class ApiDocument
{
    public const string CookieScheme = "sessionCookie";
    public const string BearerScheme = "apiToken";

    public static IServiceCollection AddLatchkeyOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                var cookie = context.ApplicationServices.GetRequiredService<IOptions<LatchkeySessionOptions>>().Value.CookieName;
                document.Info.Title = "Latchkey API";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = cookie,
                    Description = "The session cookie that POST /api/v1/session sets.",
                };
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "lk_…",
                    Description = "A personal API token (lk_ and 43 base64url characters); the operation's requirement names the scope it needs.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
                {
                    return Task.CompletedTask;
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] });
                if (ApiScopeGate.RequiredScope(context.Description.HttpMethod ?? HttpMethods.Get, "/" + context.Description.RelativePath) is { } scope)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [scope] });
                }

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
                {
                    schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                    schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Latchkey's stable error code (docs/api.md)." };
                    schema.Properties["errors"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "Field failures, keyed by the JSON field name: codes or password rule ids.",
                        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                    };
                }

                return Task.CompletedTask;
            });
        });
}
