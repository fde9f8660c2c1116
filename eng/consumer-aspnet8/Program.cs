using Identomat.Sdk;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddIdentomat(builder.Configuration.GetSection("Identomat"));
var app = builder.Build();

app.MapGet("/verify/{userId}", async (string userId, IIdentomatClient identomat, CancellationToken cancellationToken) =>
{
    var session = await identomat.BeginSessionAsync(new SessionBuilder().ForClientUser(userId).AddLiveness().Build(), cancellationToken);
    return Results.Redirect(session.WidgetUrl.ToString());
});

app.MapPost("/identomat/callback", async (HttpRequest http, IdentomatCallbackParser callbacks) =>
{
    try
    {
        var callback = await callbacks.ParseAsync(http.Body, http.HttpContext.RequestAborted);
        return Results.Ok(callback.Type);
    }
    catch (IdentomatCallbackException ex)
    {
        return ex.Error == IdentomatCallbackError.WrongKey ? Results.Unauthorized() : Results.BadRequest();
    }
});

app.Run();
