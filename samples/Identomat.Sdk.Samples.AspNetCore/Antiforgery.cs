using Microsoft.AspNetCore.Antiforgery;

/// <summary>Antiforgery for endpoints that read no form.</summary>
internal static class AntiforgeryEndpoints
{
    /// <summary>
    /// Answers 400 to a request without a valid antiforgery token (a form posted from another site carries the user's
    /// cookie but not the token). ASP.NET Core checks tokens by itself only where an endpoint binds a form; the
    /// endpoints that start a verification take none, so they ask for the check.
    /// </summary>
    public static RouteHandlerBuilder RequireAntiforgeryToken(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context.HttpContext)
                ? await next(context)
                : Results.BadRequest());
}
