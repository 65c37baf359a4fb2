using BackupFleet.Shared.Hub;

namespace BackupFleet.Server.Features.Agents;

/// <summary>
/// Answers an agent's negotiate request with "Connection: close". Once negotiated, the agent's hub connection is a WebSocket
/// of its own, and the HTTP connection it negotiated on would stay open, idle, in both processes until a keep-alive timeout
/// (a minute on the agent's side): every agent that connected held two sockets. 10,000 agents connecting within a minute
/// then need 20,000 open files, the limit of many machines, and at that limit the .NET runtime ends the server with
/// "Out of memory.".
/// </summary>
public static class AgentNegotiation
{
    public static readonly PathString NegotiatePath = AgentHubRoute.Path + "/negotiate";

    public static IApplicationBuilder UseAgentNegotiationClosesConnection(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // HTTP/2 and later have no Connection header: their streams share one connection anyway.
        if (context.Request.Path.StartsWithSegments(NegotiatePath) && HttpProtocol.IsHttp11(context.Request.Protocol))
            context.Response.Headers.Connection = "close";
        return next(context);
    });
}
