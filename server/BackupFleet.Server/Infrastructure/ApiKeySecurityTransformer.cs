using BackupFleet.Server.Features.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BackupFleet.Server.Infrastructure;

/// <summary>Declares the X-Api-Key header in the OpenAPI document so the API page can send it.</summary>
public sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "BackupFleet API";
        document.Info.Description = "Backup policies, runs and hosts of a Windows Server Backup fleet. Send an API key in the X-Api-Key header.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AuthSchemes.ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AuthSchemes.ApiKeyHeader,
            Description = "An API key; the server's Bootstrap:ApiKey setting seeds the first one.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthSchemes.ApiKey, document)] = [] });
        return Task.CompletedTask;
    }
}
