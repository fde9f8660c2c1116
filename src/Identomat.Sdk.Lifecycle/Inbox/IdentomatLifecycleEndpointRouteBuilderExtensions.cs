using Identomat.Sdk.Lifecycle;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Identomat callback inbox.</summary>
public static class IdentomatLifecycleEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> to the callback inbox: 401 for a missing or wrong <c>callbackApiKey</c>, 400 for a
    /// malformed body, 413 for one over <see cref="Identomat.Sdk.IdentomatCallbackParser.MaxBodyBytes"/> (never echoed),
    /// 200 once the callback is stored (a duplicate too), 503 when the database cannot store it (the sender retries).
    /// The vendor's requests carry no cookie or antiforgery token: the key in the body authenticates them.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="pattern">The route, the callback URL you configure at the vendor (default <c>/identomat/callback</c>).</param>
    /// <returns>The endpoint, for more conventions (rate limiting, host filtering).</returns>
    public static IEndpointConventionBuilder MapIdentomatCallbackInbox(this IEndpointRouteBuilder endpoints, string pattern = "/identomat/callback")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var inbox = endpoints.ServiceProvider.GetService<CallbackInbox>()
            ?? throw new InvalidOperationException("Call services.AddIdentomatLifecycle<TContext>() before mapping the callback inbox.");
        return endpoints.MapPost(pattern, (RequestDelegate)inbox.AcceptAsync).WithDisplayName("Identomat callback inbox");
    }
}
